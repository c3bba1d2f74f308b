import { useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { z } from '@shared/zod'
import { deedKindLabels, formatMu, type BallotCandidate, type tallySchema } from '@shared/land'
import { ErrorNotice } from '@/components/error-notice'
import { branchLeaders, hasAnyRole, type Role } from '@shared/roles'
import { pages, pageUrl } from '@/lib/pages'
import { getCachedMe } from '@/lib/session'
import { useAction } from '@/lib/use-action'
import { useMe } from '@/lib/use-session'

type Tally = z.infer<typeof tallySchema>

export function openLandPage(page: keyof typeof pages.land, params: Record<string, string>): void {
  void Taro.navigateTo({ url: pageUrl(pages.land[page], params) })
}

export function rolesIn(villageId: string | null): readonly Role[] {
  const me = getCachedMe()
  return me?.memberships.find((membership) => membership.villageId === villageId)?.roles ?? []
}

export function isLeader(villageId: string | null): boolean {
  return hasAnyRole(rolesIn(villageId), branchLeaders)
}

/**
 * Whether the signed-in reader leads the branch here, following the profile as it arrives: a page
 * opened straight from a link renders before the profile is cached, and must not stay without its
 * controls. For member pages only (it sends a reader without a login to log in).
 */
export function useIsLeader(villageId: string | null): boolean {
  const me = useMe()
  const roles =
    me.state.status === 'ready' ? (me.state.data.memberships.find((membership) => membership.villageId === villageId)?.roles ?? []) : rolesIn(villageId)
  return hasAnyRole(roles, branchLeaders)
}

export const mu = (tenthMu: number) => `${formatMu(tenthMu)}亩`

export function Row({ label, value, testId }: { label: string; value: string | number; testId?: string }) {
  return (
    <View className='land-row' data-testid={testId}>
      <Text>{label}</Text>
      <Text className='land-row__value'>{value}</Text>
    </View>
  )
}

/**
 * The verdict line. While voting is open nothing is decided yet, so it never reads like a result
 * ("未通过：同意0人" at the first minute would look final to a hall reading the screen).
 */
export function verdictLine(tally: Tally, open: boolean): string {
  const half = `须超过实到${tally.present}人的一半`
  if (open) return `表决中：目前同意${tally.total.for}人（${half}才通过）`
  if (tally.passed) return `通过：同意${tally.total.for}人，超过实到${tally.present}人的一半`
  if (!tally.quorum) return '到会人数不够，表决无效'
  return `未通过：同意${tally.total.for}人，${half}`
}

/** The arithmetic of a show-of-hands vote merged with app ballots, as the secretary reads it out. */
export function TallyTable({ tally, open = false }: { tally: Tally; open?: boolean }) {
  return (
    <View className='xy-card' data-testid='tally'>
      <Row label='应到' value={`${tally.eligible}人`} testId='tally-eligible' />
      <Row label='实到' value={`${tally.present}人（须至少${tally.quorumNeeded}人${tally.quorum ? '，已够' : '，还不够'}）`} testId='tally-present' />
      <Row label='手机已投' value={`${tally.votedInApp}人`} testId='tally-app' />
      <Row label='其中代为投票' value={`${tally.assisted}人（应本人或家属请求，由干部代录）`} testId='tally-assisted' />
      <Row label='最多可举手' value={`${tally.maxHands}人（实到−手机已投）`} testId='tally-max-hands' />
      <Row label='同意' value={`${tally.total.for}人（举手${tally.hands.for}＋手机${tally.app.for}）`} testId='tally-for' />
      <Row label='反对' value={`${tally.total.against}人（举手${tally.hands.against}＋手机${tally.app.against}）`} />
      <Row label='弃权' value={`${tally.total.abstain}人（举手${tally.hands.abstain}＋手机${tally.app.abstain}）`} />
      <Row label='未表态' value={`${tally.notVoting}人（算到会，不算同意）`} />
      <Text className={open ? 'land-pending' : tally.passed ? 'land-voted' : 'land-not-voted'} data-testid='tally-verdict'>
        {verdictLine(tally, open)}
      </Text>
    </View>
  )
}

/** "户主：乌优塔，58岁；全户4人": the 村民小组 is not in the data model, so head, age and size tell households apart. */
/**
 * One person of the roll call as two short lines: the name, then what tells them apart. The
 * roster's label (其其格（一组3号，1965年生）) is distinct in the roll; its brackets become the
 * second line (一组3号，61岁), so a long roll at 2× font stays one compact block a person.
 */
export function rollCallLine(person: { name: string; label?: string; householdLabel: string; age: number }): { name: string; detail: string } {
  const { name, label } = person
  if (label !== undefined && label.startsWith(`${name}（`) && label.endsWith('）')) {
    // The age says what the birth year says (one for one in the meeting's year) in half the width.
    return { name, detail: label.slice(name.length + 1, -1).replace(/\d{4}年生/, `${person.age}岁`) }
  }
  return { name: label ?? name, detail: `${person.householdLabel}，${person.age}岁` }
}

export function householdFace(candidate: Pick<BallotCandidate, 'headName' | 'headAge' | 'memberCount'>): string {
  const head = candidate.headName ? `户主：${candidate.headName}${candidate.headAge !== null ? `，${candidate.headAge}岁` : ''}` : '户主未登记'
  return candidate.memberCount > 0 ? `${head}；全户${candidate.memberCount}人` : head
}

/** The households a motion names, each with its deed: what a villager is voting on. */
export function CandidateList({
  candidates,
  perHouseholdTenthMu,
  awardedUpTo,
}: {
  candidates: readonly BallotCandidate[]
  perHouseholdTenthMu: number
  /** A ranking motion: the first this many are awarded, the rest are not (the land runs out). */
  awardedUpTo?: number
}) {
  const ranking = awardedUpTo !== undefined
  return (
    <View data-testid='ballot-candidates'>
      <Text className='xy-section-title'>
        {ranking
          ? `获奖排序（共${candidates.length}户，耕地够${awardedUpTo}户，每户${mu(perHouseholdTenthMu)}）`
          : `候选户和事迹（共${candidates.length}户，每户${mu(perHouseholdTenthMu)}）`}
      </Text>
      {candidates.map((candidate, index) => (
        <View className='xy-card land-candidate' key={candidate.nominationId} data-testid='ballot-candidate'>
          {ranking && index === awardedUpTo && (
            <Text className='land-cut land-block' data-testid='ranking-cut'>
              以上{awardedUpTo}户获奖；以下因耕地不足，不获奖
            </Text>
          )}
          <Text className='xy-card__title land-block'>
            {ranking ? `第${index + 1}名` : `${index + 1}.`} {candidate.householdLabel}
          </Text>
          <Text className='xy-card__text land-block'>{householdFace(candidate)}</Text>
          <Text className='xy-card__text land-block'>
            事迹：{deedKindLabels[candidate.deedKind]}（{candidate.deedDate}）
          </Text>
          {candidate.notes && <Text className='xy-card__text land-block'>{candidate.notes}</Text>}
        </View>
      ))}
    </View>
  )
}

interface ConfirmActionProps {
  /** What the button says, e.g. 结束表决. */
  label: string
  /** The question asked once before it acts: what happens and that it cannot be undone. */
  question: string
  testId: string
  run: () => Promise<unknown>
  danger?: boolean
  disabled?: boolean
  children?: ReactNode
}

/**
 * A control that cannot be undone: the first tap asks once, in place and in large type; the
 * second does it. A refusal is shown right here, beside the button that caused it, not at the
 * top of a long page the secretary has scrolled away from.
 */
export function ConfirmAction({ label, question, testId, run, danger = false, disabled = false }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false)
  const { busy, error, run: runAction, clearError } = useAction()
  const go = async () => {
    // The work may resolve to nothing at all; only a refusal keeps the question open.
    const result = await runAction(async () => {
      await run()
      return true
    })
    if (result === null) return
    setAsking(false)
  }
  return (
    <View className='land-control' data-testid={`${testId}-control`}>
      {!asking ? (
        <Button
          className={`xy-full-button land-button${danger ? ' land-danger' : ''}`}
          type={danger ? 'default' : 'primary'}
          disabled={disabled}
          onClick={() => {
            clearError()
            setAsking(true)
          }}
          data-testid={testId}
        >
          {label}
        </Button>
      ) : (
        <View className='land-confirm' data-testid={`${testId}-confirm-box`}>
          <Text className='land-confirm__question'>{question}</Text>
          <Button
            className={`xy-full-button land-button${danger ? ' land-danger' : ''}`}
            type={danger ? 'default' : 'primary'}
            loading={busy}
            onClick={() => void go()}
            data-testid={`${testId}-confirm`}
          >
            确定{label}
          </Button>
          <Button className='xy-full-button land-button' fill='outline' disabled={busy} onClick={() => setAsking(false)} data-testid={`${testId}-cancel`}>
            取消
          </Button>
        </View>
      )}
      {error && <ErrorNotice error={error} />}
    </View>
  )
}
