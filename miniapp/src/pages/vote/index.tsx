import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { branchLeaders, hasAnyRole } from '@shared/roles'
import { currentMeeting, meetingChangeLine, meetingStatusLabels, villageMeetingNotices } from '@shared/land'
import { fetchCurrentYear } from '@/api/land'
import { ErrorNotice } from '@/components/error-notice'
import { NavCell, NavList } from '@/components/nav-cell'
import { PageShell } from '@/components/page-shell'
import { pages, pageUrl } from '@/lib/pages'
import { useAsync } from '@/lib/use-async'
import { useMe } from '@/lib/use-session'
import { LoadState } from '@/components/async-view'

function go(page: keyof typeof pages.land, params: Record<string, string>): void {
  void Taro.navigateTo({ url: pageUrl(pages.land[page], params) })
}

const meetingStatus = meetingStatusLabels

/** The 表决 tab: this year's award land — the meeting, the notice, the history. */
export default function VotePage() {
  const me = useMe()
  const membership = me.state.status === 'ready' ? (me.state.data.memberships[0] ?? null) : null
  const villageId = membership?.villageId ?? null
  const { state, reload } = useAsync(() => fetchCurrentYear(villageId ?? ''), [villageId], { enabled: villageId !== null })
  // A tab page stays mounted: coming back from a vote or a publish must show the new state.
  useDidShow(() => {
    if (villageId !== null) reload()
  })
  const leader = membership ? hasAnyRole(membership.roles, branchLeaders) : false
  const cadre = membership ? hasAnyRole(membership.roles, [...branchLeaders, 'committee_member', 'council_member']) : false
  const year = state.status === 'ready' ? state.data.awardYear : null
  const meeting = year ? currentMeeting(year.meetings) : null
  const notices = year ? villageMeetingNotices(year.meetings) : []
  const openMotion = meeting?.motions.find((motion) => motion.status === 'open') ?? null
  // A second meeting the same season (the representatives deciding households one by one) gets its own card.
  const otherMeetings = year?.meetings.filter((candidate) => candidate.status !== 'closed' && candidate.id !== meeting?.id) ?? []

  return (
    <PageShell testId='vote-page'>
      <Text className='xy-page-title'>移风易俗奖耕地</Text>
      {me.state.status === 'error' && <ErrorNotice error={me.state.error} onRetry={me.reload} />}
      {villageId !== null && <LoadState state={state} reload={reload} />}
      {state.status === 'ready' && !year && (
        // A View, not a Text: a card must be a block, or it overlaps the card above.
        <View className='xy-card'>
          <Text>本村还没有设置奖励耕地。</Text>
        </View>
      )}
      {year && villageId && (
        <>
          <View className='xy-card'>
            <Text className='xy-card__title'>
              {year.year}年：{year.poolTenthMu / 10}亩奖励地，最多奖励{year.capacity}户
            </Text>
            <Text className='xy-card__text'>
              每户{year.perHouseholdTenthMu / 10}亩，{year.season}免费耕种
            </Text>
          </View>
          {meeting && (
            <View className='xy-card' data-testid='vote-meeting-card'>
              <Text className='xy-card__title'>{meeting.title}</Text>
              <Text className='xy-card__text'>
                {meeting.meetingDate}　{meetingStatus[meeting.status]}
                {openMotion ? '　正在表决' : ''}
              </Text>
              <Button
                className='xy-full-button'
                type='primary'
                onClick={() => go('meeting', { villageId, meetingId: meeting.id })}
                data-testid='open-meeting-page'
              >
                {openMotion ? '去签到、投票' : '查看会议和候选户'}
              </Button>
            </View>
          )}
          {otherMeetings.map((other) => (
            <View className='xy-card' key={other.id} data-testid='vote-other-meeting-card'>
              <Text className='xy-card__title'>{other.title}</Text>
              <Text className='xy-card__text'>
                {other.meetingDate}　{meetingStatus[other.status]}
                {other.motions.some((motion) => motion.status === 'open') ? '　正在表决' : ''}
              </Text>
              <Button className='xy-full-button' onClick={() => go('meeting', { villageId, meetingId: other.id })} data-testid='open-other-meeting-page'>
                查看这次会议
              </Button>
            </View>
          ))}
          {notices.length > 0 && (
            <View className='xy-alert' data-testid='meeting-change-notice'>
              <Text>村里通知</Text>
              {notices.slice(0, 3).map((notice) => (
                <Text key={`${notice.meetingTitle}-${notice.changedOn}-${notice.fromDate}-${notice.kind}`} style={{ display: 'block' }}>
                  {notice.meetingTitle}：{meetingChangeLine(notice)}
                </Text>
              ))}
            </View>
          )}
          <NavList>
            {year.notice && (
              <NavCell
                title='结果公示'
                description={`公示到${year.notice.endsOn}，可提异议`}
                onClick={() => go('notice', { noticeId: year.notice?.id ?? '', villageId })}
                testId='open-notice'
              />
            )}
            <NavCell title='历年获奖户' description='每年哪些户获得奖励耕地' onClick={() => go('history', { villageId })} testId='open-history' />
            {year.status === 'nominating' && (
              <NavCell
                title={cadre ? '提名移风易俗户' : '为我家申请'}
                description={cadre ? '登记一户的事迹，附上照片' : '我家没办寿宴、升学宴、满月酒，可以申请'}
                onClick={() => go('nominate', { villageId })}
                testId='open-nominate'
              />
            )}
            {cadre && <NavCell title='审核提名' description='逐户审核移风易俗事迹' onClick={() => go('review', { villageId })} />}
            {leader && year.status === 'nominating' && (
              <NavCell title='召集表决会议' description='选会议类型、日期，提前十天通知' onClick={() => go('call', { villageId })} />
            )}
            {leader && year.notice?.status === 'locked' && (
              <NavCell title='分配地块' description='把地块分给获奖户' onClick={() => go('allocation', { villageId })} />
            )}
            {leader && <NavCell title='设置下一年奖励耕地' description='地块、每户亩数、承包季' onClick={() => go('setup', { villageId })} />}
          </NavList>
        </>
      )}
    </PageShell>
  )
}
