import { Text, View } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import { roleLabels, villageKindLabels } from '@shared/roles'
import { fetchVillageOverview } from '@/api/villages'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { MissingVillage } from '../missing-village'
import { LoadState } from '@/components/async-view'

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <View className='xy-stat'>
      <Text className='xy-stat__value'>{value}</Text>
      <Text className='xy-stat__label'>{label}</Text>
    </View>
  )
}

export default function VillageOverviewPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(() => fetchVillageOverview(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })

  if (villageId === null) return <MissingVillage />

  return (
    <PageShell testId='village-overview'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <Text className='xy-page-title'>
            {state.data.village.name}（{villageKindLabels[state.data.village.kind]}）
          </Text>
          <Text className='xy-card__text'>
            {state.data.village.county} {state.data.village.township}
          </Text>
          <Text className='xy-section-title'>村情</Text>
          <View className='xy-stat-grid'>
            <Stat value={state.data.households} label='户数' />
            <Stat value={state.data.elderlyHouseholds} label='有老人的户' />
            <Stat value={state.data.people} label='总人口' />
            <Stat value={state.data.adults} label='18岁以上村民' />
          </View>
          <Text className='xy-section-title'>村干部</Text>
          <CellGroup>
            {state.data.leaders.length === 0 && <Cell title='暂无登记' />}
            {state.data.leaders.map((leader) => (
              <Cell key={`${leader.role}-${leader.name}`} title={leader.name} extra={roleLabels[leader.role]} align='center' />
            ))}
          </CellGroup>
        </>
      )}
    </PageShell>
  )
}
