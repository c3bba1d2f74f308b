import './index.scss'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components/page-shell'
import { noGardenWords } from '@shared/garden'
import type { Me } from '@shared/auth'
import { fetchGardenPlace } from '@/api/garden'
import { pressableProps } from '@/lib/a11y'
import { pages, pageUrl } from '@/lib/pages'
import { useAsync } from '@/lib/use-async'
import { useMe } from '@/lib/use-session'
import { LoadState } from '@/components/async-view'

function open(page: keyof typeof pages.garden, villageId: string): void {
  void Taro.navigateTo({ url: pageUrl(pages.garden[page], { villageId }) })
}

type Membership = Me['memberships'][number]

/** One village's garden entries; a village with none says so plainly, and whom to ask. */
function VillageGarden({ membership: m }: { membership: Membership }) {
  const { state, reload } = useAsync(() => fetchGardenPlace(m.villageId), [m.villageId])
  const steward = m.roles.includes('garden_steward')
  return (
    <View className='xy-card' data-testid='garden-village'>
      <Text className='xy-card__title'>{m.villageName}</Text>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && !state.data.hasGarden && (
        <View className='garden-none' data-testid='garden-none'>
          <Text className='xy-card__text garden-none__title'>{noGardenWords(state.data).title}</Text>
          <Text className='xy-card__text'>{noGardenWords(state.data).text}</Text>
        </View>
      )}
      {state.status === 'ready' && state.data.hasGarden && (
        <>
          <View
            className='xy-tappable xy-full-button garden-entry'
            {...pressableProps('button')}
            data-testid='garden-open-home'
            onClick={() => open('home', m.villageId)}
          >
            <Text>我的值班和积分</Text>
          </View>
          <View className='xy-tappable xy-full-button garden-entry' {...pressableProps('button')} onClick={() => open('month', m.villageId)}>
            <Text>值班月历 · 报名</Text>
          </View>
          <View className='xy-tappable xy-full-button garden-entry' {...pressableProps('button')} onClick={() => open('harvests', m.villageId)}>
            <Text>收获与分菜</Text>
          </View>
        </>
      )}
      {state.status === 'ready' && steward && (
        <View className='xy-tappable xy-full-button garden-entry' {...pressableProps('button')} onClick={() => open('steward', m.villageId)}>
          <Text>{state.data.hasGarden ? '主理人：排班、菜畦、提醒' : '主理人：添加第一块菜畦'}</Text>
        </View>
      )}
    </View>
  )
}

export default function GardenPage() {
  const { state, reload } = useMe()
  return (
    <PageShell testId='garden-page'>
      <Text className='xy-page-title'>共享菜园</Text>
      <Text className='xy-card__text'>春播、夏长、秋收、冬藏。大家轮流浇水、除草、值守门岗，头茬菜先送院里的老人。</Text>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && state.data.memberships.map((m) => <VillageGarden key={m.villageId} membership={m} />)}
    </PageShell>
  )
}
