import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { noGardenWords, type GardenPlace } from '@shared/garden'
import { cachedGardenPlace, fetchGardenPlace } from '@/api/garden'
import { ErrorNotice } from '@/components/error-notice'
import { LoadingBlock } from '@/components/loading-block'
import { PageShell } from '@/components/page-shell'
import { pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { openGarden } from './ui'

/** What every garden page of a village without a garden says instead: there is none, and whom to ask. */
export function NoGarden({ place, villageId }: { place: GardenPlace; villageId: string }) {
  const words = noGardenWords(place)
  return (
    <View className='xy-card garden-none' data-testid='garden-none'>
      <Text className='xy-card__title'>{words.title}</Text>
      <Text className='xy-card__text'>{words.text}</Text>
      {place.isSteward && (
        <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('steward', villageId)}>
          主理人管理 · 添加菜畦
        </View>
      )}
    </View>
  )
}

/**
 * Wraps a garden page: the page itself when the village has a garden; otherwise the plain words
 * that it has none yet (a steward's own page still opens, to start one).
 */
export function GardenGate({ children, testId, steward = false }: PropsWithChildren<{ testId: string; steward?: boolean }>) {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const cached = villageId === null ? null : cachedGardenPlace(villageId)
  const { state, reload } = useAsync(() => fetchGardenPlace(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null && cached === null })
  const place = cached ?? (state.status === 'ready' ? state.data : null)
  // Without a village the page itself says where to come from.
  if (villageId === null || (place !== null && (place.hasGarden || (steward && place.isSteward)))) return <>{children}</>
  return (
    <PageShell testId={testId}>
      {place === null && state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {place === null && state.status !== 'error' && <LoadingBlock />}
      {place !== null && <NoGarden place={place} villageId={villageId} />}
    </PageShell>
  )
}
