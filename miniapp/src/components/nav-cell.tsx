import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { decorativeProps, pressableProps } from '@/lib/a11y'

interface NavCellProps {
  title: string
  description?: string
  onClick: () => void
  testId?: string
}

/**
 * One row of a menu that opens another page. NutUI's Cell is a plain View on H5 (no role, not
 * reachable with Tab, and it drops data-testid), so the row is drawn here as a real control.
 */
export function NavCell({ title, description, onClick, testId }: NavCellProps) {
  return (
    <View className='xy-nav-cell' {...pressableProps('button')} onClick={onClick} data-testid={testId}>
      <View className='xy-nav-cell__text'>
        <Text className='xy-nav-cell__title'>{title}</Text>
        {description && <Text className='xy-nav-cell__description'>{description}</Text>}
      </View>
      <Text className='xy-nav-cell__arrow' {...decorativeProps()}>
        ›
      </Text>
    </View>
  )
}

/** The white box a list of NavCells sits in. */
export function NavList({ children, className }: PropsWithChildren<{ className?: string }>) {
  return <View className={className ? `xy-nav-list ${className}` : 'xy-nav-list'}>{children}</View>
}
