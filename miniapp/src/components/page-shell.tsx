import type { CSSProperties, PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { useFontScale } from '@/lib/font-scale'

interface PageShellProps {
  testId?: string
}

/** Root of every page: carries the font scale that all type sizes in app.scss multiply by. */
export function PageShell({ testId, children }: PropsWithChildren<PageShellProps>) {
  const { large, scale } = useFontScale()
  const style: CSSProperties & Record<'--xy-scale', string> = { '--xy-scale': String(scale) }
  return (
    <View
      className={large ? 'xy-page xy-page--large' : 'xy-page'}
      style={style}
      data-testid={testId ?? 'page-root'}
      data-font-scale={String(scale)}
    >
      {children}
    </View>
  )
}
