import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { releaseWayLabels, withdrawalVerdict, type GardenOverview, type SignupStatus } from '@shared/garden'
import { localParts, toEpochMinutes } from '@shared/time'
import { withdrawFromShift } from '@/api/garden'
import { fieldLabel, pressableProps, roleProps } from '@/lib/a11y'
import { act, hhmm, when } from './ui'

/** Longest reason a steward may give (the API's limit). */
export const REASON_MAX = 100

/** Whether to offer 取消报名: the shared rule the server applies, for the volunteer's own place. */
export function canWithdraw(status: SignupStatus, startsAt: string, nowMin = toEpochMinutes(new Date())): boolean {
  const startMin = toEpochMinutes(new Date(startsAt))
  // The end only matters once the shift has started, when a volunteer is refused anyway.
  return withdrawalVerdict({ by: 'self', status, shift: { startMin, endMin: startMin }, nowMin }).kind === 'go'
}

export interface WithdrawTarget {
  signupId: string
  title: string
  startsAt: string
  endsAt: string
}

/**
 * Asks once before a volunteer gives their place back, saying which shift it is; the page reloads
 * whatever the answer, since a refusal (started, called off) also means the page is out of date.
 */
export function WithdrawDialog({
  villageId,
  target,
  onClose,
  onDone,
}: {
  villageId: string
  target: WithdrawTarget | null
  onClose: () => void
  onDone: () => void
}) {
  const w = target ? when(target.startsAt, target.endsAt) : null
  const confirm = () => {
    if (!target) return
    onClose()
    void act(
      () => withdrawFromShift(villageId, target.signupId),
      (r) => (r.alreadyWithdrawn ? '已经取消过了' : '已取消报名'),
    ).then(onDone)
  }
  return (
    <Dialog
      visible={target !== null}
      title='取消报名'
      content={
        w && target ? (
          <Text className='garden-dialog__text'>
            {w.date} {w.weekday} {w.time} {target.title}。取消后这个名额让给别人，不扣积分。确定不去了吗？
          </Text>
        ) : null
      }
      confirmText='确定取消'
      cancelText='我还去'
      onConfirm={confirm}
      onCancel={onClose}
    />
  )
}

type Released = GardenOverview['released'][number]

/** A place a steward took back or a shift called off, said plainly so nobody walks over for nothing. */
export function ReleasedNotice({ item }: { item: Released }) {
  const w = when(item.startsAt, item.startsAt)
  const at = hhmm(localParts(toEpochMinutes(new Date(item.startsAt))).minuteOfDay)
  return (
    <View className='garden-released' {...roleProps('status')} data-testid='garden-released' data-shift-id={item.shiftId} data-via={item.via}>
      <Text className='garden-released__title'>{releaseWayLabels[item.via]}</Text>
      <Text className='garden-released__text'>
        {w.date} {w.weekday} {at} {item.title}
        {item.reason ? `，原因：${item.reason}` : ''}
      </Text>
      <Text className='garden-released__text'>这个班您不用去菜园了。有疑问请找菜园主理人。</Text>
    </View>
  )
}

/**
 * A short, required reason for taking someone off or calling a shift off. Quick picks fill the
 * field for the usual cases, so a steward on a cheap phone rarely has to type.
 */
export function ReasonForm({
  label,
  note,
  confirmText,
  quickPicks = [],
  onSubmit,
  onCancel,
}: {
  label: string
  note?: string | undefined
  confirmText: string
  quickPicks?: readonly string[]
  onSubmit: (reason: string) => void
  onCancel: () => void
}) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = () => {
    const text = reason.trim()
    if (text === '') return setProblem('请写上原因')
    if (text.length > REASON_MAX) return setProblem(`原因不能超过${REASON_MAX}个字`)
    setProblem(null)
    onSubmit(text)
  }
  return (
    <View className='garden-reason' data-testid='garden-reason-form'>
      <Text className='garden-reason__label'>{label}</Text>
      {note !== undefined && <Text className='garden-reason__note'>{note}</Text>}
      {quickPicks.length > 0 && (
        <View className='garden-shift__actions'>
          {quickPicks.map((pick) => (
            <View
              key={pick}
              className={reason === pick ? 'garden-chip garden-chip--on' : 'garden-chip'}
              {...pressableProps('radio', { checked: reason === pick })}
              onClick={() => setReason(pick)}
            >
              {pick}
            </View>
          ))}
        </View>
      )}
      <Input
        className='garden-input'
        {...fieldLabel(label)}
        type='text'
        maxlength={REASON_MAX}
        placeholder={`必填，${REASON_MAX}字以内`}
        value={reason}
        onInput={(e) => setReason(e.detail.value)}
        data-testid='garden-reason-input'
      />
      {problem !== null && (
        <Text className='garden-reason__problem' {...roleProps('alert')}>
          {problem}
        </Text>
      )}
      <View className='garden-shift__actions'>
        <Button className='garden-button' type='primary' data-testid='garden-reason-confirm' onClick={submit}>
          {confirmText}
        </Button>
        <Button className='garden-button' fill='outline' onClick={onCancel}>
          算了
        </Button>
      </View>
    </View>
  )
}
