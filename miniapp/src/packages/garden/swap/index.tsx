import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { fetchMembers, reassign, requestSwap } from '@/api/garden'
import { PageShell } from '@/components/page-shell'
import { fieldLabel, pressableProps } from '@/lib/a11y'
import { getCachedMe } from '@/lib/session'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { act, Hint } from '../ui'
import { GardenGate } from '../gate'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

/** One decision: who takes this shift. A volunteer asks; a steward reassigns at once. */
function GardenSwapContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { params } = useRouter()
  const signupId = params.signupId ?? ''
  const steward = params.steward === '1'
  const myId = getCachedMe()?.person.id ?? ''
  const [reason, setReason] = useState('')
  const { state, reload } = useAsync(() => fetchMembers(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  if (villageId === null || signupId === '') return <Hint>缺少换班信息，请从值班卡片进入。</Hint>
  const choose = (personId: string, name: string) => {
    // The volunteer who loses the place reads this on their garden home.
    if (steward && reason.trim() === '') {
      void Taro.showModal({ title: '请先写原因', content: '改派要写明原因，原来值班的人会看到。', showCancel: false, confirmText: '知道了' })
      return
    }
    void act(
      () => (steward ? reassign(villageId, signupId, personId, reason.trim()) : requestSwap(villageId, signupId, personId)),
      steward ? `已改派给${name}` : `已请${name}替班，等对方同意`,
      () => void Taro.navigateBack(),
    )
  }
  return (
    <PageShell testId='garden-swap'>
      <Text className='xy-page-title'>{steward ? '把这个班改派给谁？' : '请谁替您这个班？'}</Text>
      <Hint>{steward ? '改派后立即生效。请先写明原因，原来值班的人会在菜园首页看到。' : '对方同意后，这个班就归对方了；同意前还是您的班。'}</Hint>
      {steward && (
        <Input
          className='garden-input'
          type='text'
          maxlength={100}
          data-testid='garden-reassign-reason'
          {...fieldLabel('改派原因')}
          placeholder='改派原因，如 本人打电话说生病了'
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      )}
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <View className='xy-card'>
          {state.data.members
            .filter((m) => m.personId !== myId || steward)
            .map((m) => (
              <View key={m.personId} className='garden-row xy-tappable' {...pressableProps('button')} onClick={() => choose(m.personId, m.name)}>
                <Text className='garden-row__title'>{m.label ?? m.name}</Text>
                {m.steward && <Text className='garden-tag'>主理人</Text>}
              </View>
            ))}
        </View>
      )}
    </PageShell>
  )
}

export default function GardenSwapPage() {
  return (
    <GardenGate testId='garden-swap'>
      <GardenSwapContent />
    </GardenGate>
  )
}
