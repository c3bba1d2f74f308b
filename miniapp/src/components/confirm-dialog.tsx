import { Text, View } from '@tarojs/components'
import { dialogProps } from '@/lib/a11y'
import { XyButton } from './xy-button'

interface ConfirmDialogProps {
  visible: boolean
  title: string
  content: string
  confirmText: string
  cancelText?: string
  onConfirm: () => void
  onCancel: () => void
}

/**
 * Asks once, in the page, before an action that cannot be undone (退出登录). In the page rather
 * than the system's modal, so its words follow 大字 and the reader's font; a dialog to a screen
 * reader, named by its title.
 */
export function ConfirmDialog({ visible, title, content, confirmText, cancelText = '取消', onConfirm, onCancel }: ConfirmDialogProps) {
  if (!visible) return null
  return (
    <View className='xy-dialog-mask' onClick={onCancel}>
      <View className='xy-dialog' {...dialogProps(title)} onClick={(event) => event.stopPropagation()}>
        <Text className='xy-dialog__title'>{title}</Text>
        <Text className='xy-dialog__content'>{content}</Text>
        <View className='xy-dialog__actions'>
          <XyButton onClick={onCancel}>{cancelText}</XyButton>
          <XyButton type='primary' onClick={onConfirm}>
            {confirmText}
          </XyButton>
        </View>
      </View>
    </View>
  )
}
