import { Text, View } from '@tarojs/components'
import { beijingMoment } from '@shared/garden'
import { fetchMatters } from '@/api/garden-matters'
import { pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { openMatters } from './nav'
import './matters.scss'

/**
 * On the garden home: the matters the courtyard is voting on now, each one tap from its ballot.
 * Loads on its own, so a slow or failed list never holds up the resident's shifts.
 */
export function OpenMatters({ villageId }: { villageId: string }) {
  const { state } = useAsync(() => fetchMatters(villageId), [villageId])
  if (state.status !== 'ready') return null
  const open = state.data.matters.filter((m) => m.phase === 'open')
  return (
    <View data-testid='garden-open-matters'>
      {open.map((m) => (
        <View
          key={m.id}
          className='matter-card matter-card--open'
          {...pressableProps('button')}
          data-testid='garden-open-matter'
          onClick={() => openMatters('detail', villageId, { matterId: m.id })}
        >
          <Text className='matter-card__label'>居民议事 · 正在投票</Text>
          <Text className='matter-card__title'>{m.title}</Text>
          <Text className='matter-card__meta'>{beijingMoment(m.closesAt)} 截止</Text>
          <Text className={m.myChoice ? 'matter-card__mine' : 'matter-card__todo'}>
            {m.myChoice ? `您已投票：${m.myChoice}` : m.mayVote ? '您还没有投票，点这里去投票' : '点这里看内容'}
          </Text>
        </View>
      ))}
      <View
        className='garden-nav__item matter-record-link'
        {...pressableProps('button')}
        data-testid='garden-open-decisions'
        onClick={() => openMatters('list', villageId)}
      >
        居民议事 · 决定记录
      </View>
    </View>
  )
}
