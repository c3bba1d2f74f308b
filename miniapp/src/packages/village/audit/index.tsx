import { Text, View } from '@tarojs/components'
import { verifyAuditChain } from '@/api/villages'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { MissingVillage } from '../missing-village'
import { LoadState } from '@/components/async-view'

export default function VillageAuditPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(() => verifyAuditChain(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })

  if (villageId === null) return <MissingVillage />

  return (
    <PageShell testId='village-audit'>
      <Text className='xy-page-title'>村务记录核验</Text>
      <Text className='xy-card__text'>村里的每一次表决、公示和计件都按顺序记在一条链上，前后相扣，任何一条被改动都会被发现。</Text>
      <LoadState state={state} reload={reload} loadingText='正在核对记录…' />
      {state.status === 'ready' && (
        <View className={state.data.ok ? 'xy-card xy-ok-box' : 'xy-card'} data-testid='audit-result'>
          <Text className='xy-card__text'>共 {state.data.entries} 条记录</Text>
          {state.data.ok ? (
            <Text className='xy-card__title xy-ok'>链条完整 ✓</Text>
          ) : (
            <>
              <Text className='xy-card__title xy-bad'>{state.data.firstBadSeq === null ? '记录链有问题' : `第 ${state.data.firstBadSeq} 条记录有问题`}</Text>
              {state.data.reason !== null && <Text className='xy-card__text'>{state.data.reason}</Text>}
              <Text className='xy-card__text'>请告知村党支部书记核查。</Text>
            </>
          )}
        </View>
      )}
    </PageShell>
  )
}
