import './index.scss'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorNotice } from '@/components/error-notice'
import { LoadingBlock } from '@/components/loading-block'
import { PageShell } from '@/components/page-shell'
import { pressableProps } from '@/lib/a11y'
import { useMe } from '@/lib/use-session'

// Spelled out here: a main-package page must not import code from inside a subpackage.
const pages = {
  home: '/packages/garden/home/index',
  month: '/packages/garden/month/index',
  harvests: '/packages/garden/harvests/index',
  steward: '/packages/garden/steward/index',
} as const

function open(page: keyof typeof pages, villageId: string): void {
  void Taro.navigateTo({ url: `${pages[page]}?villageId=${encodeURIComponent(villageId)}` })
}

export default function GardenPage() {
  const { state, reload } = useMe()
  return (
    <PageShell testId='garden-page'>
      <Text className='xy-page-title'>共享菜园</Text>
      <Text className='xy-card__text'>春播、夏长、秋收、冬藏。大家轮流浇水、除草、值守门岗，头茬菜先送院里的老人。</Text>
      {state.status === 'loading' && <LoadingBlock />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' &&
        state.data.memberships.map((m) => (
          <View key={m.villageId} className='xy-card' data-testid='garden-village'>
            <Text className='xy-card__title'>{m.villageName}</Text>
            <View className='xy-tappable xy-full-button garden-entry' {...pressableProps('button')} data-testid='garden-open-home' onClick={() => open('home', m.villageId)}>
              <Text>我的值班和积分</Text>
            </View>
            <View className='xy-tappable xy-full-button garden-entry' {...pressableProps('button')} onClick={() => open('month', m.villageId)}>
              <Text>值班月历 · 报名</Text>
            </View>
            <View className='xy-tappable xy-full-button garden-entry' {...pressableProps('button')} onClick={() => open('harvests', m.villageId)}>
              <Text>收获与分菜</Text>
            </View>
            {m.roles.includes('garden_steward') && (
              <View className='xy-tappable xy-full-button garden-entry' {...pressableProps('button')} onClick={() => open('steward', m.villageId)}>
                <Text>主理人：排班、菜畦、提醒</Text>
              </View>
            )}
          </View>
        ))}
    </PageShell>
  )
}
