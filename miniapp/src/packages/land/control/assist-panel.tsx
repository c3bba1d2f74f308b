import { useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { assistanceInput, type RollCallRoster } from '@shared/land'
import {
  assistanceNeedLabels,
  assistanceNeeds,
  assistedBallotRefusal,
  voteChoiceLabels,
  voteChoices,
  type AssistanceNeed,
  type AssistRequester,
  type VoteChoice,
} from '@shared/votes'
import { castAssistedVote, markAssistance } from '@/api/land'
import { ApiError } from '@/api/api-error'
import { ErrorNotice } from '@/components/error-notice'
import { decorativeProps, fieldLabel, groupProps, pressableProps } from '@/lib/a11y'
import { useAction } from '@/lib/use-action'

type Person = RollCallRoster['people'][number]

const personLine = (person: Person) => `${person.householdLabel}，${person.age}岁`

function Radio({ on, label, onPick, testId }: { on: boolean; label: string; onPick: () => void; testId: string }) {
  return (
    <View className={on ? 'land-check land-check--on' : 'land-check'} {...pressableProps('radio', { checked: on })} onClick={onPick} data-testid={testId}>
      <Text className='land-check__box' {...decorativeProps()}>
        {on ? '✓' : ''}
      </Text>
      <Text>{label}</Text>
    </View>
  )
}

/**
 * A cadre enters the ballot of a villager in the hall who asked for help. The screen asks what the
 * law and the audit need, in order: who asked (本人, or a named family member), why — only when the
 * village has not marked the villager 需要代办, by the same rule the server applies — and the choice.
 */
function AssistForm({ motionId, person, onDone, onCancel }: { motionId: string; person: Person; onDone: (message: string) => void; onCancel: () => void }) {
  const [requestedBy, setRequestedBy] = useState<AssistRequester | null>(null)
  const [familyName, setFamilyName] = useState('')
  const [reason, setReason] = useState('')
  const [choice, setChoice] = useState<VoteChoice | null>(null)
  const { busy, error, run, fail } = useAction()

  const submit = async () => {
    if (requestedBy === null || choice === null) {
      fail('请先选“谁请求代投”和“投什么票”')
      return
    }
    const assistance = assistanceInput.safeParse({
      requestedBy,
      ...(requestedBy === 'family' ? { familyMemberName: familyName } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    })
    if (!assistance.success) {
      fail(assistance.error.issues[0]?.message ?? '请检查填写的内容')
      return
    }
    const refusal = assistedBallotRefusal({ voterHasOwnBallot: false, voterNeedsHelp: person.needsHelp, reason })
    if (refusal) {
      fail(new ApiError(refusal.code, '这位村民没有登记为需要代办，代为投票须写明原因', 0))
      return
    }
    const answer = await run(() => castAssistedVote(motionId, person.personId, choice, assistance.data))
    if (answer === null) return
    onDone(`${person.name}：${answer.message}`)
  }

  return (
    <View className='land-confirm' data-testid='assist-form'>
      <Text className='land-confirm__question'>
        为{person.name}（{personLine(person)}）代为投票
      </Text>
      <Text className='xy-card__title land-block'>谁请求代投？</Text>
      <View {...groupProps('radiogroup', '谁请求代投')}>
        <Radio on={requestedBy === 'self'} label='本人请求' onPick={() => setRequestedBy('self')} testId='assist-by-self' />
        <Radio on={requestedBy === 'family'} label='家属请求' onPick={() => setRequestedBy('family')} testId='assist-by-family' />
      </View>
      {requestedBy === 'family' && (
        <>
          <Text className='xy-card__text land-block'>家属姓名（必填）</Text>
          <Input
            className='land-input'
            {...fieldLabel('家属姓名')}
            value={familyName}
            maxlength={20}
            onInput={(event) => setFamilyName(event.detail.value)}
            data-testid='assist-family-name'
          />
        </>
      )}
      {!person.needsHelp && (
        <>
          <Text className='xy-card__text land-block'>这位村民没有登记为需要代办，请写明代投的原因（必填）</Text>
          <Textarea
            className='land-input land-textarea'
            {...fieldLabel('代投原因')}
            value={reason}
            maxlength={200}
            onInput={(event) => setReason(event.detail.value)}
            data-testid='assist-reason'
          />
        </>
      )}
      <Text className='xy-card__title land-block'>村民要投什么票？</Text>
      <View {...groupProps('radiogroup', '投什么票')}>
        {voteChoices.map((option) => (
          <Radio key={option} on={choice === option} label={voteChoiceLabels[option]} onPick={() => setChoice(option)} testId={`assist-choice-${option}`} />
        ))}
      </View>
      {error && <ErrorNotice error={error} />}
      <Button className='xy-full-button land-button' type='primary' loading={busy} onClick={() => void submit()} data-testid='assist-submit'>
        {choice ? `确认代为投票：${voteChoiceLabels[choice]}` : '确认代为投票'}
      </Button>
      <Button className='xy-full-button land-button' fill='outline' disabled={busy} onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}

/** Sets or clears the village's 需要代办 mark for one person (branch leaders). */
function MarkToggle({ villageId, person, onChanged }: { villageId: string; person: Person; onChanged: () => void }) {
  const [picking, setPicking] = useState(false)
  const { busy, error, run } = useAction()
  const save = async (need: AssistanceNeed | null) => {
    const result = await run(() => markAssistance(villageId, person.personId, need))
    if (result === null) return
    setPicking(false)
    onChanged()
  }
  return (
    <View>
      {person.marked ? (
        <Button className='xy-full-button land-button' fill='outline' loading={busy} onClick={() => void save(null)} data-testid='assist-unmark'>
          取消“需要代办”登记
        </Button>
      ) : !picking ? (
        <Button className='xy-full-button land-button' fill='outline' onClick={() => setPicking(true)} data-testid='assist-mark'>
          登记为需要代办
        </Button>
      ) : (
        <View data-testid='assist-mark-reasons'>
          <Text className='xy-card__text land-block'>为什么需要代办？</Text>
          {assistanceNeeds.map((need) => (
            <Button
              key={need}
              className='xy-full-button land-button'
              fill='outline'
              loading={busy}
              onClick={() => void save(need)}
              data-testid={`assist-mark-${need}`}
            >
              {assistanceNeedLabels[need]}
            </Button>
          ))}
        </View>
      )}
      {error && <ErrorNotice error={error} />}
    </View>
  )
}

/** 已到会、还没投票: the people a cadre may enter an assisted ballot for, with the 需要代办 mark. */
// A hall of a hundred people would push 录入举手人数 and 结束表决 far down: the list stays folded
// until a villager asks for help, and a name finds them.
const SHOWN_AT_ONCE = 20

export function AssistPanel({
  villageId,
  motionId,
  people,
  onChanged,
}: {
  villageId: string
  motionId: string
  people: readonly Person[]
  onChanged: () => void
}) {
  const [unfolded, setUnfolded] = useState(false)
  const [search, setSearch] = useState('')
  const [open, setOpen] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  // Those the village already regards as needing help come first.
  const waiting = people
    .filter((person) => person.present && !person.votedMotionIds.includes(motionId))
    .sort((a, b) => Number(b.needsHelp) - Number(a.needsHelp))
  const found = waiting.filter((person) => search.trim() === '' || person.name.includes(search.trim()) || person.householdLabel.includes(search.trim()))
  const shown = found.slice(0, SHOWN_AT_ONCE)
  return (
    <View className='xy-card' data-testid='assist-panel'>
      <Text className='xy-card__title land-block'>代为投票（已到会、还没有投票的{waiting.length}人）</Text>
      {done && (
        <Text className='xy-card xy-ok-box land-block' data-testid='assist-done'>
          {done}
        </Text>
      )}
      {!unfolded ? (
        <Button className='xy-full-button land-button' fill='outline' onClick={() => setUnfolded(true)} data-testid='assist-toggle'>
          有村民请求帮助：找到他（她）
        </Button>
      ) : (
        <>
          <Text className='xy-card__text land-block'>只为请求帮助的村民代投；村民本人投过的票不能代替，村民会看到是谁代投的。</Text>
          <Text className='xy-card__text land-block'>输入姓名查找</Text>
          <Input
            className='land-input'
            {...fieldLabel('输入姓名查找')}
            value={search}
            maxlength={20}
            onInput={(event) => setSearch(event.detail.value)}
            data-testid='assist-search'
          />
          {found.length > shown.length && <Text className='xy-card__text land-block'>还有{found.length - shown.length}人没列出，请输入姓名查找。</Text>}
          <Button className='xy-full-button land-button' fill='outline' onClick={() => setUnfolded(false)} data-testid='assist-fold'>
            收起名单
          </Button>
        </>
      )}
      {unfolded &&
        shown.map((person) => (
          <View key={person.personId} className='land-person' data-testid='assist-person'>
            <Text className='land-person__name'>
              {person.name}
              {person.needsHelp && <Text className='land-tag'>需要代办</Text>}
            </Text>
            <Text className='land-person__meta'>{personLine(person)}</Text>
            {open === person.personId ? (
              <AssistForm
                motionId={motionId}
                person={person}
                onCancel={() => setOpen(null)}
                onDone={(message) => {
                  setDone(message)
                  setOpen(null)
                  onChanged()
                }}
              />
            ) : (
              <Button
                className='xy-full-button land-button'
                type='primary'
                onClick={() => {
                  setDone(null)
                  setOpen(person.personId)
                }}
                data-testid='assist-open'
              >
                代为投票
              </Button>
            )}
            <MarkToggle villageId={villageId} person={person} onChanged={onChanged} />
          </View>
        ))}
    </View>
  )
}
