import { Fragment, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { WeeklyWindow } from '@shared/garden'
import { fetchAvailability, setAvailability } from '@/api/garden'
import { PageShell } from '@/components/page-shell'
import { pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { act, Hint, WEEKDAYS } from '../ui'
import { GardenGate } from '../gate'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

/** Three plain parts of the day instead of a time picker. */
const PARTS = [
  { key: 'morning', label: '早上', start: 6 * 60, end: 12 * 60 },
  { key: 'afternoon', label: '下午', start: 12 * 60, end: 17 * 60 },
  { key: 'evening', label: '晚上', start: 17 * 60, end: 22 * 60 },
] as const

const slot = (weekday: number, part: number) => `${weekday}-${part}`

function GardenAvailabilityContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const [on, setOn] = useState<Set<string>>(new Set())
  const { state, reload } = useAsync(() => fetchAvailability(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  useEffect(() => {
    if (state.status !== 'ready') return
    const next = new Set<string>()
    for (const w of state.data.windows) {
      PARTS.forEach((p, i) => {
        if (w.startMinute <= p.start && w.endMinute >= p.end) next.add(slot(w.weekday, i))
      })
    }
    setOn(next)
  }, [state])
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>
  const toggle = (key: string) =>
    setOn((old) => {
      const next = new Set(old)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  const save = () => {
    const windows: WeeklyWindow[] = []
    for (let d = 1; d <= 7; d++) PARTS.forEach((p, i) => on.has(slot(d, i)) && windows.push({ weekday: d, startMinute: p.start, endMinute: p.end }))
    void act(() => setAvailability(villageId, windows), '已保存', reload)
  }
  return (
    <PageShell testId='garden-availability'>
      <Text className='xy-page-title'>每周哪些时候能来菜园？</Text>
      <Hint>点一下变绿就是有空。主理人排班时只会排您有空的时候。</Hint>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <View className='garden-toggle-grid'>
            <Text />
            {PARTS.map((p) => (
              <Text key={p.key} className='garden-month__weekday'>
                {p.label}
              </Text>
            ))}
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <Fragment key={d}>
                <Text className='garden-row__title'>{WEEKDAYS[d]}</Text>
                {PARTS.map((p, i) => (
                  <View
                    key={`${d}-${p.key}`}
                    className={on.has(slot(d, i)) ? 'garden-toggle garden-toggle--on' : 'garden-toggle'}
                    {...pressableProps('checkbox', { checked: on.has(slot(d, i)), label: `${WEEKDAYS[d] ?? ''}${p.label}有空` })}
                    onClick={() => toggle(slot(d, i))}
                  >
                    {on.has(slot(d, i)) ? '有空' : '—'}
                  </View>
                ))}
              </Fragment>
            ))}
          </View>
          <Button className='garden-button' type='primary' size='large' block onClick={save}>
            保存
          </Button>
        </>
      )}
    </PageShell>
  )
}

export default function GardenAvailabilityPage() {
  return (
    <GardenGate testId='garden-availability'>
      <GardenAvailabilityContent />
    </GardenGate>
  )
}
