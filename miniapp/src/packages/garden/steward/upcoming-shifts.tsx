import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  appOnlyReasonLabels,
  cancelShiftVerdict,
  signupStatusLabels,
  withdrawalVerdict,
  type ReminderReach,
  type Shift,
  type SignupStatus,
} from '@shared/garden'
import { localDateKey, localParts, toEpochMinutes } from '@shared/time'
import { cancelShift, fetchMonth, fetchReminderReach, removeFromShift } from '@/api/garden'
import { groupProps, pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { ReasonForm } from '../give-back'
import { act, Hint, when, WEEKDAYS } from '../ui'
import { useGardenNames } from '../names'
import { LoadState } from '@/components/async-view'

/** How far ahead the steward sees shifts to change: a week covers rain forecasts and holidays. */
export const DAYS_AHEAD = 7
const REMOVE_PICKS = ['本人请假', '身体不舒服', '临时有事'] as const
const CANCEL_PICKS = ['下雨', '节假日休息', '菜园施工'] as const

/** Whether this person's day-before reminder reaches their phone, and if not, why. */
function ReachLine({ reach }: { reach: ReminderReach | undefined }) {
  if (!reach) return null
  if (reach.outside) {
    return (
      <Text className='garden-row__sub' data-testid='garden-reach'>
        {reach.status === 'sent' ? '微信提醒已发出' : '会收到微信提醒'}
      </Text>
    )
  }
  return (
    <Text className='garden-row__sub garden-reach--app-only' data-testid='garden-reach'>
      不会收到微信提醒：{reach.reason ? appOnlyReasonLabels[reach.reason] : '没有同意微信提醒'}，请当面告诉本人
    </Text>
  )
}

type Pending = { kind: 'remove'; shiftId: string; signupId: string; name: string } | { kind: 'cancel'; shiftId: string }

const monthOf = (dateKey: string) => dateKey.slice(0, 7)

function dayLabel(offset: number, epochMinutes: number, todayMonth: number): string {
  if (offset === 0) return '今天'
  if (offset === 1) return '明天'
  const p = localParts(epochMinutes)
  // Past the month's end, the month is said too: "12月1日", not a bare "1日".
  return `${p.month === todayMonth ? '' : `${p.month}月`}${p.day}日${WEEKDAYS[p.weekday] ?? ''}`
}

/**
 * Shifts of the coming week that are not over yet, a day at a time: the steward takes a booked
 * person off (until the shift ends) or calls a shift off (before it starts), always with a reason
 * that the volunteer then reads on their garden home page.
 */
export function UpcomingShifts({ villageId }: { villageId: string }) {
  const nowMin = toEpochMinutes(new Date())
  const days = Array.from({ length: DAYS_AHEAD }, (_, offset) => {
    const at = nowMin + offset * 24 * 60
    return { key: localDateKey(at), label: dayLabel(offset, at, localParts(nowMin).month) }
  })
  const months = [...new Set(days.map((d) => monthOf(d.key)))]
  const [selected, setSelected] = useState<string | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const { state, reload } = useAsync(async () => {
    const lists = await Promise.all(months.map((m) => fetchMonth(villageId, m)))
    const keys = new Set(days.map((d) => d.key))
    const now = toEpochMinutes(new Date())
    return lists.flatMap((l) => l.shifts).filter((s) => s.cancelledAt === null && keys.has(s.date) && toEpochMinutes(new Date(s.endsAt)) > now)
  }, [villageId, months.join(',')])
  // A called-off shift is history here (the month view shows it struck through): nothing to change on it.

  // Who will not be reminded outside the app: the steward can tell them in person.
  const { state: reachState, reload: reloadReach } = useAsync(() => fetchReminderReach(villageId).catch(() => null), [villageId])
  const reachOf = (signupId: string) => (reachState.status === 'ready' ? reachState.data?.places.find((p) => p.signupId === signupId) : undefined)
  const refresh = () => {
    reload()
    reloadReach()
  }
  const nameOf = useGardenNames(villageId)
  const names = nameOf(state.status === 'ready' ? state.data.flatMap((s) => s.people) : [])
  const shiftsOn = (key: string): Shift[] => (state.status === 'ready' ? state.data.filter((s) => s.date === key) : [])
  const day = selected ?? days.find((d) => shiftsOn(d.key).length > 0)?.key ?? days[0]?.key ?? ''

  const remove = (signupId: string, name: string, reason: string) => {
    setPending(null)
    void act(
      () => removeFromShift(villageId, signupId, reason),
      (r) => (r.alreadyWithdrawn ? `${name}已不在这个班` : `已把${name}移出`),
    ).then(refresh)
  }
  const callOff = (shiftId: string, reason: string) => {
    setPending(null)
    void act(
      () => cancelShift(villageId, shiftId, reason),
      (r) => (r.alreadyCancelled ? '这个班已经取消了' : `已取消，${r.released}人不用来了`),
    ).then(refresh)
  }

  return (
    <View className='xy-card' data-testid='garden-steward-upcoming'>
      <Text className='xy-card__title'>近{DAYS_AHEAD}天的班：移出人或取消</Text>
      <Text className='xy-card__text'>移出和取消都要写原因，本人会在菜园首页看到，就不会白跑一趟。</Text>
      <View className='garden-shift__actions' {...groupProps('radiogroup', '选哪一天')}>
        {days.map((d) => (
          <View
            key={d.key}
            className={d.key === day ? 'garden-chip garden-chip--on' : 'garden-chip'}
            {...pressableProps('radio', { checked: d.key === day, label: `${d.label}，${shiftsOn(d.key).length}个班` })}
            data-testid={`garden-steward-day-${d.key}`}
            onClick={() => {
              setSelected(d.key)
              setPending(null)
            }}
          >
            {d.label}
          </View>
        ))}
      </View>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && shiftsOn(day).length === 0 && <Hint>这天没有还没结束的班。</Hint>}
      {shiftsOn(day).map((s) => {
        const w = when(s.startsAt, s.endsAt)
        const span = { startMin: toEpochMinutes(new Date(s.startsAt)), endMin: toEpochMinutes(new Date(s.endsAt)) }
        const started = nowMin >= span.startMin
        // What to offer follows the rules the server applies (shared/garden.ts).
        const canCancel = cancelShiftVerdict({ shift: { startMin: span.startMin, cancelled: false }, nowMin }).kind === 'go'
        const canRemove = (status: SignupStatus) => withdrawalVerdict({ by: 'steward', status, shift: span, nowMin }).kind === 'go'
        return (
          <View key={s.id} className='garden-shift' data-testid='garden-steward-shift' data-shift-id={s.id}>
            <Text className='garden-shift__time'>
              {w.date} {w.time}
            </Text>
            <Text className='garden-shift__task'>{s.title}</Text>
            <Text className='garden-shift__meta'>
              需要{s.capacity}人，已有{s.people.length}人{started ? '（已经开始）' : ''}
            </Text>
            {s.people.map((p) => (
              <View key={p.signupId}>
                <View className='garden-row' data-testid='garden-steward-person' data-signup-id={p.signupId}>
                  <View className='garden-row__main'>
                    <Text className='garden-row__title'>{names.get(p.personId) ?? p.name}</Text>
                    <Text className='garden-row__sub'>{signupStatusLabels[p.status]}</Text>
                    <ReachLine reach={reachOf(p.signupId)} />
                  </View>
                  {canRemove(p.status) && (
                    <Button
                      className='garden-button'
                      fill='outline'
                      data-testid='garden-remove'
                      onClick={() => setPending({ kind: 'remove', shiftId: s.id, signupId: p.signupId, name: names.get(p.personId) ?? p.name })}
                    >
                      移出
                    </Button>
                  )}
                </View>
                {pending?.kind === 'remove' && pending.signupId === p.signupId && (
                  <ReasonForm
                    label={`为什么把${names.get(p.personId) ?? p.name}移出这个班？`}
                    confirmText='确认移出'
                    quickPicks={REMOVE_PICKS}
                    onSubmit={(reason) => remove(p.signupId, names.get(p.personId) ?? p.name, reason)}
                    onCancel={() => setPending(null)}
                  />
                )}
              </View>
            ))}
            {canCancel && !(pending?.kind === 'cancel' && pending.shiftId === s.id) && (
              <Button
                className='garden-button'
                fill='outline'
                block
                data-testid='garden-cancel-shift'
                onClick={() => setPending({ kind: 'cancel', shiftId: s.id })}
              >
                取消这个班
              </Button>
            )}
            {canCancel && pending?.kind === 'cancel' && pending.shiftId === s.id && (
              <ReasonForm
                label='为什么取消这个班？'
                note={s.people.length > 0 ? `报了名的${s.people.length}人会在菜园首页看到取消和原因。` : undefined}
                confirmText='确认取消这个班'
                quickPicks={CANCEL_PICKS}
                onSubmit={(reason) => callOff(s.id, reason)}
                onCancel={() => setPending(null)}
              />
            )}
          </View>
        )
      })}
    </View>
  )
}
