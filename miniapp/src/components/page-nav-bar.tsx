import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { decorativeProps, pressableProps } from '@/lib/a11y'
import { goHome } from '@/lib/routes'

interface NavBarInfo {
  title: string
  /** A page to go back to in this visit; none when the page was opened straight from a link or QR code. */
  canGoBack: boolean
}

/**
 * H5 only (WeChat draws its own bar): a feature page's title, from its own index.config.ts, and
 * a way back. Null on tab pages and the login page, which sit at the top of the app.
 */
export function navBarInfo(): NavBarInfo | null {
  if (process.env.TARO_ENV !== 'h5') return null
  const { router, page } = Taro.getCurrentInstance()
  const path = (router?.path ?? '').split('?')[0]?.replace(/^\//, '') ?? ''
  if (!path.startsWith('packages/')) return null
  return { title: page?.config?.navigationBarTitleText ?? '乡约', canGoBack: Taro.getCurrentPages().length > 1 }
}

/** The page's name, announced as its heading (the bar exists only on H5, so web ARIA names). */
const pageHeading: Record<string, string> = { role: 'heading', 'aria-level': '1' }

export function goBackOrHome(canGoBack: boolean): void {
  if (canGoBack) void Taro.navigateBack()
  else goHome()
}

/**
 * The bar at the top of a feature page on H5. "返回" goes to the page before; a page opened
 * directly (a notice's QR code scanned at the bulletin board) offers "首页" instead, since the
 * browser's own back would leave the app.
 */
export function PageNavBar() {
  // Read while the page renders first: later, Taro's current page may already be the next one.
  const [info] = useState(navBarInfo)
  if (!info) return null
  return (
    <View className='xy-nav-bar' data-testid='page-nav-bar'>
      <View
        className='xy-nav-bar__back'
        {...pressableProps('button', { label: info.canGoBack ? '返回上一页' : '回到首页' })}
        onClick={() => goBackOrHome(info.canGoBack)}
        data-testid='page-back'
      >
        <Text {...decorativeProps()} className='xy-nav-bar__arrow'>‹</Text>
        <Text>{info.canGoBack ? '返回' : '首页'}</Text>
      </View>
      <Text className='xy-nav-bar__title' {...pageHeading} data-testid='page-nav-title'>
        {info.title}
      </Text>
    </View>
  )
}
