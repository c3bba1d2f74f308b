import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { decorativeProps, disabledProps, pressableProps } from '@/lib/a11y'

export interface XyButtonProps {
  children: ReactNode
  onClick?: () => void
  /** primary: the page's one main action (filled red); default: a secondary one (outlined grey). */
  type?: 'primary' | 'default'
  size?: 'normal' | 'large'
  block?: boolean
  disabled?: boolean
  /** The action is under way: it cannot be pressed again and says so. */
  loading?: boolean
  className?: string
  testId?: string
}

/**
 * The main package's button, drawn by the app (NutUI's Button and its theme would add ≈ 40 KB of
 * JS and wxss to the package every phone downloads first). The same look as the NutUI buttons of
 * the feature pages, a ≥ 48 px target that grows with its text at 大字 and 2× font, announced as
 * a button and reachable by keyboard on H5; a disabled one stays readable and says it is disabled.
 */
export function XyButton({ children, onClick, type = 'default', size = 'normal', block = false, disabled = false, loading = false, className, testId }: XyButtonProps) {
  const inert = disabled || loading
  const classes = ['xy-button', `xy-button--${type}`, size === 'large' ? 'xy-button--large' : '', block ? 'xy-button--block' : '', disabled ? 'xy-button--disabled' : '', loading ? 'xy-button--loading' : '', className ?? '']
    .filter(Boolean)
    .join(' ')
  return (
    <View
      className={classes}
      {...pressableProps('button')}
      {...(inert ? disabledProps() : {})}
      {...(loading ? { 'aria-busy': 'true' } : {})}
      data-testid={testId}
      onClick={() => {
        if (!inert) onClick?.()
      }}
    >
      {loading && <Text className='xy-button__spinner' {...decorativeProps()} />}
      <Text className='xy-button__text'>{children}</Text>
    </View>
  )
}
