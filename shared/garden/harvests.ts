import type { ErrorCode } from '../errors'
import { daysBetween } from '../time'

/* Harvests: the first harvest of each crop goes to the elderly. */

/** Largest single harvest record: 200 kg. A courtyard bed yields a few kilograms at a time. */
export const MAX_HARVEST_GRAMS = 200_000
export const MAX_HARVEST_COUNT = 5_000

export function harvestAmountValid(amount: { grams?: number | undefined; count?: number | undefined }): boolean {
  const gramsOk = amount.grams === undefined || (amount.grams >= 1 && amount.grams <= MAX_HARVEST_GRAMS)
  const countOk = amount.count === undefined || (amount.count >= 1 && amount.count <= MAX_HARVEST_COUNT)
  return gramsOk && countOk && (amount.grams !== undefined || amount.count !== undefined)
}

export const harvestUnits = ['grams', 'count'] as const
export type HarvestUnit = (typeof harvestUnits)[number]
export const harvestUnitLabels: Record<HarvestUnit, string> = { grams: '克', count: '个' }

/**
 * The unit a harvest is shared out in: the one it was logged in. A harvest logged with both a
 * weight and a count is shared by weight (the count only describes it), so two units can never
 * together give away more than was picked.
 */
export const harvestUnit = (harvest: { grams: number | null; count: number | null }): HarvestUnit => (harvest.grams !== null ? 'grams' : 'count')
export const harvestTotal = (harvest: { grams: number | null; count: number | null }): number => harvest.grams ?? harvest.count ?? 0

/** A harvest can be logged on a day up to a year back (a late entry), never on a day to come. */
export const HARVEST_BACKDATE_MAX_DAYS = 366

export function harvestDateRefusal(harvestedOn: string, today: string): ErrorCode | null {
  const age = daysBetween(harvestedOn, today)
  if (age < 0) return 'garden_harvest_date_future'
  if (age > HARVEST_BACKDATE_MAX_DAYS) return 'garden_harvest_date_too_old'
  return null
}

/**
 * Why a batch of shares of one harvest is refused, or null. Every share names one amount, a whole
 * number above zero, in the harvest's own unit; together with what was already given (`given`,
 * in that unit) they never exceed the harvest.
 */
export function shareRefusal(input: {
  harvest: { grams: number | null; count: number | null }
  given: number
  shares: readonly { grams?: number | undefined; count?: number | undefined }[]
}): ErrorCode | null {
  const unit = harvestUnit(input.harvest)
  let total = input.given
  for (const share of input.shares) {
    const amounts = [share.grams, share.count].filter((a): a is number => a !== undefined)
    const amount = amounts[0]
    if (amounts.length !== 1 || amount === undefined || !Number.isInteger(amount) || amount < 1) return 'garden_share_amount_invalid'
    if ((unit === 'grams' ? share.grams : share.count) === undefined) return 'garden_share_wrong_unit'
    total += amount
  }
  return total > harvestTotal(input.harvest) ? 'garden_harvest_over_distributed' : null
}

/**
 * Elderly households that would still have had none of a first harvest once `shares` are given:
 * not among those who already received some of it nor among this batch.
 */
export function elderlyStillWaiting(input: {
  elderlyHouseholdIds: readonly string[]
  receivedHouseholdIds: readonly string[]
  shares: readonly { householdId: string }[]
}): string[] {
  const covered = new Set([...input.receivedHouseholdIds, ...input.shares.map((s) => s.householdId)])
  return input.elderlyHouseholdIds.filter((id) => !covered.has(id))
}

/**
 * Which harvest is the first of its crop in a season: the first one logged, not the one with the
 * earliest date. A harvest's date is typed by the steward; ordering by it would let a small
 * harvest logged later with an earlier date take the "first" place from the real one.
 */
export function firstHarvestIdsByCrop(harvests: readonly { id: string; crop: string; createdAt: Date; harvestedOn: string }[]): Set<string> {
  const inLoggedOrder = [...harvests].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.harvestedOn.localeCompare(b.harvestedOn) || a.id.localeCompare(b.id),
  )
  const seen = new Set<string>()
  const firstIds = new Set<string>()
  for (const harvest of inLoggedOrder) {
    if (!seen.has(harvest.crop)) firstIds.add(harvest.id)
    seen.add(harvest.crop)
  }
  return firstIds
}

/**
 * The courtyard's decision: the first harvest of each crop in a season goes to its elderly
 * households first. Giving any of it to another household while an elderly household has had
 * none of it needs the steward's written reason (shown on the harvest board). Later harvests and
 * a courtyard with no elderly household are not bound by it.
 */
export function firstHarvestRefusal(input: {
  firstOfCrop: boolean
  elderlyHouseholdIds: readonly string[]
  receivedHouseholdIds: readonly string[]
  shares: readonly { householdId: string; elderly: boolean }[]
  reason?: string | null | undefined
}): ErrorCode | null {
  if (!input.firstOfCrop || input.shares.every((s) => s.elderly)) return null
  if (elderlyStillWaiting(input).length === 0) return null
  return (input.reason ?? '').trim() === '' ? 'garden_first_harvest_elderly_first' : null
}

export const distributionPriorities = ['elderly_first_harvest', 'nothing_yet', 'already_received'] as const
export type DistributionPriority = (typeof distributionPriorities)[number]
export const distributionPriorityLabels: Record<DistributionPriority, string> = {
  elderly_first_harvest: '头茬先给老人',
  nothing_yet: '本季还没领过',
  already_received: '本季已领过',
}

export interface DistributionCandidate {
  householdId: string
  label: string
  elderly: boolean
  /** distributions this household has received this season, of any crop */
  receivedThisSeason: number
}

export interface ProposedRecipient extends DistributionCandidate {
  priority: DistributionPriority
}

/**
 * The order a harvest is offered in. For the first harvest of a crop in a season the elderly
 * households come first (those who have had nothing yet ahead of the others); then every
 * household that has received nothing this season; then the rest, fewest received first.
 * Ties by label, then id, so the list is stable.
 */
export function distributionOrder(candidates: readonly DistributionCandidate[], firstHarvestOfCrop: boolean): ProposedRecipient[] {
  const tagged = candidates.map((c): ProposedRecipient => ({
    ...c,
    priority: firstHarvestOfCrop && c.elderly ? 'elderly_first_harvest' : c.receivedThisSeason === 0 ? 'nothing_yet' : 'already_received',
  }))
  const rank = (p: DistributionPriority) => distributionPriorities.indexOf(p)
  return tagged.sort(
    (a, b) =>
      rank(a.priority) - rank(b.priority) ||
      a.receivedThisSeason - b.receivedThisSeason ||
      Number(b.elderly) - Number(a.elderly) ||
      a.label.localeCompare(b.label, 'zh-CN') ||
      (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0),
  )
}
