import { Text, View } from '@tarojs/components'

export function LoadingBlock({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='xy-card' data-testid='loading'>
      <Text className='xy-muted'>{text}</Text>
    </View>
  )
}
