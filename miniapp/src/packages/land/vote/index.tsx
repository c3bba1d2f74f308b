import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ballotLine, voteChoiceLabels, voteChoices, type VoteChoice } from '@shared/votes'
import { castVote, fetchMyVote, fetchTally } from '@/api/land'
import { AssistedBallot } from '@/components/assisted-ballot'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { ReadAloudButton } from '@/components/read-aloud-button'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { CandidateList } from '../ui'
import { ballotReadAloudText } from './read-aloud'
import '../land.scss'
import { LoadState } from '@/components/async-view'

/**
 * One decision per screen: pick, confirm, then an unmistakable "您已投票：…". Many first-time
 * users believe a tap was a vote; only the server's answer turns this screen green.
 */
export default function LandVotePage() {
  const loggedIn = useRequireLogin()
  const motionId = useRouter().params.motionId ?? ''
  const { state, reload } = useAsync(async () => ({ mine: await fetchMyVote(motionId), tally: await fetchTally(motionId) }), [motionId], {
    enabled: loggedIn && motionId !== '',
  })
  const [pending, setPending] = useState<VoteChoice | null>(null)
  const [changing, setChanging] = useState(false)
  const { busy, error, run } = useAction()
  const [confirmed, setConfirmed] = useState<string | null>(null)

  const submit = async () => {
    if (!pending) return
    const result = await run(() => castVote(motionId, pending))
    if (result === null) return
    setConfirmed(result.message)
    setPending(null)
    setChanging(false)
    reload()
  }

  if (state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={state} reload={reload} />
      </PageShell>
    )
  const { mine, tally } = state.data
  const closed = tally.status === 'closed'
  const voted = mine.choice
  const assisted = voted !== null && mine.assisted

  return (
    <PageShell testId='land-vote'>
      {/* What is being voted on comes first: nobody should vote on a question they cannot read. */}
      <View className='land-motion' data-testid='ballot-motion'>
        <Text className='land-motion__meeting'>{mine.meetingTitle}</Text>
        <Text className='land-motion__label'>表决事项</Text>
        <Text className='land-motion__title' data-testid='ballot-motion-title'>
          {mine.motionTitle}
        </Text>
      </View>
      <ReadAloudButton text={ballotReadAloudText(mine)} />
      {error && <ErrorNotice error={error} />}
      {assisted && !changing && <AssistedBallot ballot={mine} onChange={() => setChanging(true)} />}
      {voted && !assisted && !changing && (
        <>
          <Text className='land-voted' data-testid='vote-confirmation'>
            {confirmed ?? ballotLine({ choice: voted, assisted: false, assistedByName: null }, !closed)}
          </Text>
          <Text className='xy-card__text land-block'>{closed ? '表决已经结束。' : '表决结束前，您可以更改。'}</Text>
          {!closed && (
            <Button className='xy-full-button' fill='outline' onClick={() => setChanging(true)} data-testid='change-vote'>
              更改我的投票
            </Button>
          )}
        </>
      )}
      {!voted && !pending && (
        <Text className='land-not-voted' data-testid='not-voted'>
          您还没有投票
        </Text>
      )}
      {closed && !voted && <Text className='xy-card land-block'>表决已经结束，不能再投票。</Text>}
      {mine.candidates.length > 0 && (
        <CandidateList
          candidates={mine.candidates}
          perHouseholdTenthMu={mine.perHouseholdTenthMu}
          {...(mine.motionKind === 'ranking' ? { awardedUpTo: mine.capacity } : {})}
        />
      )}
      {!closed && (!voted || changing) && !pending && (
        <View>
          <Text className='xy-section-title'>
            {mine.motionKind === 'whole_list'
              ? `对以上${mine.candidates.length}户整体表决，请选择一项`
              : mine.motionKind === 'ranking'
                ? `对以上排序表决：前${mine.capacity}名获奖，请选择一项`
                : '请选择一项'}
          </Text>
          {voteChoices.map((choice) => (
            <Button key={choice} className={`land-big-choice land-big-choice--${choice}`} onClick={() => setPending(choice)} data-testid={`choose-${choice}`}>
              {voteChoiceLabels[choice]}
            </Button>
          ))}
        </View>
      )}
      {pending && (
        <View className='xy-card' data-testid='confirm-box'>
          <Text className='xy-card__title land-block'>您选择的是：{voteChoiceLabels[pending]}</Text>
          <Text className='xy-card__text land-block'>表决事项：{mine.motionTitle}</Text>
          <Text className='xy-card__text land-block'>点“确认投票”才算投票。</Text>
          <Button className={`land-big-choice land-big-choice--${pending}`} loading={busy} onClick={submit} data-testid='confirm-vote'>
            确认投票：{voteChoiceLabels[pending]}
          </Button>
          <Button className='xy-full-button' fill='outline' onClick={() => setPending(null)}>
            返回重选
          </Button>
        </View>
      )}
    </PageShell>
  )
}
