import { z } from '../zod'
import type { MotionKind, MotionStatus } from './statuses'

/**
 * Custom-reform land awards (移风易俗奖耕地). Areas are integers in tenth-mu (亩×10) everywhere,
 * so 120 mu is 1200 and no sum of parcels ever rounds.
 */

export const deedKinds = ['no_birthday_banquet', 'no_graduation_banquet', 'no_full_month_banquet', 'simple_wedding', 'simple_funeral', 'other'] as const
export const deedKindSchema = z.enum(deedKinds)
export type DeedKind = z.infer<typeof deedKindSchema>
export const deedKindLabels: Record<DeedKind, string> = {
  no_birthday_banquet: '拒办寿宴',
  no_graduation_banquet: '拒办升学宴',
  no_full_month_banquet: '拒办满月酒',
  simple_wedding: '婚事简办',
  simple_funeral: '丧事简办',
  other: '村规民约中的其他移风易俗事迹',
}

export function formatMu(tenthMu: number): string {
  return tenthMu % 10 === 0 ? `${tenthMu / 10}` : `${Math.floor(tenthMu / 10)}.${tenthMu % 10}`
}

/** How many households the pool can carry: 120 mu at 12 mu each is 10. */
export function poolCapacity(poolTenthMu: number, perHouseholdTenthMu: number): number {
  if (perHouseholdTenthMu <= 0 || poolTenthMu <= 0) return 0
  return Math.floor(poolTenthMu / perHouseholdTenthMu)
}

export type CapResult =
  | { ok: true; awarded: string[]; waitlisted: string[] }
  | { ok: false; reason: 'land_ranking_required'; approved: number; capacity: number }
  | { ok: false; reason: 'ranking_incomplete'; missing: string[] }

/**
 * The pool caps the awards. When the meeting approved more households than the land carries,
 * only a ranking the meeting itself approved may decide who is in; without one nothing is cut.
 */
export function capAwards(approved: readonly string[], capacity: number, approvedRanking: readonly string[] | null): CapResult {
  const unique = [...new Set(approved)]
  if (unique.length <= capacity) return { ok: true, awarded: unique, waitlisted: [] }
  if (!approvedRanking) return { ok: false, reason: 'land_ranking_required', approved: unique.length, capacity }
  const missing = unique.filter((id) => !approvedRanking.includes(id))
  if (missing.length > 0) return { ok: false, reason: 'ranking_incomplete', missing }
  const ordered = approvedRanking.filter((id) => unique.includes(id))
  return { ok: true, awarded: ordered.slice(0, capacity), waitlisted: ordered.slice(capacity) }
}

export interface ParcelArea {
  id: string
  areaTenthMu: number
}

/**
 * Proposes parcels for each awarded household: whole parcels, largest first, never above the
 * household's share and never one parcel twice. Households left short are reported, not hidden.
 */
export function planParcels(
  householdIds: readonly string[],
  parcels: readonly ParcelArea[],
  perHouseholdTenthMu: number,
): { plan: Map<string, string[]>; short: string[] } {
  const free = [...parcels].sort((a, b) => b.areaTenthMu - a.areaTenthMu || a.id.localeCompare(b.id))
  const plan = new Map<string, string[]>()
  const short: string[] = []
  for (const household of householdIds) {
    let remaining = perHouseholdTenthMu
    const chosen: string[] = []
    // An exact fit first keeps a 12-mu parcel for a 12-mu share instead of splitting bigger ones.
    const exact = free.findIndex((parcel) => parcel.areaTenthMu === remaining)
    if (exact >= 0) {
      const [parcel] = free.splice(exact, 1)
      if (parcel) chosen.push(parcel.id)
      remaining = 0
    }
    for (let index = 0; index < free.length && remaining > 0;) {
      const parcel = free[index]
      if (parcel && parcel.areaTenthMu <= remaining) {
        chosen.push(parcel.id)
        remaining -= parcel.areaTenthMu
        free.splice(index, 1)
      } else index++
    }
    plan.set(household, chosen)
    if (remaining > 0) short.push(household)
  }
  return { plan, short }
}

/** A motion as the award rules see it, in the order the meeting closed them. */
export interface DecidedMotion {
  kind: MotionKind
  status: MotionStatus
  passed: boolean | null
  candidateIds: readonly string[]
}

/**
 * What the meeting decided for the year: the nominations it approved (passed list or per-household
 * motions), the last ranking it passed, and what the pool makes of them. The publish route and the
 * secretary's screen both read it here, so the screen says beforehand what publishing will do.
 */
export function meetingAwardOutcome(motions: readonly DecidedMotion[], capacity: number): { approved: string[]; ranking: string[] | null; result: CapResult } {
  const passed = motions.filter((motion) => motion.status === 'closed' && motion.passed === true)
  const approved = [...new Set(passed.filter((motion) => motion.kind !== 'ranking').flatMap((motion) => motion.candidateIds))]
  const rankingMotion = passed.filter((motion) => motion.kind === 'ranking').at(-1)
  const ranking = rankingMotion ? [...rankingMotion.candidateIds] : null
  return { approved, ranking, result: capAwards(approved, capacity, ranking) }
}

/** "批准了12户，地只够10户": why the meeting must also vote on an order. */
export function rankingReason(approved: number, capacity: number): string {
  return `会议批准了${approved}户，奖励耕地只够${capacity}户，须把获奖排序提交会议表决：前${capacity}名获奖，其余因耕地不足不获奖`
}

/**
 * A proposed order moved by one place (上移/下移 on the secretary's screen); out of range is a no-op.
 */
export function moveInOrder<T>(order: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by
  if (index < 0 || index >= order.length || target < 0 || target >= order.length) return [...order]
  const next = [...order]
  const [item] = next.splice(index, 1)
  if (item !== undefined) next.splice(target, 0, item)
  return next
}
