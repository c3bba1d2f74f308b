import Taro from '@tarojs/taro'
import { pages, pageUrl, tabPages } from './pages'

/** The main package's pages by name (lib/pages.ts holds every page). */
export const routes = pages.main

export function villagePageUrl(page: keyof typeof pages.village, villageId: string): string {
  return pageUrl(pages.village[page], { villageId })
}

function onLoginPage(): boolean {
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]
  return current?.route?.replace(/^\//, '').split('?')[0] === routes.login.slice(1)
}

/**
 * Where a login should return to: one of our own pages with its query, never another site or the
 * login page itself (the value travels in a URL anyone can write).
 */
export function safeReturnTo(value: string | undefined): string | null {
  if (!value) return null
  const url = value.startsWith('%2F') ? decodeURIComponent(value) : value
  if (!/^\/(pages|packages)\/[a-z0-9/_-]+\/index(\?[A-Za-z0-9=&%._~-]*)?$/.test(url)) return null
  if (url.split('?')[0] === routes.login) return null
  return url
}

/** The page being shown, as a URL a login can come back to (Taro's own stamps left out). */
function currentPageUrl(): string | null {
  const router = Taro.getCurrentInstance().router
  const path = (router?.path ?? '').split('?')[0] ?? ''
  if (!path) return null
  const query = Object.entries(router?.params ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !entry[0].startsWith('$') && entry[0] !== 'stamp')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')
  return safeReturnTo(`${path.startsWith('/') ? path : `/${path}`}${query ? `?${query}` : ''}`)
}

/**
 * Clears the page stack so a logged-out reader cannot go "back" into a member page, and keeps
 * the page they were on: a villager who scanned a notice's QR code comes back to that notice.
 */
export function goToLogin(): void {
  if (onLoginPage()) return
  const back = currentPageUrl()
  const home = back === null || back.split('?')[0] === routes.home
  void Taro.reLaunch({ url: home ? routes.login : `${routes.login}?returnTo=${encodeURIComponent(back)}` })
}

export function goHome(): void {
  void Taro.switchTab({ url: routes.home })
}

/** After a login: back to the page the reader came from, or home. */
export function goBackAfterLogin(returnTo: string | undefined): void {
  const url = safeReturnTo(returnTo)
  if (url === null) return goHome()
  if (tabPages.includes(url.split('?')[0] ?? '')) void Taro.switchTab({ url: url.split('?')[0] ?? routes.home })
  else void Taro.reLaunch({ url })
}
