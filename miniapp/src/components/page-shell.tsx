import { useEffect, useRef, type CSSProperties, type PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { makePageScrollable } from '@/lib/a11y'
import { useFontScale } from '@/lib/font-scale'
import { PageNavBar } from './page-nav-bar'

interface PageShellProps {
  testId?: string
}

/**
 * Root of every page: carries the font scale that all type sizes in app.scss multiply by, and on
 * H5 a feature page's title and back button (PageNavBar).
 */
export function PageShell({ testId, children }: PropsWithChildren<PageShellProps>) {
  const { large, scale } = useFontScale()
  const root = useRef<HTMLElement>(null)
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5' && root.current) makePageScrollable(root.current)
  }, [])
  const style: CSSProperties & Record<'--xy-scale', string> = { '--xy-scale': String(scale) }
  return (
    <View ref={root} className={large ? 'xy-page xy-page--large' : 'xy-page'} style={style} data-testid={testId ?? 'page-root'} data-font-scale={String(scale)}>
      <PageNavBar />
      {children}
    </View>
  )
}
