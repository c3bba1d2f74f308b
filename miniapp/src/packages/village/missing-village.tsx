import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { roleProps } from '@/lib/a11y'

export function MissingVillage() {
  return (
    <PageShell>
      <View className='xy-alert' {...roleProps('alert')}>
        <Text>没有指定是哪个村，请从首页重新进入。</Text>
      </View>
    </PageShell>
  )
}
