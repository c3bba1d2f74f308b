import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CHECK_IN_OPENS_BEFORE_MIN, doneVerdict, signupStatusLabels, taskKindLabels, type GardenOverview } from '@shared/garden'
import { toEpochMinutes } from '@shared/time'
import { checkIn, fetchGardenOverview, fetchSwaps, markDone, respondSwap } from '@/api/garden'
import { PageShell } from '@/components/page-shell'
import { ReadAloudButton } from '@/components/read-aloud-button'
import { pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { canWithdraw, ReleasedNotice, WithdrawDialog, type WithdrawTarget } from '../give-back'
import { act, hours, Hint, openGarden, when } from '../ui'
import { OpenMatters } from '../matters/open-matters'
import { GardenGate } from '../gate'
import { nextShiftReadAloudText } from './read-aloud'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

type Upcoming = GardenOverview['upcoming'][number]

function ShiftCard({
  shift,
  villageId,
  onChange,
  onWithdraw,
}: {
  shift: Upcoming
  villageId: string
  onChange: () => void
  onWithdraw: (target: WithdrawTarget) => void
}) {
  const w = when(shift.startsAt, shift.endsAt)
  const opensAt = toEpochMinutes(new Date(shift.startsAt)) - CHECK_IN_OPENS_BEFORE_MIN
  const nowMin = toEpochMinutes(new Date())
  const canCheckIn = shift.myStatus === 'booked' && nowMin >= opensAt
  // The rule the server applies: 活干完了 only once the shift has started.
  const done = doneVerdict({
    by: 'self',
    status: shift.myStatus,
    shift: { startMin: toEpochMinutes(new Date(shift.startsAt)), endMin: toEpochMinutes(new Date(shift.endsAt)) },
    nowMin,
  })
  const waitForStart = shift.myStatus === 'checked_in' && done.kind === 'refused' && done.code === 'garden_done_before_start'
  const others = shift.people.filter((p) => p.signupId !== shift.mySignupId).map((p) => p.name)
  return (
    <View className={shift.unpopular ? 'garden-shift garden-shift--unpopular' : 'garden-shift'} data-testid='garden-my-shift' data-shift-id={shift.id}>
      <Text className='garden-shift__date'>
        {w.date} {w.weekday}
      </Text>
      <Text className='garden-shift__time'>{w.time}</Text>
      <Text className='garden-shift__task'>
        {shift.title.includes(taskKindLabels[shift.kind]) ? shift.title : `${shift.title}（${taskKindLabels[shift.kind]}）`}
      </Text>
      <Text className='garden-shift__meta'>
        状态：{signupStatusLabels[shift.myStatus]}
        {others.length > 0 ? `　同班：${others.join('、')}` : ''}
      </Text>
      <View className='garden-shift__actions'>
        {canCheckIn && (
          <Button
            className='garden-button'
            type='primary'
            size='large'
            data-testid='garden-check-in'
            onClick={() => void act(() => checkIn(villageId, shift.mySignupId), '签到成功', onChange)}
          >
            我到了，签到
          </Button>
        )}
        {waitForStart && (
          <Text className='garden-shift__meta' data-testid='garden-done-wait'>
            班次{w.time.split('–')[0]}开始。开始以后干完活再点“活干完了”，按实际干活的时间记积分。
          </Text>
        )}
        {shift.myStatus === 'checked_in' && done.kind === 'go' && (
          <Button
            className='garden-button'
            type='success'
            size='large'
            data-testid='garden-done'
            onClick={() =>
              void act(
                () => markDone(villageId, shift.mySignupId),
                (r) => `完成，得${r.pointsAwarded}分`,
                onChange,
              )
            }
          >
            活干完了
          </Button>
        )}
        {shift.myStatus === 'booked' && (
          <Button className='garden-button' fill='outline' size='large' onClick={() => openGarden('swap', villageId, { signupId: shift.mySignupId })}>
            找人换班
          </Button>
        )}
        {canWithdraw(shift.myStatus, shift.startsAt) && (
          <Button
            className='garden-button'
            fill='outline'
            size='large'
            data-testid='garden-withdraw'
            onClick={() => onWithdraw({ signupId: shift.mySignupId, title: shift.title, startsAt: shift.startsAt, endsAt: shift.endsAt })}
          >
            取消报名
          </Button>
        )}
      </View>
    </View>
  )
}

function GardenHomeContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const [withdrawing, setWithdrawing] = useState<WithdrawTarget | null>(null)
  const { state, reload } = useAsync(
    async () => {
      const [overview, swaps] = await Promise.all([fetchGardenOverview(villageId ?? ''), fetchSwaps(villageId ?? '')])
      return { overview, swaps }
    },
    [villageId],
    { enabled: loggedIn && villageId !== null },
  )
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>
  return (
    <PageShell testId='garden-home'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <View className='garden-hero'>
            <Text className='garden-hero__title'>{state.data.overview.season.label}</Text>
            <Text className='garden-hero__text'>春播、夏长、秋收、冬藏，谢谢您照看菜园</Text>
          </View>
          <ReadAloudButton text={nextShiftReadAloudText(state.data.overview)} />
          {state.data.overview.released
            // Booked again since (a steward put them back on): the card below says so.
            .filter((r) => state.data.overview.upcoming.every((u) => u.id !== r.shiftId))
            .map((r) => (
              <ReleasedNotice key={r.signupId} item={r} />
            ))}
          <View className='garden-stats'>
            <View className='garden-stat'>
              <Text className='garden-stat__value' data-testid='garden-my-points'>
                {state.data.overview.points}
              </Text>
              <Text className='garden-stat__label'>志愿积分</Text>
            </View>
            <View className='garden-stat'>
              <Text className='garden-stat__value'>{hours(state.data.overview.minutesServed)}</Text>
              <Text className='garden-stat__label'>服务小时</Text>
            </View>
          </View>
          <OpenMatters villageId={villageId} />
          {state.data.overview.reminders.map((r) => (
            <View key={r.id} className='xy-card'>
              <Text className='xy-card__title'>🔔 {r.title}</Text>
              <Text className='xy-card__text'>{r.body}</Text>
              {r.sentAt !== null && <Text className='xy-card__text'>（已发到微信）</Text>}
            </View>
          ))}
          {state.data.swaps.swaps
            .filter((s) => s.status === 'pending' && s.toName !== s.fromName && state.data.overview.upcoming.every((u) => u.mySignupId !== s.signupId))
            .map((s) => {
              const w = when(s.startsAt, s.startsAt)
              return (
                <View key={s.id} className='xy-card'>
                  <Text className='xy-card__title'>{s.fromName}想请您替班</Text>
                  <Text className='xy-card__text'>
                    {w.date} {w.weekday} {s.shiftTitle}
                  </Text>
                  <View className='garden-shift__actions'>
                    <Button className='garden-button' type='primary' onClick={() => void act(() => respondSwap(villageId, s.id, true), '已接下这个班', reload)}>
                      我来替
                    </Button>
                    <Button className='garden-button' fill='outline' onClick={() => void act(() => respondSwap(villageId, s.id, false), '已婉拒', reload)}>
                      这次不行
                    </Button>
                  </View>
                </View>
              )
            })}
          <Text className='xy-section-title'>我接下来的班</Text>
          {state.data.overview.upcoming.length === 0 && <Hint>最近没有您的班。可以在“值班月历”里挑一个有空位的班报名。</Hint>}
          {state.data.overview.upcoming.map((shift) => (
            <ShiftCard key={shift.mySignupId} shift={shift} villageId={villageId} onChange={reload} onWithdraw={setWithdrawing} />
          ))}
          <View className='garden-nav'>
            <View className='garden-nav__item' {...pressableProps('button')} data-testid='garden-open-month' onClick={() => openGarden('month', villageId)}>
              值班月历 · 报名
            </View>
            <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('availability', villageId)}>
              我哪天有空
            </View>
            <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('points', villageId)}>
              积分明细
            </View>
            <View className='garden-nav__item' {...pressableProps('button')} data-testid='garden-open-shop' onClick={() => openGarden('shop', villageId)}>
              积分超市
            </View>
            <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('calendar', villageId)}>
              四季农事
            </View>
            <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('harvests', villageId)}>
              收获与分菜
            </View>
            {state.data.overview.isSteward && (
              <View className='garden-nav__item' {...pressableProps('button')} onClick={() => openGarden('steward', villageId)}>
                主理人管理
              </View>
            )}
          </View>
        </>
      )}
      <WithdrawDialog villageId={villageId} target={withdrawing} onClose={() => setWithdrawing(null)} onDone={reload} />
    </PageShell>
  )
}

export default function GardenHomePage() {
  return (
    <GardenGate testId='garden-home'>
      <GardenHomeContent />
    </GardenGate>
  )
}
