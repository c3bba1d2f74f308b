import { Text, View } from '@tarojs/components'
import { fetchDecisionsFor } from '@/api/garden-matters'
import { pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { openMatters } from './nav'
import './matters.scss'

/** What a residents' council decision changed links back to it: "按居民议事会决定《…》暂停 ›". */
export function DecidedBy({ villageId, subjectId }: { villageId: string; subjectId: string }) {
  const { state } = useAsync(() => fetchDecisionsFor(villageId, subjectId), [villageId, subjectId])
  if (state.status !== 'ready' || state.data.decisions.length === 0) return null
  return (
    <View data-testid='garden-decided-by'>
      {state.data.decisions.map((d) => (
        <Text
          key={d.matterId}
          className='matter-decided-by'
          {...pressableProps('button')}
          onClick={() => openMatters('detail', villageId, { matterId: d.matterId })}
        >
          {d.note} ›
        </Text>
      ))}
    </View>
  )
}
