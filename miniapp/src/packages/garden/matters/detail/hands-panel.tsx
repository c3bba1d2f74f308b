import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { MatterDetail } from '@shared/garden'
import { maxHands } from '@shared/votes'
import { enterMatterHands, fetchMatterRoll } from '@/api/garden-matters'
import { ErrorNotice } from '@/components/error-notice'
import { fieldLabel, pressableProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { LoadState } from '@/components/async-view'

/**
 * The courtyard meeting: tick who came, then the raised hands for each option. Those who already
 * voted in the app are marked and do not raise a hand; the limit (到会 − 已在手机投票) is the
 * server's rule from shared/votes.ts, shown before it is sent.
 */
export function HandsPanel({ villageId, matter, onEntered }: { villageId: string; matter: MatterDetail; onEntered: () => void }) {
  const [shown, setShown] = useState(false)
  const { state, reload } = useAsync(() => fetchMatterRoll(villageId, matter.id), [villageId, matter.id], { enabled: shown })
  const [present, setPresent] = useState<string[] | null>(null)
  const [counts, setCounts] = useState<Record<string, string>>({})
  const { busy, error, run } = useAction()

  if (!shown) {
    return (
      <Button className='xy-full-button garden-button' fill='outline' size='large' block data-testid='matter-open-hands' onClick={() => setShown(true)}>
        {matter.handsEntered ? '重新录入居民会议举手结果' : '录入居民会议举手结果'}
      </Button>
    )
  }
  if (state.status !== 'ready') return <LoadState state={state} reload={reload} />
  const roll = state.data
  const here = present ?? roll.voters.filter((v) => v.present).map((v) => v.key)
  const inAppHere = roll.voters.filter((v) => v.votedInApp && here.includes(v.key)).length
  const max = maxHands(here.length, inAppHere)
  const numbers = Object.fromEntries(matter.options.map((o) => [o.key, Number(counts[o.key] ?? String(roll.hands?.[o.key] ?? 0))]))
  const entered = Object.values(numbers).reduce((s, n) => s + (Number.isInteger(n) && n >= 0 ? n : 0), 0)
  const valid = Object.values(numbers).every((n) => Number.isInteger(n) && n >= 0) && entered <= max

  const toggle = (key: string) => setPresent(here.includes(key) ? here.filter((k) => k !== key) : [...here, key])
  const send = async () => {
    const result = await run(() => enterMatterHands(villageId, matter.id, here, numbers))
    if (result === null) return
    setShown(false)
    onEntered()
  }

  return (
    <View data-testid='matter-hands'>
      <Text className='matter-field-label'>1. 谁到会了（点名字打勾）</Text>
      {roll.voters.map((v) => (
        <View key={v.key} className='matter-voter'>
          <View className='matter-voter__who'>
            <Text>{v.name}</Text>
            <Text className='matter-voter__sub'>
              {v.householdLabel}
              {v.age > 0 ? ` · ${v.age}岁` : ''}
              {v.votedInApp ? ' · 已在手机投票，不用举手' : ''}
            </Text>
          </View>
          <Text
            className={here.includes(v.key) ? 'garden-chip garden-chip--on' : 'garden-chip'}
            {...pressableProps('checkbox', { checked: here.includes(v.key), label: `${v.name}到会` })}
            onClick={() => toggle(v.key)}
          >
            {here.includes(v.key) ? '✓ 到会' : '到会'}
          </Text>
        </View>
      ))}
      <Text className='matter-field-label'>2. 每个选项举手的人数</Text>
      <Text className='matter-hint' data-testid='matter-max-hands'>
        到会{here.length}人，其中{inAppHere}人已在手机投票，最多可举手{max}人；现在填了{entered}人。
      </Text>
      {matter.options.map((o) => (
        <View key={o.key} className='matter-hands-row'>
          <Text className='matter-hands-row__label'>{o.label}</Text>
          <Input
            className='garden-input'
            type='number'
            {...fieldLabel(`${o.label}举手人数`)}
            value={counts[o.key] ?? String(roll.hands?.[o.key] ?? 0)}
            onInput={(e) => setCounts((c) => ({ ...c, [o.key]: e.detail.value }))}
          />
        </View>
      ))}
      {!valid && <Text className='garden-reason__problem'>举手人数超过了最多可举手的{max}人，请再数一遍。</Text>}
      {error && <ErrorNotice error={error} />}
      <Button
        className='xy-full-button garden-button'
        type='primary'
        size='large'
        block
        disabled={!valid}
        loading={busy}
        data-testid='matter-send-hands'
        onClick={() => void send()}
      >
        录入举手结果
      </Button>
    </View>
  )
}
