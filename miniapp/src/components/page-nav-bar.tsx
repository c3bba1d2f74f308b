import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { decorativeProps, pressableProps } from '@/lib/a11y'
import { goHome } from '@/lib/routes'

interface NavBarInfo {
  title: string
  /** A page to go back to in this visit; none when the page was opened straight from a link or QR code. */
  canGoBack: boolean
}

type StackPage = { path?: string; route?: string; config?: { navigationBarTitleText?: string } }

function infoFor(path: string, title: string | undefined, depth: number): NavBarInfo | null {
  const bare = path.split('?')[0]?.replace(/^\//, '') ?? ''
  if (!bare.startsWith('packages/')) return null
  return { title: title ?? '乡约', canGoBack: depth > 0 }
}

/**
 * H5 only (WeChat draws its own bar): a feature page's title, from its own index.config.ts, and
 * a way back. Null on tab pages and the login page, which sit at the top of the app.
 */
export function navBarInfo(): NavBarInfo | null {
  if (process.env.TARO_ENV !== 'h5') return null
  const { router, page } = Taro.getCurrentInstance()
  return infoFor(router?.path ?? '', page?.config?.navigationBarTitleText, Taro.getCurrentPages().length - 1)
}

/**
 * The same, for the page this element is on: Taro's "current page" is whichever loaded last, and a
 * page that re-renders after a slow answer may no longer be it. On H5 a page's element id is its path.
 */
function navBarInfoOf(element: HTMLElement): NavBarInfo | null | undefined {
  const pageId = element.closest('.taro_page')?.id
  if (!pageId) return undefined
  const stack = Taro.getCurrentPages() as unknown as StackPage[]
  const depth = stack.findIndex((entry) => entry.path === pageId)
  if (depth < 0) return undefined
  return infoFor(pageId, stack[depth]?.config?.navigationBarTitleText, depth)
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
  const [info, setInfo] = useState(navBarInfo)
  const bar = useRef<HTMLElement>(null)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !bar.current) return
    const own = navBarInfoOf(bar.current)
    if (own !== undefined && (own?.title !== info?.title || own?.canGoBack !== info?.canGoBack)) setInfo(own)
  }, [info])
  if (process.env.TARO_ENV !== 'h5') return null
  // Kept as an empty mark when there is no bar, so the effect can still find which page it is on.
  if (!info) return <View ref={bar} className='xy-nav-bar-none' />
  return (
    <View className='xy-nav-bar' ref={bar} data-testid='page-nav-bar'>
      <View
        className='xy-nav-bar__back'
        {...pressableProps('button', { label: info.canGoBack ? '返回上一页' : '回到首页' })}
        onClick={() => goBackOrHome(info.canGoBack)}
        data-testid='page-back'
      >
        <Text {...decorativeProps()} className='xy-nav-bar__arrow'>
          ‹
        </Text>
        <Text>{info.canGoBack ? '返回' : '首页'}</Text>
      </View>
      <Text className='xy-nav-bar__title' {...pageHeading} data-testid='page-nav-title'>
        {info.title}
      </Text>
    </View>
  )
}
