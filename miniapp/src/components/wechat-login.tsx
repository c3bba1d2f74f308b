import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { SessionResponse } from '@shared/auth'
import { inviteCodeLight } from '@/api/light'
import { wechatLogin } from '@/api/auth'
import { ApiError } from '@/api/api-error'
import { roleProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'

interface WechatLoginProps {
  onSession: (session: SessionResponse) => void
}

const inviteCodeSchema = inviteCodeLight

/** Mini-program login; an unbound WeChat account must first enter the secretary's invite code. */
export function WechatLogin({ onSession }: WechatLoginProps) {
  const [needsInvite, setNeedsInvite] = useState(false)
  const [inviteCode, setInviteCode] = useState('')
  const action = useAction()
  const busy = action.busy
  const error = action.error?.message ?? null

  const login = async () => {
    let invite: string | undefined
    if (needsInvite) {
      const parsed = inviteCodeSchema.safeParse(inviteCode)
      if (!parsed.success || parsed.data === undefined) {
        action.fail(parsed.success ? '请输入邀请码' : (parsed.error.issues[0]?.message ?? '邀请码格式不对'))
        return
      }
      invite = parsed.data
    }
    await action.run(async () => {
      // A login code is good for one exchange only, so every attempt asks WeChat for a new one.
      const { code } = await Taro.login()
      const session = await wechatLogin(code, invite).catch((caught: unknown) => {
        // The refusal still shows as the error; an unbound account is also asked for its invite code.
        if (caught instanceof ApiError && caught.code === 'account_not_bound') setNeedsInvite(true)
        throw caught
      })
      // Inside the work: a session that cannot be kept on this phone is a failed login, said beside the button.
      onSession(session)
    })
  }

  return (
    <View data-testid='wechat-login'>
      <Text className='xy-card__text'>用微信登录后，可以参加村里的表决、菜园值班和工坊计件。</Text>
      {error !== null && (
        <View className='xy-alert' {...roleProps('alert')}>
          <Text>{error}</Text>
        </View>
      )}
      {needsInvite && (
        <View className='xy-card'>
          <Text className='xy-card__title'>输入邀请码</Text>
          <Text className='xy-card__text'>邀请码是村书记给您的8位数字或字母。</Text>
          <Input
            className='invite-input'
            value={inviteCode}
            maxLength={8}
            placeholder='例如 A1B2C3D4'
            onChange={(value: string) => setInviteCode(value.trim().toUpperCase())}
          />
        </View>
      )}
      <Button className='xy-full-button' type='primary' size='large' block loading={busy} onClick={() => void login()}>
        {needsInvite ? '提交邀请码并登录' : '微信一键登录'}
      </Button>
    </View>
  )
}
