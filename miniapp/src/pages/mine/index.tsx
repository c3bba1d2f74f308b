import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { fetchMyAssistedVotes } from '@/api/land'
import { AssistedBallot } from '@/components/assisted-ballot'
import { logout as endSessionOnServer, signOutOtherPhones } from '@/api/auth'
import { ApiError } from '@/api/api-error'
import { LargeFontSwitch } from '@/components/large-font-switch'
import { PageShell } from '@/components/page-shell'
import { RoleTags } from '@/components/role-tags'
import { pages, pageUrl } from '@/lib/pages'
import { goToLogin } from '@/lib/routes'
import { clearSession, saveSession } from '@/lib/session'
import { useAsync } from '@/lib/use-async'
import { useMe } from '@/lib/use-session'
import './index.scss'
import { LoadState } from '@/components/async-view'

export default function MinePage() {
  const { state, reload } = useMe()
  const [confirmLogout, setConfirmLogout] = useState(false)
  const villageIds = state.status === 'ready' ? state.data.memberships.map((membership) => membership.villageId) : []
  // Ballots a cadre entered for me: I must learn of them here, not only if I open the vote screen.
  const assisted = useAsync(
    async () => await Promise.all(villageIds.map(async (villageId) => ({ villageId, ballots: (await fetchMyAssistedVotes(villageId)).ballots }))),
    [villageIds.join(',')],
    { enabled: villageIds.length > 0 },
  )
  // A tab page stays mounted: after changing the ballot on the vote screen, show the new state.
  useDidShow(() => {
    if (villageIds.length > 0) assisted.reload()
  })
  const [confirmOthers, setConfirmOthers] = useState(false)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null)

  const logout = async () => {
    setConfirmLogout(false)
    setBusy(true)
    try {
      // The server ends the session first: a token copied off this phone must stop working too.
      await endSessionOnServer()
    } catch {
      // No network: the phone forgets its login all the same; the server's copy expires later,
      // or 让其他手机退出登录 from another phone ends it.
    }
    clearSession()
    setBusy(false)
    goToLogin()
  }

  const signOutOthers = async () => {
    setConfirmOthers(false)
    setBusy(true)
    setNote(null)
    try {
      saveSession(await signOutOtherPhones())
      setNote({ ok: true, text: '其他手机已经退出登录，这台手机照常使用' })
    } catch (error) {
      setNote({ ok: false, text: error instanceof ApiError ? error.message : '没有办成，请稍后再试' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell testId='mine-page'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <View className='xy-card'>
          <Text className='xy-page-title'>{state.data.person.name}</Text>
          {state.data.memberships.map((membership) => (
            <View key={membership.villageId} className='mine-membership'>
              <Text className='xy-card__text'>{membership.villageName}</Text>
              <RoleTags roles={membership.roles} />
            </View>
          ))}
        </View>
      )}
      {assisted.state.status === 'ready' &&
        assisted.state.data.flatMap(({ villageId, ballots }) =>
          ballots.map((ballot) => (
            <View key={ballot.motionId} data-testid='mine-assisted'>
              <Text className='xy-section-title'>表决：{ballot.motionTitle}</Text>
              <AssistedBallot
                ballot={ballot}
                changeLabel='去改成我自己的投票'
                onChange={() => void Taro.navigateTo({ url: pageUrl(pages.land.vote, { motionId: ballot.motionId, villageId }) })}
              />
            </View>
          )),
        )}
      <Text className='xy-section-title'>设置</Text>
      <LargeFontSwitch />
      <Text className='xy-section-title'>登录</Text>
      {note && (
        <View className={note.ok ? 'xy-card xy-ok-box' : 'xy-alert'} data-testid='mine-session-note'>
          <Text className='xy-card__text'>{note.text}</Text>
        </View>
      )}
      <Button
        className='xy-full-button mine-others'
        data-testid='mine-sign-out-others'
        type='default'
        size='large'
        block
        disabled={busy}
        onClick={() => setConfirmOthers(true)}
      >
        让其他手机退出登录
      </Button>
      <Text className='xy-muted'>手机丢了或给了别人时用：那台手机上的登录马上失效。</Text>
      <Button
        className='xy-full-button mine-logout'
        data-testid='mine-logout'
        type='default'
        size='large'
        block
        disabled={busy}
        onClick={() => setConfirmLogout(true)}
      >
        退出登录
      </Button>
      <Dialog
        visible={confirmLogout}
        title='退出登录'
        content='您在所有手机上的登录都会失效，之后需要重新登录才能参加表决。确定退出吗？'
        confirmText='退出'
        cancelText='取消'
        onConfirm={() => void logout()}
        onCancel={() => setConfirmLogout(false)}
      />
      <Dialog
        visible={confirmOthers}
        title='让其他手机退出登录'
        content='您在其他手机上的登录会马上失效，这台手机照常使用。确定吗？'
        confirmText='确定'
        cancelText='取消'
        onConfirm={() => void signOutOthers()}
        onCancel={() => setConfirmOthers(false)}
      />
    </PageShell>
  )
}
