import { Text, View } from '@tarojs/components'
import { fetchCalendar } from '@/api/garden'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { Hint } from '../ui'
import { GardenGate } from '../gate'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

const ICON = { spring: '🌱', summer: '☀️', autumn: '🍂', winter: '❄️' } as const

function GardenCalendarContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(() => fetchCalendar(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>
  return (
    <PageShell testId='garden-calendar'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <Text className='xy-page-title'>四季农事 · 现在是{state.data.current.label}</Text>
          {state.data.seasons.map((s) => (
            <View key={s.season} className={s.season === state.data.current.season ? 'garden-season garden-season--current' : 'garden-season'}>
              <Text className='garden-season__name'>
                {ICON[s.season]} {s.label}（{s.months.map((m) => `${m}月`).join('、')}）
              </Text>
              {s.tasks.length === 0 && <Text className='xy-card__text'>主理人还没安排农事。</Text>}
              {s.tasks.map((t) => (
                <View key={t.id} className='garden-row'>
                  <View className='garden-row__main'>
                    <Text className='garden-row__title'>{t.title}</Text>
                    {t.note !== null && <Text className='garden-row__sub'>{t.note}</Text>}
                  </View>
                </View>
              ))}
            </View>
          ))}
          <Text className='xy-section-title'>今年种了什么</Text>
          <View className='xy-card'>
            {state.data.plantings.map((p, i) => (
              <View key={`${p.bedName}-${p.crop}-${i}`} className='garden-row'>
                <View className='garden-row__main'>
                  <Text className='garden-row__title'>
                    {p.crop} · {p.bedName}
                  </Text>
                  <Text className='garden-row__sub'>
                    {p.sownOn}播种{p.expectedHarvestOn !== null ? `，预计${p.expectedHarvestOn}采收` : ''}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        </>
      )}
    </PageShell>
  )
}

export default function GardenCalendarPage() {
  return (
    <GardenGate testId='garden-calendar'>
      <GardenCalendarContent />
    </GardenGate>
  )
}
