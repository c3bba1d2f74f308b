import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { beijingMoment, electorateLabels, type MatterSummary } from '@shared/garden'
import { fetchMatters } from '@/api/garden-matters'
import { PageShell } from '@/components/page-shell'
import { pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { Hint } from '../ui'
import { openMatters } from './nav'
import '../garden.scss'
import './matters.scss'
import { LoadState } from '@/components/async-view'

const phaseWords: Record<MatterSummary['phase'], string> = { not_yet: '还没开始投票', open: '正在投票', ended: '投票已截止，等待公布', decided: '已公布结果' }

function MatterCard({ matter, villageId }: { matter: MatterSummary; villageId: string }) {
  const tone =
    matter.phase === 'decided'
      ? matter.passed
        ? 'matter-card matter-card--passed'
        : 'matter-card matter-card--failed'
      : matter.phase === 'open'
        ? 'matter-card matter-card--open'
        : 'matter-card'
  return (
    <View className={tone} {...pressableProps('button')} data-testid='matter-card' onClick={() => openMatters('detail', villageId, { matterId: matter.id })}>
      <Text className='matter-card__label'>{phaseWords[matter.phase]}</Text>
      <Text className='matter-card__title'>{matter.title}</Text>
      <Text className='matter-card__meta'>
        {electorateLabels[matter.electorate]} ·{' '}
        {matter.phase === 'decided' && matter.decidedAt ? `${beijingMoment(matter.decidedAt)} 公布` : `${beijingMoment(matter.closesAt)} 截止`}
      </Text>
      {matter.arithmetic && <Text className='matter-card__arithmetic'>{matter.arithmetic}</Text>}
      {matter.phase === 'open' && (
        <Text className={matter.myChoice ? 'matter-card__mine' : 'matter-card__todo'}>
          {matter.myChoice ? `您已投票：${matter.myChoice}` : matter.mayVote ? '您还没有投票' : '点开看内容'}
        </Text>
      )}
    </View>
  )
}

/** The courtyard's matters: those being voted on now, then the garden's record of decisions. */
export default function MattersPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(() => fetchMatters(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>
  return (
    <PageShell testId='garden-matters'>
      <Text className='xy-page-title'>居民议事</Text>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          {state.data.mayPropose && (
            <Button
              className='xy-full-button garden-button'
              type='primary'
              size='large'
              block
              data-testid='matter-propose'
              onClick={() => openMatters('new', villageId)}
            >
              提出一件事，请全院表决
            </Button>
          )}
          <Text className='xy-section-title'>正在表决</Text>
          {state.data.matters.filter((m) => m.phase !== 'decided').length === 0 && <Hint>现在没有要表决的事。</Hint>}
          {state.data.matters
            .filter((m) => m.phase !== 'decided')
            .map((m) => (
              <MatterCard key={m.id} matter={m} villageId={villageId} />
            ))}
          <Text className='xy-section-title'>菜园的决定记录</Text>
          {state.data.matters.filter((m) => m.phase === 'decided').length === 0 && <Hint>还没有公布过的决定。</Hint>}
          {state.data.matters
            .filter((m) => m.phase === 'decided')
            .map((m) => (
              <MatterCard key={m.id} matter={m} villageId={villageId} />
            ))}
        </>
      )}
    </PageShell>
  )
}
