import Taro from '@tarojs/taro'
import type { Me, SessionResponse } from '@shared/auth'

const TOKEN_KEY = 'xy.session.token'
const EXPIRES_KEY = 'xy.session.expiresAt'

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
  cachedMe = session.me
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(EXPIRES_KEY)
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
}
