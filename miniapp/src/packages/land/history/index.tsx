import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { z } from '@shared/zod'
import type { allocationsResponse } from '@shared/land'
import { fetchAllocations, fetchHistory, fetchYears } from '@/api/land'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { mu, openLandPage } from '../ui'
import '../land.scss'
import { LoadState } from '@/components/async-view'

type Allocations = z.infer<typeof allocationsResponse>

/** The parcels a year handed over, read when the reader asks: most readers want only the names. */
function YearAllocations({ awardYearId }: { awardYearId: string }) {
  const { state, reload } = useAsync<Allocations>(() => fetchAllocations(awardYearId), [awardYearId])
  if (state.status !== 'ready') return <LoadState state={state} reload={reload} />
  if (state.data.allocations.length === 0) return <Text className='xy-card__text'>这一年的地块分配没有录入（当年按纸质记录分配）。</Text>
  return (
    <View data-testid='history-allocations'>
      <Text className='xy-card__text'>
        {state.data.season}：已分配 {mu(state.data.allocatedTenthMu)} / 共 {mu(state.data.poolTenthMu)}
      </Text>
      {state.data.allocations.map((row) => (
        <View className='land-row' key={`${row.parcelId}-${row.householdId}`}>
          <Text>
            {row.parcelName}（{mu(row.areaTenthMu)}）：{row.householdLabel}
          </Text>
        </View>
      ))}
    </View>
  )
}

export default function LandHistoryPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(
    async () => {
      const [history, years] = await Promise.all([fetchHistory(villageId ?? ''), fetchYears(villageId ?? '')])
      return { history, years: years.years }
    },
    [villageId],
    { enabled: loggedIn && villageId !== null },
  )
  const [opened, setOpened] = useState<string | null>(null)
  return (
    <PageShell testId='land-history'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <Text className='xy-page-title' data-testid='history-total'>
            {state.data.history.yearsCount}年来共{state.data.history.totalAwards}户次获得奖励耕地
          </Text>
          {state.data.years.map((year) => {
            const names = state.data.history.years.find((entry) => entry.year === year.year)?.households ?? []
            return (
              <View className='xy-card' key={year.awardYearId} data-testid='history-year'>
                <Text className='xy-card__title'>
                  {year.year}年：{names.length}户，每户{mu(year.perHouseholdTenthMu)}
                  {year.status === 'nominating' ? '（评选中）' : year.status === 'published' ? '（公示中）' : ''}
                </Text>
                <Text className='xy-card__text'>{names.join('、') || '—'}</Text>
                {year.noticeId && villageId && (
                  <Button
                    className='xy-full-button land-button'
                    block
                    onClick={() => openLandPage('notice', { noticeId: year.noticeId ?? '', villageId })}
                    data-testid='history-open-notice'
                  >
                    看{year.year}年的公示{year.notices.length > 1 ? `（共${year.notices.length}份，含更正）` : ''}
                  </Button>
                )}
                {year.noticeId && (
                  <Button
                    className='xy-full-button land-button'
                    block
                    onClick={() => setOpened(opened === year.awardYearId ? null : year.awardYearId)}
                    data-testid='history-open-allocations'
                  >
                    {opened === year.awardYearId ? '收起地块分配' : `看地块分配（${year.allocatedHouseholds}户）`}
                  </Button>
                )}
                {opened === year.awardYearId && <YearAllocations awardYearId={year.awardYearId} />}
              </View>
            )
          })}
        </>
      )}
    </PageShell>
  )
}
