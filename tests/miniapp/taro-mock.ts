// Stand-in for @tarojs/taro under jsdom: in-memory storage, spy-able navigation and request,
// and the few helpers NutUI and @tarojs/components-react touch while rendering.
import { vi } from 'vitest'

const store = new Map<string, unknown>()

type Listener = (...args: unknown[]) => void
const listeners = new Map<string, Set<Listener>>()

export const eventCenter = {
  on(name: string, listener: Listener) {
    const set = listeners.get(name) ?? new Set<Listener>()
    set.add(listener)
    listeners.set(name, set)
  },
  off(name: string, listener?: Listener) {
    if (listener === undefined) listeners.delete(name)
    else listeners.get(name)?.delete(listener)
  },
  trigger(name: string, ...args: unknown[]) {
    for (const listener of [...(listeners.get(name) ?? [])]) listener(...args)
  },
}

export const getStorageSync = vi.fn((key: string): unknown => (store.has(key) ? store.get(key) : ''))
export const setStorageSync = vi.fn((key: string, value: unknown) => {
  store.set(key, value)
})
export const removeStorageSync = vi.fn((key: string) => {
  store.delete(key)
})
export const clearStorageSync = vi.fn(() => store.clear())

export const request = vi.fn()
export const downloadFile = vi.fn()
export const login = vi.fn()
export const reLaunch = vi.fn(() => Promise.resolve())
export const switchTab = vi.fn(() => Promise.resolve())
export const navigateTo = vi.fn(() => Promise.resolve())
export const redirectTo = vi.fn(() => Promise.resolve())
export const showToast = vi.fn(() => Promise.resolve())
// The garden's act(): a loading veil while a request runs, a modal saying why it did not work.
export const showLoading = vi.fn(() => Promise.resolve())
export const hideLoading = vi.fn()
export const showModal = vi.fn(() => Promise.resolve({ confirm: true, cancel: false }))
export const navigateBack = vi.fn(() => Promise.resolve())
export const getCurrentPages = vi.fn((): Array<{ route: string }> => [])
// wx.requestSubscribeMessage: the consent question a sign-up tap asks (WeChat only).
export const requestSubscribeMessage = vi.fn()
export const useRouter = vi.fn(() => ({ params: {} as Record<string, string | undefined> }))

export const ENV_TYPE = { WEB: 'WEB', WEAPP: 'WEAPP' } as const
export const getEnv = () => ENV_TYPE.WEB
export const getSystemInfoSync = () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, fontSizeSetting: 17 })
export const getSystemInfo = () => Promise.resolve(getSystemInfoSync())
export const getWindowInfo = () => getSystemInfoSync()
export const pxTransform = (size: number) => `${size}px`
export const nextTick = (fn: () => void) => setTimeout(fn, 0)
export const getCurrentInstance = () => ({ router: { params: {} }, page: {} })
export const createSelectorQuery = () => {
  const query = {
    select: () => query,
    selectAll: () => query,
    selectViewport: () => query,
    boundingClientRect: () => query,
    scrollOffset: () => query,
    fields: () => query,
    exec: (callback?: (result: unknown[]) => void) => callback?.([]),
  }
  return query
}
export const usePageScroll = () => undefined
export const useDidShow = () => undefined
export const useUnload = () => undefined
export const useReady = () => undefined

export function resetTaroMock(): void {
  store.clear()
  listeners.clear()
  request.mockReset()
  requestSubscribeMessage.mockReset()
  downloadFile.mockReset()
  login.mockReset()
  for (const spy of [
    getStorageSync,
    setStorageSync,
    removeStorageSync,
    reLaunch,
    switchTab,
    navigateTo,
    redirectTo,
    showToast,
    showLoading,
    hideLoading,
    showModal,
    navigateBack,
  ]) {
    spy.mockClear()
  }
  getCurrentPages.mockReset()
  getCurrentPages.mockImplementation(() => [])
  useRouter.mockReset()
  useRouter.mockImplementation(() => ({ params: {} }))
}

const Taro = {
  eventCenter,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  clearStorageSync,
  request,
  downloadFile,
  login,
  reLaunch,
  switchTab,
  navigateTo,
  redirectTo,
  showToast,
  showLoading,
  hideLoading,
  showModal,
  navigateBack,
  getCurrentPages,
  useRouter,
  requestSubscribeMessage,
  ENV_TYPE,
  getEnv,
  getSystemInfoSync,
  getSystemInfo,
  getWindowInfo,
  pxTransform,
  nextTick,
  getCurrentInstance,
  createSelectorQuery,
  usePageScroll,
  useDidShow,
  useUnload,
  useReady,
}

export default Taro
