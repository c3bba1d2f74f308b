import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { meetingChangeLine, meetingChangeRefusal } from '@shared/land'
import { errorCatalog } from '@shared/errors'
import { addDays, checkMeetingNotice, isoDate, MEETING_NOTICE_DAYS } from '@shared/votes'
import { todayInChina } from '@shared/time'
import { cancelMeeting, fetchCurrentYear, postponeMeeting } from '@/api/land'
import { ApiError } from '@/api/api-error'
import { PageShell } from '@/components/page-shell'
import { decorativeProps, fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { pages, pageUrl } from '@/lib/pages'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { ConfirmAction, useIsLeader } from '../ui'
import '../land.scss'
import { LoadState } from '@/components/async-view'

/**
 * The secretary moves the meeting to another day or calls it off, with the reason the village
 * reads on its land page. A new date gets ten days' notice again, unless urgent with a reason.
 */
export default function LandMeetingChangePage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const meetingId = useRouter().params.meetingId ?? ''
  const { state, reload } = useAsync(() => fetchCurrentYear(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  const today = todayInChina()
  const [mode, setMode] = useState<'postpone' | 'cancel'>('postpone')
  const [date, setDate] = useState(addDays(today, MEETING_NOTICE_DAYS))
  const [reason, setReason] = useState('')
  const [urgent, setUrgent] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const leader = useIsLeader(villageId)

  if (state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={state} reload={reload} />
      </PageShell>
    )
  const meeting = state.data.awardYear?.meetings.find((candidate) => candidate.id === meetingId) ?? null
  if (!meeting || !villageId)
    return (
      <PageShell>
        <View className='xy-card land-block'>
          <Text>找不到这次会议</Text>
        </View>
      </PageShell>
    )

  if (!leader) {
    return (
      <PageShell testId='land-change'>
        <View className='xy-card land-block'>
          <Text>只有党支部书记、副书记可以给会议改期或取消会议。</Text>
        </View>
      </PageShell>
    )
  }
  const refusal = meetingChangeRefusal(meeting, meeting.motions)
  const newDate = date.trim()
  const dateOk = isoDate.safeParse(newDate).success
  const notice = dateOk ? checkMeetingNotice(today, newDate, urgent) : null
  const short = dateOk && notice !== null && !notice.ok && notice.reason === 'too_short'

  const run = async () => {
    if (reason.trim().length === 0)
      throw new ApiError('validation_failed', mode === 'cancel' ? '请写明取消的理由，全村都会看到' : '请写明改期的理由，全村都会看到', 0)
    if (mode === 'cancel') {
      await cancelMeeting(meeting.id, reason.trim())
      setDone('会议已取消，全村在奖励耕地页上能看到取消的通知和理由。')
    } else {
      if (!dateOk) throw new ApiError('validation_failed', '新日期请写成 2026-04-10 这样', 0)
      await postponeMeeting({ meetingId: meeting.id, meetingDate: newDate, reason: reason.trim(), ...(urgent.trim() ? { urgentReason: urgent.trim() } : {}) })
      setDone(`会议已改到${newDate}，全村在奖励耕地页上能看到改期的通知和理由。`)
    }
    reload()
  }

  return (
    <PageShell testId='land-change'>
      <Text className='xy-page-title'>{meeting.title}</Text>
      <View className='xy-card'>
        <Text className='xy-card__text land-block'>
          原定日期：{meeting.meetingDate}（{meeting.noticeDate}通知）
        </Text>
        {meeting.present > 0 && meeting.status === 'open' && (
          <Text className='xy-card__text land-block'>已有{meeting.present}人签到。改期后要在新日期重新签到。</Text>
        )}
      </View>
      {meeting.changes.length > 0 && (
        <View className='xy-card'>
          <Text className='xy-card__title land-block'>已发的通知</Text>
          {meeting.changes.map((change) => (
            <Text className='xy-card__text land-block' key={`${change.kind}-${change.changedOn}-${change.fromDate}`}>
              {meetingChangeLine(change)}
            </Text>
          ))}
        </View>
      )}
      {done && (
        <View className='xy-card xy-ok-box land-block' data-testid='change-done'>
          <Text>{done}</Text>
        </View>
      )}
      {refusal && !done && (
        <View className='xy-alert land-block' data-testid='change-refused'>
          <Text>{errorCatalog[refusal].message}</Text>
        </View>
      )}
      {!refusal && !done && (
        <View className='xy-card'>
          <View {...groupProps('radiogroup', '改期还是取消')}>
            {(['postpone', 'cancel'] as const).map((option) => (
              <View
                key={option}
                className={mode === option ? 'land-check land-check--on' : 'land-check'}
                {...pressableProps('radio', { checked: mode === option })}
                onClick={() => setMode(option)}
                data-testid={`change-${option}`}
              >
                <Text className='land-check__box' {...decorativeProps()}>
                  {mode === option ? '✓' : ''}
                </Text>
                <Text>{option === 'postpone' ? '改到另一天开' : '取消这次会议'}</Text>
              </View>
            ))}
          </View>
          {mode === 'postpone' && (
            <>
              <Text className='xy-card__text land-block'>新的会议日期（须提前{MEETING_NOTICE_DAYS}天通知）</Text>
              <Input
                className='land-input'
                {...fieldLabel('新的会议日期')}
                value={date}
                onInput={(event) => setDate(event.detail.value)}
                data-testid='change-date'
              />
              {short && notice && (
                <Text className='xy-alert land-block' data-testid='change-short-notice'>
                  距新日期只有{notice.days}天，不满{MEETING_NOTICE_DAYS}天。确需紧急召开，请在下面写明紧急事由。
                </Text>
              )}
              <Text className='xy-card__text land-block'>紧急召开的事由（不满{MEETING_NOTICE_DAYS}天时必填）</Text>
              <Textarea
                className='land-input land-textarea'
                {...fieldLabel('紧急召开的事由')}
                value={urgent}
                maxlength={300}
                onInput={(event) => setUrgent(event.detail.value)}
                data-testid='change-urgent'
              />
            </>
          )}
          <Text className='xy-card__text land-block'>{mode === 'postpone' ? '改期的理由' : '取消的理由'}（全村都会看到）</Text>
          <Textarea
            className='land-input land-textarea'
            {...fieldLabel(mode === 'postpone' ? '改期的理由' : '取消的理由')}
            value={reason}
            maxlength={300}
            onInput={(event) => setReason(event.detail.value)}
            data-testid='change-reason'
          />
          <ConfirmAction
            label={mode === 'postpone' ? '改期并通知全村' : '取消会议并通知全村'}
            question={
              mode === 'postpone'
                ? `把会议从${meeting.meetingDate}改到${newDate}？全村都会看到改期通知和理由。`
                : '取消这次会议？全村都会看到取消通知和理由，取消后不能再开这次会。'
            }
            testId='submit-change'
            danger={mode === 'cancel'}
            run={run}
          />
        </View>
      )}
      {done && (
        <View className='land-control'>
          <Button
            className='xy-full-button land-button'
            type='primary'
            onClick={() => void Taro.redirectTo({ url: pageUrl(pages.land.meeting, { villageId }) })}
            data-testid='back-to-meeting'
          >
            返回会议页
          </Button>
        </View>
      )}
    </PageShell>
  )
}
