import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { errorCatalog } from '@shared/errors'
import { elderlyStillWaiting, firstHarvestRefusal, harvestUnitLabels, shareRefusal, type DistributionProposal } from '@shared/garden'
import { localDateKey, toEpochMinutes } from '@shared/time'
import { listLabels } from '@shared/people'
import { distribute, fetchGardenOverview, fetchHarvests, fetchProposal, logHarvest } from '@/api/garden'
import { PageShell } from '@/components/page-shell'
import { disabledProps, fieldLabel, pressableProps } from '@/lib/a11y'
import { useAsync } from '@/lib/use-async'
import { useRequireLogin } from '@/lib/use-session'
import { useVillageId } from '@/lib/use-village-id'
import { CorrectionNotes, HarvestCorrection } from '../corrections'
import { act, Hint, kg } from '../ui'
import { GardenGate } from '../gate'
import '../garden.scss'
import { LoadState } from '@/components/async-view'

type Proposal = DistributionProposal
type Harvest = Awaited<ReturnType<typeof fetchHarvests>>['harvests'][number]

const amountText = (r: { grams: number | null; count: number | null }) => (r.grams !== null ? kg(r.grams) : r.count !== null ? `${r.count}个` : '未记数量')

/**
 * The steward's distribution sheet: elderly households on top, those with nothing yet next. The
 * amount is in the harvest's own unit; the same shared rules the server applies say whether it
 * fits and whether a first harvest going past the elderly needs a written reason.
 */
function Distribution({ villageId, proposal, onDone }: { villageId: string; proposal: Proposal; onDone: () => void }) {
  const [chosen, setChosen] = useState<string[]>(() =>
    proposal.recipients
      .filter((r) => r.priority !== 'already_received' && !r.alreadyGotThis)
      .slice(0, 6)
      .map((r) => r.householdId),
  )
  const [amount, setAmount] = useState(proposal.unit === 'grams' ? '500' : '2')
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const toggle = (id: string) => setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]))
  const unit = harvestUnitLabels[proposal.unit]
  const each = Number(amount)
  const allocations = chosen.map((householdId) => (proposal.unit === 'grams' ? { householdId, grams: each } : { householdId, count: each }))
  const elderlyIds = proposal.recipients.filter((r) => r.elderly).map((r) => r.householdId)
  const receivedIds = proposal.recipients.filter((r) => r.alreadyGotThis).map((r) => r.householdId)
  const shares = chosen.map((householdId) => ({ householdId, elderly: elderlyIds.includes(householdId) }))
  const waiting = { elderlyHouseholdIds: elderlyIds, receivedHouseholdIds: receivedIds, shares }
  const needsReason = firstHarvestRefusal({ firstOfCrop: proposal.firstOfCrop, ...waiting }) !== null
  const submit = () => {
    const harvest = proposal.unit === 'grams' ? { grams: proposal.total, count: null } : { grams: null, count: proposal.total }
    const refusal =
      shareRefusal({ harvest, given: proposal.total - proposal.remaining, shares: allocations }) ??
      firstHarvestRefusal({ firstOfCrop: proposal.firstOfCrop, ...waiting, reason })
    if (refusal) return setProblem(errorCatalog[refusal].message)
    setProblem(null)
    void act(
      () => distribute(villageId, proposal.harvestId, allocations, needsReason ? reason.trim() : undefined),
      (r) => `已记下${r.recorded}户`,
      onDone,
    )
  }
  return (
    <View className='xy-card'>
      <Text className='xy-card__title'>
        分{proposal.crop}
        {proposal.firstOfCrop ? '（头茬，先给老人）' : ''}
      </Text>
      {proposal.recipients.map((r) => (
        <View
          key={r.householdId}
          className='garden-row xy-tappable'
          {...pressableProps('checkbox', { checked: chosen.includes(r.householdId) })}
          {...(r.alreadyGotThis ? disabledProps() : {})}
          onClick={() => !r.alreadyGotThis && toggle(r.householdId)}
        >
          <View className='garden-row__main'>
            <Text className='garden-row__title'>
              {chosen.includes(r.householdId) ? '☑ ' : '☐ '}
              {r.label}
            </Text>
            <Text className='garden-row__sub'>{r.alreadyGotThis ? '这批已领' : `${r.priorityLabel} · 本季领过${r.receivedThisSeason}次`}</Text>
          </View>
          {r.elderly && <Text className='garden-tag garden-tag--elderly'>老人</Text>}
        </View>
      ))}
      <Text className='xy-card__text' data-testid='garden-share-remaining'>
        这批共{proposal.total}
        {unit}，还剩{proposal.remaining}
        {unit}可以分。
      </Text>
      <Input
        className='garden-input'
        type='number'
        {...fieldLabel(`每户分多少${unit}`)}
        placeholder={`每户多少${unit}`}
        value={amount}
        onInput={(e) => setAmount(e.detail.value)}
        data-testid='garden-share-amount'
      />
      {needsReason && (
        <View className='garden-reason' data-testid='garden-first-harvest-reason'>
          <Text className='garden-reason__label'>这是头茬菜，还有{elderlyStillWaiting(waiting).length}户老人家没分到。为什么要分给其他人家？</Text>
          <Text className='garden-reason__note'>原因会写在收获公示上，大家都看得到。</Text>
          <Input
            className='garden-input'
            type='text'
            {...fieldLabel('为什么头茬分给其他人家')}
            maxlength={200}
            placeholder='必填，200字以内'
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
            data-testid='garden-first-harvest-reason-input'
          />
        </View>
      )}
      {problem !== null && <Text className='garden-reason__problem'>{problem}</Text>}
      <Button className='garden-button' type='primary' block data-testid='garden-share-submit' onClick={submit}>
        记下分给这{chosen.length}户
      </Button>
    </View>
  )
}

/**
 * On the board for everyone: a first harvest that went to other households while elderly ones had
 * none, with the steward's written reason; and how many elderly households are still waiting.
 */
function BeyondElderly({ harvest }: { harvest: Harvest }) {
  if (!harvest.firstOfCrop) return null
  const reasons = [...new Set(harvest.recipients.map((r) => r.beyondElderlyReason).filter((r): r is string => r !== null))]
  return (
    <>
      {reasons.map((reason) => (
        <Text key={reason} className='xy-card__text' data-testid='garden-beyond-elderly'>
          头茬没有先全给老人：给了
          {[
            ...listLabels(harvest.recipients.filter((r) => r.beyondElderlyReason === reason).map((r) => ({ key: r.householdId, name: r.label }))).values(),
          ].join('、')}
          。主理人说明：{reason}
        </Text>
      ))}
      {harvest.elderlyWaiting > 0 && harvest.recipients.length > 0 && (
        <Text className='xy-card__text'>还有{harvest.elderlyWaiting}户老人家没分到这批头茬。</Text>
      )}
    </>
  )
}

function GardenHarvestsContent() {
  const loggedIn = useRequireLogin()
  const villageId = useVillageId()
  const [crop, setCrop] = useState('')
  const [weight, setWeight] = useState('')
  const [proposal, setProposal] = useState<Proposal | null>(null)
  const [correcting, setCorrecting] = useState<string | null>(null)
  const { state, reload } = useAsync(
    async () => {
      const [harvests, overview] = await Promise.all([fetchHarvests(villageId ?? ''), fetchGardenOverview(villageId ?? '')])
      return { harvests, steward: overview.isSteward }
    },
    [villageId],
    { enabled: loggedIn && villageId !== null },
  )
  if (villageId === null) return <Hint>缺少社区信息，请从“菜园”页进入。</Hint>
  const openProposal = async (harvestId: string) => {
    const result = await act(() => fetchProposal(villageId, harvestId), '已按先老人排好')
    if (result) setProposal(result)
  }
  return (
    <PageShell testId='garden-harvests'>
      <LoadState state={state} reload={reload} />
      {state.status === 'ready' && (
        <>
          <Text className='xy-page-title'>{state.data.harvests.season}的收获</Text>
          <Hint>每种菜的头茬，先送给院里的老人家。</Hint>
          {proposal !== null && (
            <Distribution
              villageId={villageId}
              proposal={proposal}
              onDone={() => {
                setProposal(null)
                reload()
              }}
            />
          )}
          {state.data.harvests.harvests.length === 0 && <Hint>这一季还没有收获记录。</Hint>}
          {state.data.harvests.harvests.map((h) => (
            <View key={h.id} className='xy-card' data-testid='garden-harvest' data-harvest-id={h.id}>
              <Text className='xy-card__title'>
                {h.crop} {h.grams !== null ? kg(h.grams) : ''}
                {h.count !== null ? `${h.count}个` : ''}
                {h.firstOfCrop ? ' · 头茬' : ''}
              </Text>
              <Text className='xy-card__text'>
                {h.harvestedOn}
                {h.bedName !== null ? ` · ${h.bedName}` : ''}
              </Text>
              {h.recipients.length === 0 ? (
                <Text className='xy-card__text'>还没分</Text>
              ) : (
                <Text className='xy-card__text'>分给了：{sharesLine(h.recipients)}</Text>
              )}
              <CorrectionNotes corrections={h.corrections} />
              <BeyondElderly harvest={h} />
              {state.data.steward && correcting !== h.id && (
                <View className='garden-shift__actions'>
                  <Button className='garden-button' fill='outline' onClick={() => void openProposal(h.id)}>
                    分菜
                  </Button>
                  <Button className='garden-button' fill='outline' data-testid='garden-correct-harvest' onClick={() => setCorrecting(h.id)}>
                    更正
                  </Button>
                </View>
              )}
              {state.data.steward && correcting === h.id && (
                <HarvestCorrection villageId={villageId} harvest={h} onClose={() => setCorrecting(null)} onDone={reload} />
              )}
            </View>
          ))}
          {state.data.steward && (
            <>
              <Text className='xy-section-title'>主理人：登记收获</Text>
              <View className='xy-card'>
                <Input className='garden-input' type='text' placeholder='什么菜，如 小白菜' value={crop} onInput={(e) => setCrop(e.detail.value)} />
                <Input className='garden-input' type='number' placeholder='多少克（1公斤=1000克）' value={weight} onInput={(e) => setWeight(e.detail.value)} />
                <Button
                  className='garden-button'
                  type='primary'
                  block
                  onClick={() =>
                    void act(
                      () => logHarvest(villageId, crop, Number(weight), localDateKey(toEpochMinutes(new Date()))),
                      '已登记',
                      () => {
                        setCrop('')
                        setWeight('')
                        reload()
                      },
                    )
                  }
                >
                  登记今天的收获
                </Button>
              </View>
            </>
          )}
        </>
      )}
    </PageShell>
  )
}

/** Who got a share, each household once by its distinct label (two 吴金宝户 read apart), with what they got. */
function sharesLine(recipients: readonly { householdId: string; label: string; elderly: boolean; grams: number | null; count: number | null }[]): string {
  const names = listLabels(recipients.map((r) => ({ key: r.householdId, name: r.label })))
  return recipients.map((r) => `${names.get(r.householdId) ?? r.label}${r.elderly ? '（老人）' : ''}${amountText(r)}`).join('、')
}

export default function GardenHarvestsPage() {
  return (
    <GardenGate testId='garden-harvests'>
      <GardenHarvestsContent />
    </GardenGate>
  )
}
