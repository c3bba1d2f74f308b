import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { allocate, fetchAllocations, fetchCurrentYear, fetchNotice } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { mu } from '../ui'
import '../land.scss'
import { LoadState } from '@/components/async-view'

export default function LandAllocationPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(
    async () => {
      const { awardYear } = await fetchCurrentYear(villageId ?? '')
      if (!awardYear?.notice) return null
      return { awardYear, notice: await fetchNotice(awardYear.notice.id), allocations: await fetchAllocations(awardYear.id) }
    },
    [villageId],
    { enabled: loggedIn && villageId !== null },
  )
  const { busy, error, run } = useAction()

  if (state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={state} reload={reload} />
      </PageShell>
    )
  if (!state.data)
    return (
      <PageShell>
        <Text className='xy-card'>今年还没有公示结果</Text>
      </PageShell>
    )
  const { awardYear, notice, allocations } = state.data

  const assign = async (householdId: string, parcelNames: string[]) => {
    const parcelIds = awardYear.parcels.filter((parcel) => parcelNames.some((name) => name.startsWith(parcel.name))).map((parcel) => parcel.id)
    const result = await run(() => allocate(awardYear.id, householdId, parcelIds))
    if (result === null) return
    reload()
  }

  return (
    <PageShell testId='land-allocation'>
      <Text className='xy-page-title'>{allocations.season}地块分配</Text>
      <Text className='xy-card__text'>
        已分配 {mu(allocations.allocatedTenthMu)} / 奖励地共 {mu(allocations.poolTenthMu)}
      </Text>
      {notice.status !== 'locked' && <Text className='xy-alert'>公示结果确认锁定后才能分配地块</Text>}
      {error && <ErrorNotice error={error} />}
      {notice.awards.map((award) => {
        const given = allocations.allocations.filter((row) => row.householdId === award.householdId)
        return (
          <View className='xy-card' key={award.householdId}>
            <Text className='xy-card__title'>
              {award.householdLabel}（应得{mu(award.tenthMu)}）
            </Text>
            {given.length > 0 ? (
              <Text className='xy-card__text xy-ok'>已分配：{given.map((row) => `${row.parcelName}（${mu(row.areaTenthMu)}）`).join('、')}</Text>
            ) : (
              <Button
                className='xy-full-button'
                type='primary'
                disabled={notice.status !== 'locked' || award.parcels.length === 0}
                loading={busy}
                onClick={() => void assign(award.householdId, award.parcels)}
              >
                按公示分配：{award.parcels.join('、') || '无拟分地块'}
              </Button>
            )}
          </View>
        )
      })}
    </PageShell>
  )
}
