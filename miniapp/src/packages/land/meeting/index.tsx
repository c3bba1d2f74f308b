import { useState } from 'react'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { currentMeeting, deedKindLabels, meetingChangeLine, meetingChangeRefusal, meetingStatusLabels, villageMeetingNotices } from '@shared/land'
import { meetingTypeLabels } from '@shared/votes'
import { checkIn, fetchCurrentYear } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { householdFace, mu, openLandPage, useIsLeader } from '../ui'
import '../land.scss'
import { LoadState } from '@/components/async-view'

const statusLabels = meetingStatusLabels

export default function LandMeetingPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const wantedMeetingId = useRouter().params.meetingId ?? null
  const { state, reload } = useAsync(() => fetchCurrentYear(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  const { busy, error, run } = useAction()
  const [shown, setShown] = useState(false)
  const leader = useIsLeader(villageId)
  // Back from the vote screen: the open motion may have closed meanwhile.
  useDidShow(() => {
    if (shown) reload()
    setShown(true)
  })

  const year = state.status === 'ready' ? state.data.awardYear : null
  // A day may have two meetings (the village meeting and the representatives'): the one tapped, else the current one.
  const meeting = year?.meetings.find((candidate) => candidate.id === wantedMeetingId) ?? (year ? currentMeeting(year.meetings) : null)
  const motion = meeting?.motions.find((candidate) => candidate.status === 'open') ?? meeting?.motions.find((candidate) => candidate.status === 'draft') ?? null
  const candidates = year && motion ? year.nominations.filter((nomination) => motion.candidateIds.includes(nomination.id)) : []

  const onCheckIn = async () => {
    if (!meeting) return
    const result = await run(() => checkIn(meeting.id))
    if (result === null) return
    reload()
  }

  return (
    <PageShell testId='land-meeting'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && !meeting && <Text className='xy-card land-block'>今年还没有召开表决会议。</Text>}
      {meeting && year && villageId && (
        <>
          <Text className='xy-page-title'>{meeting.title}</Text>
          <View className='xy-card'>
            <Text className='xy-card__text'>会议日期：{meeting.meetingDate}</Text>
            <Text className='xy-card__text'>会议类型：{meetingTypeLabels[meeting.type]}</Text>
            <Text className='xy-card__text'>
              通知日期：{meeting.noticeDate}
              {meeting.urgentReason ? `（紧急召开：${meeting.urgentReason}）` : ''}
            </Text>
            <Text className='xy-card__text' data-testid='meeting-status'>
              状态：{statusLabels[meeting.status]}，已到会 {meeting.present} / 应到 {meeting.eligible}
            </Text>
          </View>
          {year && villageMeetingNotices(year.meetings).length > 0 && (
            <View className='xy-alert' data-testid='meeting-changes'>
              <Text className='land-block'>村里通知</Text>
              {villageMeetingNotices(year.meetings).map((change) => (
                <Text className='land-block' key={`${change.meetingTitle}-${change.kind}-${change.changedOn}-${change.fromDate}`} data-testid='meeting-change'>
                  {change.meetingTitle}：{meetingChangeLine(change)}
                </Text>
              ))}
            </View>
          )}
          {error && <ErrorNotice error={error} />}
          {meeting.status === 'open' && !meeting.checkedIn && (
            <Button className='land-big-choice land-button' loading={busy} onClick={onCheckIn} data-testid='check-in'>
              我已到会，签到
            </Button>
          )}
          {meeting.checkedIn && (
            <Text className='xy-card xy-ok-box land-block' data-testid='checked-in'>
              您已签到
            </Text>
          )}
          {motion?.status === 'open' && (
            <Button
              className='land-big-choice land-big-choice--for land-button'
              onClick={() => openLandPage('vote', { motionId: motion.id, villageId })}
              data-testid='go-vote'
            >
              去投票：{motion.title}
            </Button>
          )}
          {candidates.length > 0 && (
            <>
              <Text className='xy-section-title'>
                候选户和事迹（共{candidates.length}户，每户{mu(year.perHouseholdTenthMu)}）
              </Text>
              {candidates.map((candidate) => (
                <View className='xy-card' key={candidate.id}>
                  <Text className='xy-card__title land-block'>{candidate.householdLabel}</Text>
                  <Text className='xy-card__text land-block'>{householdFace(candidate)}</Text>
                  <Text className='xy-card__text land-block'>
                    事迹：{deedKindLabels[candidate.deedKind]}（{candidate.deedDate}）
                  </Text>
                  {candidate.notes && <Text className='xy-card__text land-block'>{candidate.notes}</Text>}
                </View>
              ))}
            </>
          )}
          {leader && meetingChangeRefusal(meeting, meeting.motions) === null && (
            <Button
              className='xy-full-button land-button'
              fill='outline'
              onClick={() => openLandPage('change', { meetingId: meeting.id, villageId })}
              data-testid='open-change'
            >
              会议改期或取消（书记）
            </Button>
          )}
          {leader && meeting.status !== 'cancelled' && (
            <Button
              className='xy-full-button land-button'
              type='primary'
              onClick={() => openLandPage('control', { meetingId: meeting.id, villageId })}
              data-testid='open-control'
            >
              主持会议（书记）
            </Button>
          )}
        </>
      )}
    </PageShell>
  )
}
