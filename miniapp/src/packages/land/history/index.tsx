import { Text, View } from '@tarojs/components'
import { fetchHistory } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { LoadingBlock } from '@/components/loading-block'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { mu } from '../ui'
import '../land.scss'

export default function LandHistoryPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(() => fetchHistory(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  return (
    <PageShell testId='land-history'>
      {state.status === 'loading' && <LoadingBlock />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          <Text className='xy-page-title' data-testid='history-total'>
            {state.data.yearsCount}年来共{state.data.totalAwards}户次获得奖励耕地
          </Text>
          {[...state.data.years].reverse().map((year) => (
            <View className='xy-card' key={year.year}>
              <Text className='xy-card__title'>
                {year.year}年：{year.households.length}户，每户{mu(year.perHouseholdTenthMu)}
                {year.status === 'nominating' ? '（评选中）' : year.status === 'published' ? '（公示中）' : ''}
              </Text>
              <Text className='xy-card__text'>{year.households.join('、') || '—'}</Text>
            </View>
          ))}
        </>
      )}
    </PageShell>
  )
}
