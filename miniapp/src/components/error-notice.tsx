import { Text, View } from '@tarojs/components'
import type { ApiError } from '@/api/api-error'
import { roleProps } from '@/lib/a11y'
import { XyButton } from './xy-button'

interface ErrorNoticeProps {
  error: ApiError
  onRetry?: () => void
}

export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  return (
    <View className='xy-alert' {...roleProps('alert')} data-testid='error-notice' data-error-code={error.code}>
      <Text>{error.message}</Text>
      {onRetry !== undefined && (
        <XyButton className='xy-full-button' block onClick={onRetry}>
          重试
        </XyButton>
      )}
    </View>
  )
}
