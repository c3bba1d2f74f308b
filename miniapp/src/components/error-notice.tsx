import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ApiError } from '@/api/api-error'
import { roleProps } from '@/lib/a11y'

interface ErrorNoticeProps {
  error: ApiError
  onRetry?: () => void
}

export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  return (
    <View className='xy-alert' {...roleProps('alert')} data-testid='error-notice' data-error-code={error.code}>
      <Text>{error.message}</Text>
      {onRetry !== undefined && (
        <Button className='xy-full-button' type='default' fill='outline' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}
