import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { fetchMyAssistedVotes } from '@/api/land'
import { AssistedBallot } from '@/components/assisted-ballot'
import { ErrorNotice } from '@/components/error-notice'
import { LargeFontSwitch } from '@/components/large-font-switch'
import { LoadingBlock } from '@/components/loading-block'
import { PageShell } from '@/components/page-shell'
import { RoleTags } from '@/components/role-tags'
import { goToLogin } from '@/lib/routes'
import { clearSession } from '@/lib/session'
import { useAsync } from '@/lib/use-async'
import { useMe } from '@/lib/use-session'
import './index.scss'

export default function MinePage() {
  const { state, reload } = useMe()
  const [confirmLogout, setConfirmLogout] = useState(false)
  const villageIds = state.status === 'ready' ? state.data.memberships.map((membership) => membership.villageId) : []
  // Ballots a cadre entered for me: I must learn of them here, not only if I open the vote screen.
  const assisted = useAsync(
    async () => (await Promise.all(villageIds.map(async (villageId) => ({ villageId, ballots: (await fetchMyAssistedVotes(villageId)).ballots })))),
    [villageIds.join(',')],
    { enabled: villageIds.length > 0 },
  )
  // A tab page stays mounted: after changing the ballot on the vote screen, show the new state.
  useDidShow(() => {
    if (villageIds.length > 0) assisted.reload()
  })

  const logout = () => {
    setConfirmLogout(false)
    clearSession()
    goToLogin()
  }

  return (
    <PageShell testId='mine-page'>
      {state.status === 'loading' && <LoadingBlock />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
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
                onChange={() => void Taro.navigateTo({ url: `/packages/land/vote/index?motionId=${ballot.motionId}&villageId=${villageId}` })}
              />
            </View>
          )),
        )}
      <Text className='xy-section-title'>设置</Text>
      <LargeFontSwitch />
      <Button className='xy-full-button mine-logout' type='default' size='large' block onClick={() => setConfirmLogout(true)}>
        退出登录
      </Button>
      <Dialog
        visible={confirmLogout}
        title='退出登录'
        content='退出后需要重新登录才能参加表决。确定退出吗？'
        confirmText='退出'
        cancelText='取消'
        onConfirm={logout}
        onCancel={() => setConfirmLogout(false)}
      />
    </PageShell>
  )
}
