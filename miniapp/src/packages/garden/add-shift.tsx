import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ONE_OFF_DURATIONS, oneOffProblems, taskKindLabels, taskKinds, type OneOffField, type TaskKind } from '@shared/garden'
import { localParts, localToEpochMinutes, parseDateKey, toEpochMinutes } from '@shared/time'
import type { ApiError } from '@/api/api-error'
import { createShift } from '@/api/garden'
import { fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { WEEKDAYS } from './ui'

const durationLabel = (minutes: number) =>
  minutes < 60 ? `${minutes}分钟` : minutes % 60 === 0 ? `${minutes / 60}小时` : `${Math.floor(minutes / 60)}个半小时`

/** Which field a server refusal belongs beside (its `fields` paths are the API's names). */
const FIELD_OF_PATH: Record<string, OneOffField> = { startsAt: 'time', durationMinutes: 'duration', capacity: 'places', title: 'title' }

/** A refusal said beside the fields it names; one that names none is said under the form. */
function problemsByField(error: ApiError): Partial<Record<OneOffField, string>> & { other?: string } {
  const byField: Partial<Record<OneOffField, string>> & { other?: string } = {}
  for (const f of error.fields ?? []) {
    const field = FIELD_OF_PATH[f.path]
    if (field) byField[field] = f.message
  }
  if (Object.keys(byField).length === 0) byField.other = error.message
  return byField
}

function Problem({ field, problems }: { field: OneOffField; problems: Partial<Record<OneOffField, string>> }) {
  const text = problems[field]
  if (text === undefined) return null
  return (
    <Text className='garden-field__problem' data-testid={`garden-add-shift-problem-${field}`}>
      {text}
    </Text>
  )
}

/**
 * A steward adds a one-off shift (a harvest day, extra watering in a heat wave) on the day picked in
 * the month view: time, how long, what work, how many people. What is wrong is said beside the
 * field it concerns, by the same rule the server applies (shared oneOffProblems).
 */
export function AddShiftForm({ villageId, date, onDone }: { villageId: string; date: string; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [time, setTime] = useState('9:00')
  const [duration, setDuration] = useState(60)
  const [kind, setKind] = useState<TaskKind>('harvesting')
  const [title, setTitle] = useState(taskKindLabels.harvesting)
  const [places, setPlaces] = useState('2')
  const [tried, setTried] = useState(false)
  const { error, run, clearError } = useAction()
  const serverProblems = error ? problemsByField(error) : {}

  const nowMin = toEpochMinutes(new Date())
  const draft = { date, time, title, places, durationMinutes: duration }
  const { problems, startMin } = oneOffProblems(draft, nowMin)
  const shown = tried ? { ...problems, ...serverProblems } : serverProblems
  const { year, month, day } = parseDateKey(date)
  const weekday = WEEKDAYS[localParts(localToEpochMinutes(year, month, day)).weekday] ?? ''

  const pickKind = (next: TaskKind) => {
    // A title still the old kind's name follows the new kind; one the steward typed stays.
    if (title.trim() === '' || title === taskKindLabels[kind]) setTitle(taskKindLabels[next])
    setKind(next)
  }
  const submit = async () => {
    setTried(true)
    clearError()
    if (startMin === null) return
    const created = await run(() =>
      createShift(villageId, {
        title: title.trim(),
        kind,
        startsAt: new Date(startMin * 60_000).toISOString(),
        durationMinutes: duration,
        capacity: Number(places),
      }),
    )
    if (created === null) return
    void Taro.showToast({ title: '班已加上', icon: 'success', duration: 2000 })
    setOpen(false)
    setTried(false)
    onDone()
  }

  if (!open) {
    return (
      <Button className='garden-button' fill='outline' block data-testid='garden-add-shift-open' onClick={() => setOpen(true)}>
        ＋ 在{month}月{day}日加一个临时班
      </Button>
    )
  }
  return (
    <View className='xy-card garden-add-shift' data-testid='garden-add-shift'>
      <Text className='xy-card__title'>加一个临时班</Text>

      <View className='garden-field'>
        <Text className='garden-field__label'>日期</Text>
        <Text className='garden-field__value' data-testid='garden-add-shift-date'>
          {month}月{day}日 {weekday}
        </Text>
        <Text className='garden-field__note'>换一天：在上面的月历里点那一天</Text>
        <Problem field='date' problems={shown} />
      </View>

      <View className='garden-field'>
        <Text className='garden-field__label'>几点开始</Text>
        <Input
          className='garden-input'
          type='text'
          {...fieldLabel('几点开始')}
          placeholder='如 9:30 或 14点'
          value={time}
          onInput={(e) => setTime(e.detail.value)}
          data-testid='garden-add-shift-time'
        />
        <Problem field='time' problems={shown} />
      </View>

      <View className='garden-field'>
        <Text className='garden-field__label'>多长时间</Text>
        <View className='garden-shift__actions' {...groupProps('radiogroup', '多长时间')}>
          {ONE_OFF_DURATIONS.map((m) => (
            <Text
              key={m}
              className={duration === m ? 'garden-chip garden-chip--on' : 'garden-chip'}
              {...pressableProps('radio', { checked: duration === m })}
              onClick={() => setDuration(m)}
            >
              {durationLabel(m)}
            </Text>
          ))}
        </View>
        <Problem field='duration' problems={shown} />
      </View>

      <View className='garden-field'>
        <Text className='garden-field__label'>做什么</Text>
        <View className='garden-shift__actions' {...groupProps('radiogroup', '做什么活')}>
          {taskKinds.map((k) => (
            <Text
              key={k}
              className={kind === k ? 'garden-chip garden-chip--on' : 'garden-chip'}
              {...pressableProps('radio', { checked: kind === k })}
              onClick={() => pickKind(k)}
            >
              {taskKindLabels[k]}
            </Text>
          ))}
        </View>
        <Input
          className='garden-input'
          type='text'
          {...fieldLabel('班的名称')}
          maxlength={40}
          placeholder='班的名称，如 采收小白菜'
          value={title}
          onInput={(e) => setTitle(e.detail.value)}
          data-testid='garden-add-shift-title'
        />
        <Problem field='title' problems={shown} />
      </View>

      <View className='garden-field'>
        <Text className='garden-field__label'>需要几个人</Text>
        <Input
          className='garden-input'
          type='number'
          {...fieldLabel('需要几个人')}
          placeholder='1到20'
          value={places}
          onInput={(e) => setPlaces(e.detail.value)}
          data-testid='garden-add-shift-places'
        />
        <Problem field='places' problems={shown} />
      </View>

      {serverProblems.other !== undefined && <Text className='garden-field__problem'>{serverProblems.other}</Text>}
      <View className='garden-shift__actions'>
        <Button className='garden-button' type='primary' data-testid='garden-add-shift-submit' onClick={() => void submit()}>
          加上这个班
        </Button>
        <Button className='garden-button' fill='outline' onClick={() => setOpen(false)}>
          不加了
        </Button>
      </View>
    </View>
  )
}
