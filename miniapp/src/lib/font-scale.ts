import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { isWeapp } from './env'

const STORAGE_KEY = 'xy.largeFont'
const CHANGED_EVENT = 'xy:large-font-changed'
export const LARGE_FONT_FACTOR = 1.25
/** WeChat's own default text size; larger settings in 我-设置-字体大小 enlarge our type too. */
const WECHAT_DEFAULT_FONT_PX = 17

let systemFactor: number | undefined

/**
 * On H5 the reader's font setting already reaches us through rem; in the mini-program rem is
 * tied to our own `page` size, so WeChat's font setting is read and applied here.
 */
export function systemFontFactor(): number {
  if (!isWeapp) return 1
  if (systemFactor === undefined) {
    try {
      const size = Taro.getSystemInfoSync().fontSizeSetting
      systemFactor = typeof size === 'number' && size > 0 ? Math.min(1.6, Math.max(1, size / WECHAT_DEFAULT_FONT_PX)) : 1
    } catch {
      systemFactor = 1
    }
  }
  return systemFactor
}

export function readLargeFont(): boolean {
  return Taro.getStorageSync(STORAGE_KEY) === true
}

export function setLargeFont(on: boolean): void {
  Taro.setStorageSync(STORAGE_KEY, on)
  // Tab pages stay mounted, so each open page has to hear about the change.
  Taro.eventCenter.trigger(CHANGED_EVENT, on)
}

export function fontScale(large: boolean): number {
  return Math.round(systemFontFactor() * (large ? LARGE_FONT_FACTOR : 1) * 1000) / 1000
}

export function useFontScale(): { large: boolean; scale: number; setLarge: (on: boolean) => void } {
  const [large, setLarge] = useState(readLargeFont)
  useEffect(() => {
    const onChange = (on: boolean) => setLarge(on)
    Taro.eventCenter.on(CHANGED_EVENT, onChange)
    return () => {
      Taro.eventCenter.off(CHANGED_EVENT, onChange)
    }
  }, [])
  return { large, scale: fontScale(large), setLarge: setLargeFont }
}
