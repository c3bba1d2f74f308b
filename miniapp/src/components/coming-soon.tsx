import { Text, View } from '@tarojs/components'
import { PageShell } from './page-shell'
import { useRequireLogin } from '@/lib/use-session'

interface ComingSoonProps {
  title: string
  description: string
  testId: string
}

/** Stand-in for a tab whose feature is not built yet. */
export function ComingSoon({ title, description, testId }: ComingSoonProps) {
  useRequireLogin()
  return (
    <PageShell testId={testId}>
      <Text className='xy-page-title'>{title}</Text>
      <View className='xy-card'>
        <Text className='xy-card__title'>功能即将上线</Text>
        <Text className='xy-card__text'>{description}</Text>
      </View>
    </PageShell>
  )
}
