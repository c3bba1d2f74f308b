import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { doneVerdict, signupStatusLabels, taskKindLabels, type Shift } from '@shared/garden'
import { daysInMonth, localParts, localToEpochMinutes, toEpochMinutes } from '@shared/time'
import { fetchGardenOverview, fetchMonth, markAttendance } from '@/api/garden'
import { decorativeProps, pressableProps } from '@/lib/a11y'
import { fetchMe } from '@/api/auth'
import { getCachedMe, setCachedMe } from '@/lib/session'
import { PageShell } from '@/components/page-shell'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { AddShiftForm } from '../add-shift'
import { canWithdraw, ReasonForm, WithdrawDialog, type WithdrawTarget } from '../give-back'
import { ReminderNote, signUpWithReminder, useReminderSubscription } from '../reminder-consent'
import { act, hours, Hint, openGarden, when, WEEKDAYS } from '../ui'
import { GardenGate } from '../gate'
import { useGardenNames } from '../names'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

function fill(shift: Shift): 'full' | 'short' | 'empty' | 'cancelled' {
  if (shift.cancelledAt !== null) return 'cancelled'
  const taken = shift.people.filter((p) => p.status !== 'no_show').length
  return taken >= shift.capacity ? 'full' : taken === 0 ? 'empty' : 'short'
}

/** A called-off shift, kept on the calendar so nobody comes for it by habit: struck through, with why. */
function CancelledShift({ shift }: { shift: Shift }) {
  const w = when(shift.startsAt, shift.endsAt)
  return (
    <View className='garden-shift garden-shift--cancelled' data-testid='garden-day-shift' data-shift-title={shift.title} data-cancelled='1'>
      <Text className='garden-tag garden-tag--warn'>已取消</Text>
      <Text className='garden-shift__time garden-shift__struck'>{w.time}</Text>
      <Text className='garden-shift__task garden-shift__struck'>{shift.title}</Text>
      <Text className='garden-shift__meta' data-testid='garden-cancel-reason'>
        这个班取消了，不用来。原因：{shift.cancelReason ?? '主理人没有写'}
      </Text>
    </View>
  )
}

function GardenMonthContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const today = localParts(toEpochMinutes(new Date()))
  const [cursor, setCursor] = useState({ year: today.year, month: today.month })
  const [selected, setSelected] = useState<number>(today.day)
  const [withdrawing, setWithdrawing] = useState<WithdrawTarget | null>(null)
  /** The sign-up a steward is confirming without a check-in: a written reason comes first. */
  const [vouching, setVouching] = useState<string | null>(null)
  const reminders = useReminderSubscription(loggedIn ? villageId : null)
  const nameOf = useGardenNames(loggedIn ? villageId : null)
  const { state, reload } = useAsync(
    async () => {
      // Opened straight into this page (a shared link, a reminder), the profile may not be cached yet.
      const [month, overview, me] = await Promise.all([
        fetchMonth(villageId ?? '', monthKey(cursor.year, cursor.month)),
        fetchGardenOverview(villageId ?? ''),
        getCachedMe() ?? fetchMe(),
      ])
      setCachedMe(me)
      return { shifts: month.shifts, steward: overview.isSteward, myId: me.person.id }
    },
    [villageId, cursor.year, cursor.month],
    { enabled: loggedIn && villageId !== null },
  )
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>

  const move = (delta: number) => {
    const index = cursor.year * 12 + cursor.month - 1 + delta
    setCursor({ year: Math.floor(index / 12), month: (index % 12) + 1 })
    setSelected(1)
  }
  const myId = state.status === 'ready' ? state.data.myId : ''
  // One page, one list: a namesake on another shift of the day is told apart too.
  const names = nameOf(state.status === 'ready' ? state.data.shifts.flatMap((s) => s.people) : [])
  const firstWeekday = localParts(localToEpochMinutes(cursor.year, cursor.month, 1)).weekday
  const days = daysInMonth(cursor.year, cursor.month)
  const isThisMonth = cursor.year === today.year && cursor.month === today.month
  const selectedKey = `${monthKey(cursor.year, cursor.month)}-${String(selected).padStart(2, '0')}`

  return (
    <PageShell testId='garden-month'>
      <View className='garden-month'>
        <View className='garden-month__head'>
          <Text className='garden-month__title'>
            {cursor.year}年{cursor.month}月
          </Text>
          <Button className='garden-button garden-month__move' fill='outline' onClick={() => move(-1)}>
            上个月
          </Button>
          <Button className='garden-button garden-month__move' fill='outline' onClick={() => move(1)}>
            下个月
          </Button>
        </View>
        <View className='garden-month__grid'>
          {WEEKDAYS.slice(1).map((w) => (
            <Text key={w} className='garden-month__weekday'>
              {w.slice(1)}
            </Text>
          ))}
          {Array.from({ length: firstWeekday - 1 }, (_, i) => (
            <View key={`pad-${i}`} />
          ))}
          {Array.from({ length: days }, (_, i) => i + 1).map((day) => {
            const shifts = state.status === 'ready' ? state.data.shifts.filter((s) => when(s.startsAt, s.endsAt).day === day) : []
            const live = shifts.filter((s) => s.cancelledAt === null).length
            const mine = shifts.some((s) => s.cancelledAt === null && s.people.some((p) => p.personId === myId))
            const cls = [
              'garden-day',
              isThisMonth && day === today.day ? 'garden-day--today' : '',
              day === selected ? 'garden-day--selected' : '',
              mine ? 'garden-day--mine' : '',
            ]
            return (
              <View
                key={day}
                className={cls.filter(Boolean).join(' ')}
                {...pressableProps('radio', {
                  checked: day === selected,
                  label: `${day}日${live > 0 ? `，${live}个班` : ''}${shifts.length > live ? `，${shifts.length - live}个取消了` : ''}${mine ? '，有我的班' : ''}`,
                })}
                onClick={() => setSelected(day)}
                data-testid={`garden-day-${day}`}
              >
                <Text className='garden-day__num'>{day}</Text>
                <View className='garden-day__bars'>
                  {shifts.map((s) => (
                    <View key={s.id} className={`garden-day__bar garden-day__bar--${fill(s)}`} />
                  ))}
                </View>
              </View>
            )
          })}
        </View>
      </View>
      <View className='garden-legend'>
        {(
          [
            ['full', '人已齐'],
            ['short', '还差人'],
            ['empty', '没人报'],
            ['cancelled', '取消了'],
          ] as const
        ).map(([fillKind, label]) => (
          <View key={fillKind} className='garden-legend__item'>
            <View className={`garden-day__bar garden-day__bar--${fillKind}`} {...decorativeProps()} />
            <Text>{label}</Text>
          </View>
        ))}
        <Text>深色圆圈的日期＝有我的班</Text>
      </View>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <Text className='xy-section-title'>
            {cursor.month}月{selected}日的班
          </Text>
          {state.data.shifts.filter((s) => when(s.startsAt, s.endsAt).day === selected).length === 0 && <Hint>这天没有安排值班。</Hint>}
          {state.data.shifts
            .filter((s) => when(s.startsAt, s.endsAt).day === selected)
            .map((s) => {
              if (s.cancelledAt !== null) return <CancelledShift key={s.id} shift={s} />
              const w = when(s.startsAt, s.endsAt)
              const taken = s.people.filter((p) => p.status !== 'no_show').length
              const mine = s.people.find((p) => p.personId === myId)
              const future = toEpochMinutes(new Date(s.startsAt)) > toEpochMinutes(new Date())
              const ended = toEpochMinutes(new Date(s.endsAt)) <= toEpochMinutes(new Date())
              return (
                <View
                  key={s.id}
                  className={s.unpopular ? 'garden-shift garden-shift--unpopular' : 'garden-shift'}
                  data-testid='garden-day-shift'
                  data-shift-title={s.title}
                >
                  <Text className='garden-shift__time'>{w.time}</Text>
                  <Text className='garden-shift__task'>
                    {s.title.includes(taskKindLabels[s.kind]) ? s.title : `${s.title}（${taskKindLabels[s.kind]}）`}
                    {s.unpopular ? ' · 冷门班积分加成' : ''}
                  </Text>
                  <Text className='garden-shift__meta'>
                    需要{s.capacity}人，已有{taken}人{taken < s.capacity ? `，还差${s.capacity - taken}人` : ''}
                  </Text>
                  {s.people.map((p) => {
                    // What the steward may do follows the rule the server applies (shared doneVerdict).
                    const span = { startMin: toEpochMinutes(new Date(s.startsAt)), endMin: toEpochMinutes(new Date(s.endsAt)) }
                    const verdict = doneVerdict({ by: 'steward', status: p.status, shift: span, nowMin: toEpochMinutes(new Date()) })
                    const canConfirm = verdict.kind === 'go'
                    // Someone who never checked in can be confirmed only with a written reason.
                    const canVouch = verdict.kind === 'refused' && verdict.code === 'garden_done_reason_required'
                    const confirmDone = (confirm: { confirmFullShift?: boolean; reason?: string }) =>
                      void act(
                        () => markAttendance(villageId, p.signupId, 'done', confirm),
                        (r) => `记${hours(r.creditedMinutes)}小时`,
                        reload,
                      )
                    return (
                      <View key={p.signupId}>
                        <View className='garden-row'>
                          <View className='garden-row__main'>
                            <Text className='garden-row__title' data-testid='garden-shift-person'>
                              {names.get(p.personId) ?? p.name}
                            </Text>
                            <Text className='garden-row__sub'>{signupStatusLabels[p.status]}</Text>
                          </View>
                          {state.data.steward && !future && (p.status === 'booked' || p.status === 'checked_in') && (
                            <View className='garden-shift__actions'>
                              {canConfirm && (
                                <>
                                  <Button className='garden-button' type='primary' data-testid='garden-confirm-done' onClick={() => confirmDone({})}>
                                    完成（按签到后实际时间）
                                  </Button>
                                  <Button
                                    className='garden-button'
                                    fill='outline'
                                    data-testid='garden-confirm-full'
                                    onClick={() => confirmDone({ confirmFullShift: true })}
                                  >
                                    确认干满整班
                                  </Button>
                                </>
                              )}
                              {canVouch && (
                                <Button className='garden-button' fill='outline' data-testid='garden-vouch' onClick={() => setVouching(p.signupId)}>
                                  没签到，但干了
                                </Button>
                              )}
                              {ended && p.status === 'booked' && (
                                <Button
                                  className='garden-button'
                                  fill='outline'
                                  onClick={() => void act(() => markAttendance(villageId, p.signupId, 'no_show'), '已记未到', reload)}
                                >
                                  未到
                                </Button>
                              )}
                            </View>
                          )}
                          {state.data.steward && future && (
                            <Button
                              className='garden-button'
                              fill='outline'
                              onClick={() => openGarden('swap', villageId, { signupId: p.signupId, steward: '1' })}
                            >
                              改派
                            </Button>
                          )}
                        </View>
                        {vouching === p.signupId && (
                          <ReasonForm
                            label={`${names.get(p.personId) ?? p.name}没有签到，为什么确认完成？`}
                            note='确认后按整班记时长和积分，原因本人会在积分明细里看到，也记在日志里。'
                            confirmText='确认完成'
                            onSubmit={(reason) => {
                              setVouching(null)
                              confirmDone({ confirmFullShift: true, reason })
                            }}
                            onCancel={() => setVouching(null)}
                          />
                        )}
                      </View>
                    )
                  })}
                  {!mine && future && taken < s.capacity && (
                    <Button
                      className='garden-button'
                      type='primary'
                      size='large'
                      block
                      data-testid='garden-sign-up'
                      onClick={() => void signUpWithReminder(villageId, s.id, reminders, reload)}
                    >
                      我来报名
                    </Button>
                  )}
                  {mine && <Text className='garden-tag'>我在这个班</Text>}
                  {mine && future && <ReminderNote subscription={reminders.subscription} />}
                  {mine && canWithdraw(mine.status, s.startsAt) && (
                    <Button
                      className='garden-button'
                      fill='outline'
                      size='large'
                      block
                      data-testid='garden-withdraw'
                      onClick={() => setWithdrawing({ signupId: mine.signupId, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt })}
                    >
                      取消报名
                    </Button>
                  )}
                </View>
              )
            })}
          {state.data.steward && <AddShiftForm key={selectedKey} villageId={villageId} date={selectedKey} onDone={reload} />}
        </>
      )}
      <WithdrawDialog villageId={villageId} target={withdrawing} onClose={() => setWithdrawing(null)} onDone={reload} />
    </PageShell>
  )
}

export default function GardenMonthPage() {
  return (
    <GardenGate testId='garden-month'>
      <GardenMonthContent />
    </GardenGate>
  )
}
