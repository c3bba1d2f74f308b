import { useEffect } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import type { SessionResponse } from '@shared/auth'
import { PageShell } from '@/components/page-shell'
import { PersonaPicker } from '@/components/persona-picker'
import { WechatLogin } from '@/components/wechat-login'
import { isWeapp } from '@/lib/env'
import { goBackAfterLogin } from '@/lib/routes'
import { isLoggedIn, saveSession } from '@/lib/session'
import './index.scss'

export default function LoginPage() {
  // The page that sent the reader here (a notice scanned from the bulletin board, a vote link).
  const returnTo = useRouter().params.returnTo
  const enter = (session: SessionResponse) => {
    saveSession(session)
    goBackAfterLogin(returnTo)
  }
  useEffect(() => {
    if (isLoggedIn()) goBackAfterLogin(returnTo)
  }, [returnTo])

  return (
    <PageShell testId='login-page'>
      <Text className='xy-page-title'>欢迎使用乡约</Text>
      <Text className='login-lead'>村里的事，大家商量着办。</Text>
      {isWeapp ? <WechatLogin onSession={enter} /> : <PersonaPicker onSession={enter} />}
    </PageShell>
  )
}
