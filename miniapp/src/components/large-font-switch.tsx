import { Text, View } from '@tarojs/components'
import { pressableProps } from '@/lib/a11y'
import { useFontScale } from '@/lib/font-scale'

/**
 * The 大字 setting. The whole row is the switch (a big target for an unsteady finger), announced
 * as a switch with its state; NutUI's Switch put invalid ARIA attributes on H5.
 */
export function LargeFontSwitch() {
  const { large, setLarge } = useFontScale()
  return (
    <View
      className={large ? 'xy-switch-row xy-switch-row--on' : 'xy-switch-row'}
      {...pressableProps('switch', { checked: large })}
      onClick={() => setLarge(!large)}
      data-testid='large-font-switch'
    >
      <View className='xy-switch-row__text'>
        <Text className='xy-switch-row__title'>大字模式</Text>
        <Text className='xy-switch-row__description'>把全部文字放大一些，看得更清楚</Text>
      </View>
      <View className='xy-switch'>
        <View className='xy-switch__knob' />
      </View>
    </View>
  )
}
