import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { addDays, meetingTypeLabels, meetingTypes, MEETING_NOTICE_DAYS, type MeetingType } from '@shared/votes'
import { createMeeting, createMotion, fetchCurrentYear } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { decorativeProps, fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { pages, pageUrl } from '@/lib/pages'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import '../land.scss'
import { todayInChina } from '@shared/time'
import { LoadState } from '@/components/async-view'

/** The secretary calls the meeting: its type decides the quorum; 10 days' notice unless urgent. */
export default function LandCallPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const { state, reload } = useAsync(() => fetchCurrentYear(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  const today = todayInChina()
  const [type, setType] = useState<MeetingType>('assembly')
  const [date, setDate] = useState(addDays(today, MEETING_NOTICE_DAYS))
  const [urgent, setUrgent] = useState('')
  const [perCandidate, setPerCandidate] = useState(false)
  const { busy, error, run } = useAction()

  if (state.status !== 'ready')
    return (
      <PageShell>
        <LoadState state={state} reload={reload} />
      </PageShell>
    )
  const year = state.data.awardYear
  if (!year || !villageId)
    return (
      <PageShell>
        <Text className='xy-card'>请先设置今年的奖励耕地</Text>
      </PageShell>
    )
  const approved = year.nominations.filter((nomination) => nomination.status === 'approved')

  const submit = async () => {
    const meeting = await run(async () => {
      const called = await createMeeting({
        awardYearId: year.id,
        type,
        title: `${year.year}年移风易俗先进典型评选${type === 'representatives' ? '村民代表会议' : '村民会议'}`,
        meetingDate: date.trim(),
        ...(urgent.trim() ? { urgentReason: urgent.trim() } : {}),
      })
      if (perCandidate) {
        for (const nomination of approved) {
          await createMotion({
            meetingId: called.id,
            kind: 'candidate',
            title: `同意${nomination.householdLabel}为${year.year}年移风易俗先进典型`,
            candidateIds: [nomination.id],
          })
        }
      } else if (approved.length > 0) {
        await createMotion({
          meetingId: called.id,
          kind: 'whole_list',
          title: `同意以上${approved.length}户为${year.year}年移风易俗先进典型`,
          candidateIds: approved.map((nomination) => nomination.id),
        })
      }
      return called
    })
    if (meeting === null) return
    void Taro.redirectTo({ url: pageUrl(pages.land.meeting, { villageId }) })
  }

  return (
    <PageShell testId='land-call'>
      <Text className='xy-page-title'>召集表决会议</Text>
      {error && <ErrorNotice error={error} />}
      <View className='xy-card'>
        <Text className='xy-card__title'>会议类型</Text>
        <View {...groupProps('radiogroup', '会议类型')}>
          {meetingTypes.map((option) => (
            <View
              key={option}
              className={type === option ? 'land-check land-check--on' : 'land-check'}
              {...pressableProps('radio', { checked: type === option })}
              onClick={() => setType(option)}
            >
              <Text className='land-check__box' {...decorativeProps()}>
                {type === option ? '✓' : ''}
              </Text>
              <Text>{meetingTypeLabels[option]}</Text>
            </View>
          ))}
        </View>
        <Text className='xy-card__text'>会议日期（YYYY-MM-DD，须提前{MEETING_NOTICE_DAYS}天通知）</Text>
        <Input className='land-input' {...fieldLabel('会议日期')} value={date} onInput={(event) => setDate(event.detail.value)} />
        <Text className='xy-card__text'>紧急召开的事由（不满{MEETING_NOTICE_DAYS}天时必填）</Text>
        <Textarea
          className='land-input land-textarea'
          {...fieldLabel('紧急召开的事由')}
          value={urgent}
          maxlength={300}
          onInput={(event) => setUrgent(event.detail.value)}
        />
        <Text className='xy-card__title'>
          表决方式（已审核通过{approved.length}户，耕地够{year.capacity}户）
        </Text>
        <View {...groupProps('radiogroup', '表决方式')}>
          <View
            className={perCandidate ? 'land-check' : 'land-check land-check--on'}
            {...pressableProps('radio', { checked: !perCandidate })}
            onClick={() => setPerCandidate(false)}
          >
            <Text className='land-check__box' {...decorativeProps()}>
              {perCandidate ? '' : '✓'}
            </Text>
            <Text>整体名单一次表决</Text>
          </View>
          <View
            className={perCandidate ? 'land-check land-check--on' : 'land-check'}
            {...pressableProps('radio', { checked: perCandidate })}
            onClick={() => setPerCandidate(true)}
          >
            <Text className='land-check__box' {...decorativeProps()}>
              {perCandidate ? '✓' : ''}
            </Text>
            <Text>逐户表决</Text>
          </View>
        </View>
        {approved.length > year.capacity && <Text className='xy-alert'>通过审核的户数多于耕地能奖励的户数，会上还须表决获奖排序。</Text>}
        <Button className='xy-full-button' type='primary' loading={busy} onClick={() => void submit()}>
          发出会议通知
        </Button>
      </View>
    </PageShell>
  )
}
