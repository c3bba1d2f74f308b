import { Fragment, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { beijingMoment, matterBallotLine, type MatterDetail } from '@shared/garden'
import { uuidSchema } from '@shared/ids'
import { castMatterBallot, closeMatter, fetchMatter } from '@/api/garden-matters'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { groupProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { Hint } from '../../ui'
import { HandsPanel } from './hands-panel'
import '../../garden.scss'
import '../matters.scss'
import { LoadState } from '@/components/async-view'

const choiceTone = (key: string) => (key === 'for' || key === 'against' || key === 'abstain' ? `matter-choice matter-choice--${key}` : 'matter-choice')

function Rules({ matter }: { matter: MatterDetail }) {
  return (
    <View className='matter-rule' data-testid='matter-rule'>
      <Text className='matter-rule__row'>
        <Text className='matter-rule__key'>谁能投：</Text>
        {matter.electorateLabel}（共{matter.eligible}
        {matter.electorate === 'households' ? '户' : '人'}）
      </Text>
      <Text className='matter-rule__row'>
        <Text className='matter-rule__key'>投票时间：</Text>
        {beijingMoment(matter.opensAt)} 到 {beijingMoment(matter.closesAt)}
      </Text>
      <Text className='matter-rule__row' data-testid='matter-threshold'>
        <Text className='matter-rule__key'>怎样算通过：</Text>
        {matter.thresholdWords}
      </Text>
      {matter.pausesDuty && (
        <Text className='matter-rule__row'>
          <Text className='matter-rule__key'>通过以后：</Text>“{matter.pausesDuty.title}”这项值班暂停。
        </Text>
      )}
    </View>
  )
}

function Result({ matter }: { matter: MatterDetail }) {
  const result = matter.result
  if (!result) return null
  return (
    <View className={matter.passed ? 'matter-result matter-result--passed' : 'matter-result'} data-testid='matter-result'>
      <Text className='matter-result__label'>表决结果：{matter.title}</Text>
      <Text className='matter-result__verdict'>{matter.passed ? '通过' : '未通过'}</Text>
      <Text className='matter-result__arithmetic' data-testid='matter-arithmetic'>
        {matter.arithmetic}
      </Text>
      <View className='matter-count'>
        <Text className='matter-count__head'>选项</Text>
        <Text className='matter-count__head matter-count__num'>手机</Text>
        <Text className='matter-count__head matter-count__num'>举手</Text>
        <Text className='matter-count__head matter-count__num'>合计</Text>
        {result.options.map((o) => (
          <Fragment key={o.key}>
            <Text>{o.label}</Text>
            <Text className='matter-count__num'>{o.app}</Text>
            <Text className='matter-count__num'>{o.hands}</Text>
            <Text className='matter-count__total'>{o.total}</Text>
          </Fragment>
        ))}
      </View>
      <Text className='matter-result__line'>
        有投票权{result.eligible}人，参加投票{result.voted}人{result.handsEntered ? `（居民会议到会${result.hallPresent}人）` : ''}。
      </Text>
      {matter.decidedAt && <Text className='matter-result__line'>{beijingMoment(matter.decidedAt)} 公布</Text>}
      {matter.changed.map((c) => (
        <Text key={c.subjectId} className='matter-result__line' data-testid='matter-changed'>
          这个决定改了：“{c.label}”值班，{c.note}。
        </Text>
      ))}
    </View>
  )
}

/**
 * One decision per screen: read the matter and its rule, pick, confirm, then an unmistakable
 * "您已投票：…" that only the server's answer shows. Changeable until voting closes.
 */
export default function MatterDetailPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const parsedId = uuidSchema.safeParse(useRouter().params.matterId)
  const matterId = parsedId.success ? parsedId.data : null
  const { state, reload } = useAsync(() => fetchMatter(villageId ?? '', matterId ?? ''), [villageId, matterId], {
    enabled: loggedIn && villageId !== null && matterId !== null,
  })
  const [pending, setPending] = useState<{ key: string; label: string } | null>(null)
  const [changing, setChanging] = useState(false)
  const { busy, error, run } = useAction()

  if (villageId === null || matterId === null) return <Hint>缺少这件事的信息，请从“居民议事”进入。</Hint>
  if (state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={state} reload={reload} />
      </PageShell>
    )
  const matter = state.data

  const submit = async () => {
    if (!pending) return
    const result = await run(() => castMatterBallot(villageId, matter.id, pending.key))
    if (result === null) return
    setPending(null)
    setChanging(false)
    reload()
  }

  const publish = async () => {
    const sure = await Taro.showModal({
      title: '结束投票并公布结果？',
      content: '公布以后不能再投票或更改，结果和算式全院都能看到。',
      confirmText: '公布',
      cancelText: '再等等',
    })
    if (!sure.confirm) return
    const result = await run(() => closeMatter(villageId, matter.id))
    if (result === null) return
    reload()
  }

  const open = matter.phase === 'open'
  const voted = matter.myChoice !== null
  return (
    <PageShell testId='garden-matter'>
      {/* Once decided, the verdict and its arithmetic come first; before that, what is being decided. */}
      <Result matter={matter} />
      <View className='matter-text'>
        <Text className='matter-text__label'>居民议事{matter.createdByName ? ` · ${matter.createdByName}提出` : ''}</Text>
        <Text className='matter-text__title' data-testid='matter-title'>
          {matter.title}
        </Text>
        <Text className='matter-text__body'>{matter.body}</Text>
      </View>
      <Rules matter={matter} />
      {error && <ErrorNotice error={error} />}
      {matter.phase === 'not_yet' && <Hint>{`投票还没开始，${beijingMoment(matter.opensAt)} 开始。`}</Hint>}
      {matter.phase === 'ended' && <Hint>投票已经截止，等主理人公布结果。</Hint>}
      {voted && !changing && (
        <>
          <Text className='matter-voted' data-testid='matter-vote-confirmation'>
            {matterBallotLine(matter.myChoice ?? '', open)}
          </Text>
          {open && (
            <Button className='xy-full-button' fill='outline' size='large' block data-testid='matter-change-vote' onClick={() => setChanging(true)}>
              更改我的投票
            </Button>
          )}
        </>
      )}
      {open && !voted && matter.notEligibleReason && <Hint>{matter.notEligibleReason}</Hint>}
      {open && matter.mayVote && (!voted || changing) && !pending && (
        <View {...groupProps('radiogroup', '请选择一项')}>
          {!voted && (
            <Text className='matter-not-voted' data-testid='matter-not-voted'>
              您还没有投票
            </Text>
          )}
          <Text className='xy-section-title'>请选择一项</Text>
          {matter.options.map((o) => (
            <Button key={o.key} className={choiceTone(o.key)} data-testid={`matter-choose-${o.key}`} onClick={() => setPending(o)}>
              {o.label}
            </Button>
          ))}
        </View>
      )}
      {pending && (
        <View className='xy-card' data-testid='matter-confirm-box'>
          <Text className='xy-card__title'>您选择的是：{pending.label}</Text>
          <Text className='xy-card__text'>这件事：{matter.title}</Text>
          <Text className='xy-card__text'>点“确认投票”才算投票。截止前还可以改。</Text>
          <Button className={choiceTone(pending.key)} loading={busy} data-testid='matter-confirm-vote' onClick={() => void submit()}>
            确认投票：{pending.label}
          </Button>
          <Button className='xy-full-button' fill='outline' size='large' block onClick={() => setPending(null)}>
            返回重选
          </Button>
        </View>
      )}
      {matter.phase !== 'decided' && <Text className='matter-hint'>已有{matter.votedSoFar}人在手机上投票。各选项的票数在公布结果时一起公布。</Text>}
      {matter.mayManage && matter.phase !== 'decided' && matter.phase !== 'not_yet' && (
        <View className='matter-steward' data-testid='matter-steward'>
          <Text className='xy-card__title'>主理人：居民会议和公布结果</Text>
          <HandsPanel villageId={villageId} matter={matter} onEntered={reload} />
          {matter.phase === 'open' && !matter.handsEntered ? (
            <Text className='matter-hint'>投票{beijingMoment(matter.closesAt)}截止。截止以前不能提前结束，除非已经在居民会议上举手表决并录入。</Text>
          ) : (
            <Button
              className='xy-full-button garden-button'
              type='primary'
              size='large'
              block
              loading={busy}
              data-testid='matter-publish'
              onClick={() => void publish()}
            >
              结束投票，公布结果
            </Button>
          )}
        </View>
      )}
    </PageShell>
  )
}
