import type { ErrorCode } from '../errors'
import { firstHarvestIdsByCrop, harvestAmountValid, harvestDateRefusal, harvestTotal, harvestUnit } from './harvests'
import { seasonOfDateKey } from './seasons'

/*
 * Corrections of beds, plantings and harvests. The fact first recorded never changes (a trigger
 * refuses UPDATE and DELETE); a correction is a new record holding the whole corrected fact, with
 * who made it and why. What everyone reads is the latest correction, or the original when there
 * is none, and each correction is shown with what it replaced: "已更正（原为…，原因…）".
 */

export interface BedFacts {
  name: string
  areaDm2: number
  positionLabel: string
}

export interface PlantingFacts {
  bedId: string
  crop: string
  sownOn: string
  expectedHarvestOn: string | null
  note: string | null
}

export interface HarvestFacts {
  bedId: string | null
  crop: string
  grams: number | null
  count: number | null
  harvestedOn: string
}

/** The fact as it stands: the latest correction (highest seq), or the original. */
export function currentFacts<T>(original: T, corrections: readonly (T & { seq: number })[]): T {
  let latest: (T & { seq: number }) | null = null
  for (const c of corrections) if (latest === null || c.seq > latest.seq) latest = c
  return latest ?? original
}

/**
 * A patch sent by a steward laid over the fact as it stands: fields left out keep their value,
 * a field sent as null is cleared (where the fact allows none).
 */
export function patched<T extends object>(current: T, patch: { [K in keyof T]?: T[K] | undefined }): T {
  const out = { ...current }
  // Only the fact's own fields: a request's other fields (ids, the reason) are not part of it.
  for (const key of Object.keys(current) as (keyof T)[]) {
    const value = patch[key]
    if (value !== undefined) out[key] = value as T[keyof T]
  }
  return out
}

export interface CorrectionChange {
  field: string
  label: string
  from: string
  to: string
}

export const amountLabel = (amount: { grams: number | null; count: number | null }): string =>
  amount.grams !== null
    ? amount.grams >= 1000
      ? `${(amount.grams / 1000).toFixed(1)}公斤`
      : `${amount.grams}克`
    : amount.count !== null
      ? `${amount.count}个`
      : '未记数量'

const areaLabel = (dm2: number) => `${(dm2 / 100).toFixed(1)}平方米`
const orNone = (value: string | null, none: string) => (value === null || value === '' ? none : value)

function diff<T>(before: T, after: T, fields: readonly { field: string; label: string; show: (facts: T) => string }[]): CorrectionChange[] {
  return fields.flatMap((f) => {
    const from = f.show(before)
    const to = f.show(after)
    return from === to ? [] : [{ field: f.field, label: f.label, from, to }]
  })
}

export const bedChanges = (before: BedFacts, after: BedFacts): CorrectionChange[] =>
  diff(before, after, [
    { field: 'name', label: '名称', show: (b) => b.name },
    { field: 'areaDm2', label: '面积', show: (b) => areaLabel(b.areaDm2) },
    { field: 'positionLabel', label: '位置', show: (b) => b.positionLabel },
  ])

export const plantingChanges = (before: PlantingFacts, after: PlantingFacts, bedName: (id: string) => string): CorrectionChange[] =>
  diff(before, after, [
    { field: 'bedId', label: '菜畦', show: (p) => bedName(p.bedId) },
    { field: 'crop', label: '菜', show: (p) => p.crop },
    { field: 'sownOn', label: '播种日期', show: (p) => p.sownOn },
    { field: 'expectedHarvestOn', label: '预计采收', show: (p) => orNone(p.expectedHarvestOn, '没填') },
    { field: 'note', label: '备注', show: (p) => orNone(p.note, '没有') },
  ])

export const harvestChanges = (before: HarvestFacts, after: HarvestFacts, bedName: (id: string) => string): CorrectionChange[] =>
  diff(before, after, [
    { field: 'crop', label: '菜', show: (h) => h.crop },
    { field: 'amount', label: '数量', show: (h) => amountLabel(h) },
    { field: 'harvestedOn', label: '日期', show: (h) => h.harvestedOn },
    { field: 'bedId', label: '菜畦', show: (h) => (h.bedId === null ? '没填' : bedName(h.bedId)) },
  ])

/** The line shown under a corrected fact: "已更正（数量原为5.0公斤；原因：称错了）". */
export function correctionNote(correction: { changes: readonly CorrectionChange[]; reason: string }): string {
  const was = correction.changes.map((c) => `${c.label}原为${c.from}`).join('、')
  return `已更正（${was === '' ? '' : `${was}；`}原因：${correction.reason}）`
}

export function bedCorrectionRefusal(input: { current: BedFacts; proposed: BedFacts; otherBedNames: readonly string[] }): ErrorCode | null {
  if (bedChanges(input.current, input.proposed).length === 0) return 'garden_correction_no_change'
  if (input.proposed.name !== input.current.name && input.otherBedNames.includes(input.proposed.name)) return 'garden_bed_name_taken'
  return null
}

export function plantingCorrectionRefusal(input: { current: PlantingFacts; proposed: PlantingFacts }): ErrorCode | null {
  if (plantingChanges(input.current, input.proposed, (id) => id).length === 0) return 'garden_correction_no_change'
  if (input.proposed.expectedHarvestOn !== null && input.proposed.expectedHarvestOn < input.proposed.sownOn) return 'garden_planting_dates_invalid'
  return null
}

interface OrderedHarvest {
  id: string
  crop: string
  harvestedOn: string
  createdAt: Date
}

/** The 头茬 of every crop in every season the given harvests fall in. */
function firstsBySeason(harvests: readonly OrderedHarvest[]): Set<string> {
  const bySeason = new Map<string, OrderedHarvest[]>()
  for (const h of harvests) {
    const key = seasonOfDateKey(h.harvestedOn).key
    bySeason.set(key, [...(bySeason.get(key) ?? []), h])
  }
  const firsts = new Set<string>()
  for (const group of bySeason.values()) for (const id of firstHarvestIdsByCrop(group)) firsts.add(id)
  return firsts
}

/**
 * Why a correction of a harvest is refused, or null. Besides the limits of a new harvest (amount,
 * date), a correction must hold the rules already applied to the harvest:
 * - never below what was already handed out, and in the unit the shares were given in;
 * - no harvest that is a 头茬 now may stop being one. The order is the order of logging, which a
 *   correction cannot touch; but a changed crop or a date moved into another season moves a
 *   harvest between groups, and would let an earlier entry renamed to the crop take the first
 *   place, or the 头茬 itself leave its crop, and so free the real first harvest from elderly-first.
 *   (A harvest may become a 头茬 by a correction — that only adds to what the elderly are owed.)
 * - a 头茬 cannot be made smaller while elderly households still wait for it: logging it small,
 *   shrinking it after a share, and logging "the rest" as a later harvest would escape the rule.
 *   Once every elderly household has had some, it may be corrected down like any other.
 * `seasonHarvests` holds, as they stand now, every harvest of the village in the seasons of both
 * the current and the proposed date, this one included.
 */
export function harvestCorrectionRefusal(input: {
  harvestId: string
  current: HarvestFacts
  proposed: HarvestFacts
  seasonHarvests: readonly OrderedHarvest[]
  /** handed out so far, in the current unit */
  given: number
  shares: number
  /** elderly households that have had none of this harvest yet */
  elderlyWaiting: number
  today: string
}): ErrorCode | null {
  const { current, proposed } = input
  if (harvestChanges(current, proposed, (id) => id).length === 0) return 'garden_correction_no_change'
  if (!harvestAmountValid({ grams: proposed.grams ?? undefined, count: proposed.count ?? undefined })) return 'garden_harvest_weight_invalid'
  const dateRefusal = harvestDateRefusal(proposed.harvestedOn, input.today)
  if (dateRefusal) return dateRefusal
  if (input.shares > 0 && harvestUnit(proposed) !== harvestUnit(current)) return 'garden_correction_unit_locked'
  if (harvestTotal(proposed) < input.given) return 'garden_correction_below_shared'

  const before = firstsBySeason(input.seasonHarvests)
  const after = firstsBySeason(
    input.seasonHarvests.map((h) => (h.id === input.harvestId ? { ...h, crop: proposed.crop, harvestedOn: proposed.harvestedOn } : h)),
  )
  if ([...before].some((id) => !after.has(id))) return 'garden_correction_moves_first_harvest'
  if (before.has(input.harvestId) && input.elderlyWaiting > 0 && harvestTotal(proposed) < harvestTotal(current)) return 'garden_first_harvest_shrink'
  return null
}

export interface CorrectionMeta {
  seq: number
  createdAt: Date
  correctedBy: string
  reason: string
}

export interface CorrectionStep {
  seq: number
  createdAt: Date
  correctedBy: string
  reason: string
  changes: CorrectionChange[]
}

/**
 * A fact with its corrections, read in order: the fact as it stands and, for each correction,
 * what it changed from the one before (the first from the original).
 */
export function correctionChain<T>(
  original: T,
  corrections: readonly (T & CorrectionMeta)[],
  changesOf: (before: T, after: T) => CorrectionChange[],
): { current: T; history: CorrectionStep[] } {
  const ordered = [...corrections].sort((a, b) => a.seq - b.seq)
  let current = original
  const history: CorrectionStep[] = []
  for (const c of ordered) {
    history.push({ seq: c.seq, createdAt: c.createdAt, correctedBy: c.correctedBy, reason: c.reason, changes: changesOf(current, c) })
    current = c
  }
  return { current, history }
}
