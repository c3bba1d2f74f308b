import Taro from '@tarojs/taro'

export const routes = {
  home: '/pages/home/index',
  vote: '/pages/vote/index',
  garden: '/pages/garden/index',
  workshop: '/pages/workshop/index',
  mine: '/pages/mine/index',
  login: '/pages/login/index',
  villageOverview: '/packages/village/overview/index',
  villageAudit: '/packages/village/audit/index',
} as const

export function villagePageUrl(page: 'villageOverview' | 'villageAudit', villageId: string): string {
  return `${routes[page]}?villageId=${encodeURIComponent(villageId)}`
}

function onLoginPage(): boolean {
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]
  return current?.route?.replace(/^\//, '').split('?')[0] === routes.login.slice(1)
}

/** Clears the page stack so a logged-out reader cannot go "back" into a member page. */
export function goToLogin(): void {
  if (onLoginPage()) return
  void Taro.reLaunch({ url: routes.login })
}

export function goHome(): void {
  void Taro.switchTab({ url: routes.home })
}
