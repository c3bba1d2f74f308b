import Taro from '@tarojs/taro'
import type { Me, SessionResponse } from '@shared/auth'
import { meLight } from '@/api/light'

const TOKEN_KEY = 'xy.session.token'
const EXPIRES_KEY = 'xy.session.expiresAt'
/** The last profile the server gave, kept so 首页 can show it when the phone has no network. */
const ME_KEY = 'xy.session.me'

let cachedMe: Me | null = null

export function getToken(): string | null {
  const value: unknown = Taro.getStorageSync(TOKEN_KEY)
  if (typeof value !== 'string' || value === '') return null
  const expiresAt: unknown = Taro.getStorageSync(EXPIRES_KEY)
  if (typeof expiresAt === 'string' && Date.parse(expiresAt) <= Date.now()) {
    clearSession()
    return null
  }
  return value
}

export function saveSession(session: SessionResponse): void {
  Taro.setStorageSync(TOKEN_KEY, session.token)
  Taro.setStorageSync(EXPIRES_KEY, session.expiresAt)
  setCachedMe(session.me)
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(EXPIRES_KEY)
  Taro.removeStorageSync(ME_KEY)
  cachedMe = null
}

export function isLoggedIn(): boolean {
  return getToken() !== null
}

/** The last profile seen this run, so switching tabs paints at once while /api/me refreshes. */
export function getCachedMe(): Me | null {
  return cachedMe
}

export function setCachedMe(me: Me): void {
  cachedMe = me
  Taro.setStorageSync(ME_KEY, me)
}

/**
 * The profile kept from an earlier run, for a page to show while offline and say so. Never used
 * to decide what someone may do: the server decides that on every request. Checked against the
 * schema, as a build that changed its shape may have written it.
 */
export function getStoredMe(): Me | null {
  if (getToken() === null) return null
  const parsed = meLight.safeParse(Taro.getStorageSync(ME_KEY))
  return parsed.success ? parsed.data : null
}
