import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import {
  MAX_NAMED_OPTIONS,
  beijingMoment,
  electorateLabels,
  electorates,
  matterOptions,
  matterThresholdLabels,
  matterThresholds,
  thresholdExplained,
  votingWindowRefusal,
  type Electorate,
  type MatterKind,
  type MatterThreshold,
} from '@shared/garden'
import { localParts, localToEpochMinutes, toEpochMinutes } from '@shared/time'
import { fetchDuties } from '@/api/garden'
import { createMatter } from '@/api/garden-matters'
import { ErrorNotice } from '@/components/error-notice'
import { PageShell } from '@/components/page-shell'
import { fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { pages, pageUrl } from '@/lib/pages'
import { useAction } from '@/lib/use-action'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { Hint } from '../../ui'
import '../../garden.scss'
import '../matters.scss'

const DAYS = [3, 7, 14] as const
const kindLabels: Record<MatterKind, string> = { yes_no: '同意 / 反对 / 弃权', choice: '几个选项里选一个' }

/** 20:00 Beijing, `days` from today: an evening deadline, after the courtyard's working day. */
function closingAt(days: number): Date {
  const today = localParts(toEpochMinutes(new Date()))
  return new Date(localToEpochMinutes(today.year, today.month, today.day + days, 20 * 60) * 60_000)
}

function Chip<T extends string>({ value, on, label, onPick }: { value: T; on: boolean; label: string; onPick: (value: T) => void }) {
  return (
    <Text
      className={on ? 'garden-chip garden-chip--on' : 'garden-chip'}
      {...pressableProps('radio', { checked: on })}
      data-testid={`matter-pick-${value}`}
      onClick={() => onPick(value)}
    >
      {label}
    </Text>
  )
}

/** A steward puts a matter to the courtyard; the rule for passing is said in words before it starts. */
export default function NewMatterPage() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const duties = useAsync(() => fetchDuties(villageId ?? ''), [villageId], { enabled: loggedIn && villageId !== null })
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [kind, setKind] = useState<MatterKind>('yes_no')
  const [named, setNamed] = useState<string[]>(['', ''])
  const [electorate, setElectorate] = useState<Electorate>('residents')
  const [threshold, setThreshold] = useState<MatterThreshold>('voting')
  const [days, setDays] = useState<number>(7)
  const [dutyId, setDutyId] = useState<string | null>(null)
  const { busy, error, run } = useAction()
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>

  const closesAt = closingAt(days)
  const filled = named.map((n) => n.trim()).filter((n) => n.length > 0)
  const options = matterOptions(kind, kind === 'choice' ? filled : [])
  const ready =
    title.trim().length > 0 && body.trim().length > 0 && options !== 'options_invalid' && votingWindowRefusal(new Date(), closesAt, new Date()) === null

  const submit = async () => {
    const created = await run(() =>
      createMatter(villageId, {
        title: title.trim(),
        body: body.trim(),
        kind,
        options: kind === 'choice' ? filled : [],
        electorate,
        threshold,
        opensAt: new Date().toISOString(),
        closesAt: closesAt.toISOString(),
        ...(dutyId ? { pausesDutyId: dutyId } : {}),
      }),
    )
    if (created === null) return
    void Taro.redirectTo({ url: pageUrl(pages.garden.matterDetail, { villageId, matterId: created.id }) })
  }

  return (
    <PageShell testId='garden-matter-new'>
      <Text className='xy-page-title'>提出一件事，请全院表决</Text>
      <Text className='matter-field-label'>要表决的事（一句话）</Text>
      <Input
        className='garden-input'
        type='text'
        maxlength={40}
        {...fieldLabel('要表决的事')}
        placeholder='如：冬季菜园停止浇水值班'
        value={title}
        onInput={(e) => setTitle(e.detail.value)}
      />
      <Text className='matter-field-label'>具体内容</Text>
      <Textarea
        className='matter-textarea'
        maxlength={1000}
        {...fieldLabel('具体内容')}
        placeholder='为什么提、怎么做、从哪天起'
        value={body}
        onInput={(e) => setBody(e.detail.value)}
      />

      <Text className='matter-field-label'>怎么投</Text>
      <View className='matter-chips' {...groupProps('radiogroup', '怎么投')}>
        {(['yes_no', 'choice'] as const).map((k) => (
          <Chip key={k} value={k} on={kind === k} label={kindLabels[k]} onPick={setKind} />
        ))}
      </View>
      {kind === 'choice' && (
        <View>
          <Text className='matter-hint'>填2到{MAX_NAMED_OPTIONS}个选项，每人选一个；“弃权”会自动加上。</Text>
          {named.map((value, i) => (
            <Input
              key={i}
              className='garden-input'
              type='text'
              maxlength={20}
              {...fieldLabel(`选项${i + 1}`)}
              placeholder={`选项${i + 1}，如 西红柿`}
              value={value}
              onInput={(e) => setNamed((list) => list.map((item, j) => (j === i ? e.detail.value : item)))}
            />
          ))}
          {named.length < MAX_NAMED_OPTIONS && (
            <Button className='garden-button' fill='outline' onClick={() => setNamed((list) => [...list, ''])}>
              再加一个选项
            </Button>
          )}
        </View>
      )}

      <Text className='matter-field-label'>谁能投</Text>
      <View className='matter-chips' {...groupProps('radiogroup', '谁能投')}>
        {electorates.map((e) => (
          <Chip key={e} value={e} on={electorate === e} label={electorateLabels[e]} onPick={setElectorate} />
        ))}
      </View>

      <Text className='matter-field-label'>怎样算通过</Text>
      <View className='matter-chips' {...groupProps('radiogroup', '怎样算通过')}>
        {matterThresholds.map((t) => (
          <Chip key={t} value={t} on={threshold === t} label={matterThresholdLabels[t]} onPick={setThreshold} />
        ))}
      </View>
      <View className='matter-rule' data-testid='matter-threshold-preview'>
        <Text className='matter-rule__row'>{thresholdExplained(threshold, kind, null)}</Text>
      </View>

      <Text className='matter-field-label'>投票多久</Text>
      <View className='matter-chips' {...groupProps('radiogroup', '投票多久')}>
        {DAYS.map((d) => (
          <Chip key={d} value={String(d)} on={days === d} label={`${d}天`} onPick={(v) => setDays(Number(v))} />
        ))}
      </View>
      <Text className='matter-hint'>现在开始，{beijingMoment(closesAt.toISOString())} 截止。截止前居民可以改票；开居民会议举手表决并录入后可以提前公布。</Text>

      <Text className='matter-field-label'>通过以后暂停哪项值班（可以不选）</Text>
      <View className='matter-chips'>
        <Chip value='none' on={dutyId === null} label='不暂停' onPick={() => setDutyId(null)} />
        {duties.state.status === 'ready' &&
          duties.state.data.duties
            .filter((d) => !d.paused)
            .map((d) => <Chip key={d.id} value={d.id} on={dutyId === d.id} label={d.title} onPick={setDutyId} />)}
      </View>

      {options === 'options_invalid' && kind === 'choice' && <Text className='garden-reason__problem'>请至少填2个不重复的选项。</Text>}
      {error && <ErrorNotice error={error} />}
      <Button
        className='xy-full-button garden-button'
        type='primary'
        size='large'
        block
        disabled={!ready}
        loading={busy}
        data-testid='matter-create'
        onClick={() => void submit()}
      >
        开始表决
      </Button>
    </PageShell>
  )
}
