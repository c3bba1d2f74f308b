import Taro from '@tarojs/taro'

const pages = {
  list: '/packages/garden/matters/index',
  detail: '/packages/garden/matters/detail/index',
  new: '/packages/garden/matters/new/index',
} as const

export function openMatters(page: keyof typeof pages, villageId: string, extra: Record<string, string> = {}): void {
  const query = Object.entries({ villageId, ...extra })
    .map(([k, val]) => `${k}=${encodeURIComponent(val)}`)
    .join('&')
  void Taro.navigateTo({ url: `${pages[page]}?${query}` })
}
