import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { closeMeeting, closeMotion, enterHands, fetchCurrentYear, fetchRoster, fetchTally, openMeeting, openMotion, publishNotice, rollCall } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { decorativeProps, fieldLabel, pressableProps } from '@/lib/a11y'
import { pages, pageUrl } from '@/lib/pages'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { ConfirmAction, openLandPage, rollCallLine, TallyTable } from '../ui'
import { meetingAwardOutcome } from '@shared/land'
import { AssistPanel } from './assist-panel'
import { RankingPanel } from './ranking-panel'
import '../land.scss'
import { LoadState } from '@/components/async-view'

const toCount = (text: string) => (/^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN)

export default function LandControlPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const meetingId = useRouter().params.meetingId ?? ''
  const year = useAsync(() => fetchCurrentYear(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  const roster = useAsync(() => fetchRoster(meetingId), [meetingId], { enabled: loggedIn && meetingId !== '' })
  // Where the refusal belongs: shown beside the control that caused it, not at the top of the page.
  const { busy, error, errorAt: failedAt, run, fail } = useAction()
  const [picked, setPicked] = useState<string[]>([])
  const [hands, setHands] = useState({ for: '', against: '', abstain: '' })

  const awardYear = year.state.status === 'ready' ? year.state.data.awardYear : null
  const meeting = awardYear?.meetings.find((candidate) => candidate.id === meetingId) ?? null
  const openOne = meeting?.motions.find((motion) => motion.status === 'open') ?? null
  const tally = useAsync(() => fetchTally(openOne?.id ?? ''), [openOne?.id], { enabled: openOne !== null })

  // The live tally: villagers vote on their phones while the secretary watches the numbers.
  const openMotionId = openOne?.id ?? null
  const reloadTally = tally.reload
  useEffect(() => {
    if (openMotionId === null) return
    const timer = setInterval(reloadTally, 4000)
    return () => clearInterval(timer)
  }, [openMotionId, reloadTally])

  const reloadAll = () => {
    year.reload()
    roster.reload()
    tally.reload()
  }
  const act = async (at: string, work: () => Promise<unknown>, after?: () => void) => {
    const result = await run(async () => {
      await work()
      return true
    }, at)
    if (result === null) return
    reloadAll()
    after?.()
  }
  const errorAt = (at: string) => (error && failedAt === at ? <ErrorNotice error={error} /> : null)

  const submitHands = () => {
    const counts = { for: toCount(hands.for), against: toCount(hands.against), abstain: toCount(hands.abstain) }
    if (!openOne || Object.values(counts).some(Number.isNaN)) {
      fail('请在三个框里都填上人数（没有人举手就填0）', 'hands')
      return
    }
    void act('hands', () => enterHands(openOne.id, counts))
  }

  if (year.state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={year.state} reload={year.reload} />
      </PageShell>
    )
  if (!meeting || !awardYear || !villageId)
    return (
      <PageShell>
        <Text className='xy-card land-block'>找不到这次会议</Text>
      </PageShell>
    )
  const allClosed = meeting.motions.every((motion) => motion.status !== 'open')
  // What publishing would do, said before the button: the same rule the server applies.
  const outcome = meetingAwardOutcome(
    awardYear.meetings.flatMap((candidate) => candidate.motions),
    awardYear.capacity,
  )
  const rankingMissing = !outcome.result.ok

  return (
    <PageShell testId='land-control'>
      <Text className='xy-page-title'>{meeting.title}</Text>
      {meeting.status === 'scheduled' && (
        <>
          <Button
            className='xy-full-button land-button'
            type='primary'
            loading={busy}
            onClick={() => void act('open-meeting', () => openMeeting(meeting.id))}
            data-testid='open-meeting'
          >
            宣布开会，开始签到
          </Button>
          {errorAt('open-meeting')}
        </>
      )}
      <View className='xy-card'>
        <Text className='xy-card__title land-block'>
          到会：{meeting.present} / 应到 {meeting.eligible}
        </Text>
        {meeting.status === 'open' && roster.state.status === 'ready' && (
          <>
            <Text className='xy-card__text land-block'>点名：勾选已到会的人，再点“登记到会”。</Text>
            {roster.state.data.people
              .filter((person) => !person.present)
              .slice(0, 200)
              .map((person) => {
                const on = picked.includes(person.personId)
                const who = rollCallLine(person)
                return (
                  <View
                    key={person.personId}
                    className={on ? 'land-roll land-roll--on' : 'land-roll'}
                    data-testid='roll-call-row'
                    {...pressableProps('checkbox', { checked: on, label: `${who.name}，${who.detail}${person.needsHelp ? '，需要代办' : ''}` })}
                    onClick={() => setPicked(on ? picked.filter((id) => id !== person.personId) : [...picked, person.personId])}
                  >
                    <Text className='land-roll__check' data-testid='roll-call-check' {...decorativeProps()}>
                      {on ? '✓' : ''}
                    </Text>
                    <View className='land-roll__who' data-testid='roll-call-person'>
                      <Text className='land-roll__name'>{who.name}</Text>
                      <Text className='land-roll__detail'>{who.detail}</Text>
                      {person.needsHelp && <Text className='land-tag land-roll__tag'>需要代办</Text>}
                    </View>
                  </View>
                )
              })}
            <Button
              className='xy-full-button land-button'
              disabled={picked.length === 0}
              loading={busy}
              onClick={() =>
                void act(
                  'roll-call',
                  () => rollCall(meeting.id, picked),
                  () => setPicked([]),
                )
              }
              data-testid='roll-call'
            >
              登记到会（{picked.length}人）
            </Button>
            {errorAt('roll-call')}
          </>
        )}
      </View>

      {meeting.motions.map((motion) => (
        <View className='xy-card' key={motion.id} data-testid={`motion-${motion.status}`}>
          <Text className='xy-card__title land-block'>{motion.title}</Text>
          <Text className='xy-card__text land-block'>
            {motion.status === 'draft' ? '未开始' : motion.status === 'open' ? '正在表决' : motion.passed ? '已结束：通过' : '已结束：未通过'}
          </Text>
          {motion.status === 'draft' && meeting.status === 'open' && !openOne && (
            <>
              <Button
                className='xy-full-button land-button'
                type='primary'
                loading={busy}
                onClick={() => void act(`open-${motion.id}`, () => openMotion(motion.id))}
                data-testid='open-motion'
              >
                开始表决
              </Button>
              {errorAt(`open-${motion.id}`)}
            </>
          )}
          {motion.status === 'closed' && motion.result && <TallyTable tally={motion.result} />}
        </View>
      ))}

      {openOne && tally.state.status === 'ready' && (
        <>
          <Text className='xy-section-title'>实时计票（表决中，结束表决后才有结果）</Text>
          <TallyTable tally={tally.state.data.tally} open />
          {roster.state.status === 'ready' && (
            <AssistPanel villageId={villageId} motionId={openOne.id} people={roster.state.data.people} onChanged={reloadAll} />
          )}
          <View className='xy-card'>
            <Text className='xy-card__title land-block'>录入会场举手人数（最多{tally.state.data.tally.maxHands}人）</Text>
            {(['for', 'against', 'abstain'] as const).map((key) => (
              <View key={key}>
                <Text className='xy-card__text land-block'>{{ for: '同意', against: '反对', abstain: '弃权' }[key]}（举手）</Text>
                <Input
                  className='land-input'
                  {...fieldLabel(`${{ for: '同意', against: '反对', abstain: '弃权' }[key]}（举手）人数`)}
                  type='number'
                  value={hands[key]}
                  onInput={(event) => setHands({ ...hands, [key]: event.detail.value })}
                  data-testid={`hands-${key}`}
                />
              </View>
            ))}
            <Button className='xy-full-button land-button' type='primary' loading={busy} onClick={submitHands} data-testid='enter-hands'>
              录入举手人数
            </Button>
            {errorAt('hands')}
          </View>
          <ConfirmAction
            label='结束表决'
            question={`结束“${openOne.title}”的表决？结束后手机不能再投票，举手人数不能再改，结果按现在的票数算。`}
            testId='close-motion'
            danger
            run={async () => {
              await closeMotion(openOne.id)
              reloadAll()
            }}
          />
        </>
      )}

      {meeting.status !== 'cancelled' && <RankingPanel awardYear={awardYear} meeting={meeting} onChanged={reloadAll} />}

      {meeting.status === 'open' && allClosed && (
        <ConfirmAction
          label='宣布散会'
          question={
            rankingMissing && outcome.approved.length > 0
              ? '获奖排序还没有表决通过，散会后须另开会议表决排序才能公布结果。仍要宣布散会吗？'
              : '宣布散会？散会后不能再签到，也不能再开始新的表决。'
          }
          testId='close-meeting'
          run={async () => {
            await closeMeeting(meeting.id)
            reloadAll()
          }}
        />
      )}
      {allClosed && meeting.motions.some((motion) => motion.passed) && awardYear.status === 'nominating' && !rankingMissing && (
        <ConfirmAction
          label='公布结果并公示7天'
          question='公布表决结果并开始公示7天？公布后获奖名单挂到公示栏，有异议须逐条书面答复。'
          testId='publish'
          run={async () => {
            const notice = await publishNotice(awardYear.id)
            void Taro.redirectTo({ url: pageUrl(pages.land.notice, { noticeId: notice.id, villageId }) })
          }}
        />
      )}
      {awardYear.notice && (
        <Button className='xy-full-button land-button' onClick={() => openLandPage('notice', { noticeId: awardYear.notice?.id ?? '', villageId })}>
          查看公示
        </Button>
      )}
    </PageShell>
  )
}
