import { formatKg } from './format'
import { DEFAULT_TOLERANCE_BP } from './limits'
import type { MovementKind } from './statuses'

/*
 * Material issued, returned and used (领料): the reconciliation a head and a household both check.
 * Material is weighed (net thread, in grams) or counted (sinkers, buttons, vents, in its unit):
 * every amount carries its unit, GRAMS or one of COUNT_UNITS, and amounts of different units
 * are never added together.
 */

/** The unit of weighed material: amounts are integer grams, shown as 千克. */
export const GRAMS = 'g'
/** Units of counted material. */
export const COUNT_UNITS = ['个', '只', '件', '根', '片', '套'] as const
export type CountUnit = (typeof COUNT_UNITS)[number]

/** What one piece of an operation uses: grams or a count in its unit; null when it uses no issued material. */
export function operationMaterial(op: { gramsPerPiece: number; countPerPiece?: number; countUnit?: string | null }): { unit: string; perPiece: number } | null {
  if (op.gramsPerPiece > 0) return { unit: GRAMS, perPiece: op.gramsPerPiece }
  if ((op.countPerPiece ?? 0) > 0 && op.countUnit) return { unit: op.countUnit, perPiece: op.countPerPiece ?? 0 }
  return null
}

/** The unit a movement is in: grams, or the count's unit. */
export function movementUnit(m: { grams: number | null; unit: string | null }): string {
  return m.grams !== null ? GRAMS : (m.unit ?? GRAMS)
}

/** 2500 g → "2.5 千克", 200 个 → "200 个". */
export function formatMaterial(amount: number, unit: string): string {
  return unit === GRAMS ? `${formatKg(amount)} 千克` : `${amount} ${unit}`
}

export interface MaterialMovement {
  workerId: string
  productId: string
  /** GRAMS or a count unit. */
  unit: string
  /** Positive amount issued, or returned (kind `return`), in `unit`. */
  amount: number
  kind: MovementKind
  expectedPieces: number
}

export interface MaterialUse {
  workerId: string
  productId: string
  /** The unit the operation's material is in (GRAMS or a count unit). */
  unit: string
  /** Material one piece uses, in `unit`; 0 for an operation that uses none. */
  perPiece: number
  accepted: number
  rejected: number
  rework: number
  reworkReturn: boolean
}

export interface MaterialBalance {
  workerId: string
  productId: string
  unit: string
  issued: number
  returned: number
  /** (accepted + rejected) × usage per piece. */
  used: number
  outstanding: number
  expectedPieces: number
  finishedPieces: number
  /** Material the household's remaining expected pieces would still use. */
  openWork: number
  /** Holds more material than its open work can use (beyond tolerance). */
  flagged: boolean
}

/**
 * Material reconciliation per household, product and unit:
 * issued − returned − used (accepted + rejected pieces × usage per piece) = outstanding.
 * Flags a household whose outstanding material exceeds what its open work can still use.
 */
export function reconcileMaterial(movements: readonly MaterialMovement[], uses: readonly MaterialUse[], toleranceBp = DEFAULT_TOLERANCE_BP): MaterialBalance[] {
  const balances = new Map<string, MaterialBalance & { perPiece: number }>()
  const balanceFor = (workerId: string, productId: string, unit: string) => {
    const key = `${workerId}|${productId}|${unit}`
    let balance = balances.get(key)
    if (!balance) {
      balance = {
        workerId,
        productId,
        unit,
        issued: 0,
        returned: 0,
        used: 0,
        outstanding: 0,
        expectedPieces: 0,
        finishedPieces: 0,
        openWork: 0,
        flagged: false,
        perPiece: 0,
      }
      balances.set(key, balance)
    }
    return balance
  }
  for (const m of movements) {
    const balance = balanceFor(m.workerId, m.productId, m.unit)
    if (m.kind === 'issue') {
      balance.issued += m.amount
      balance.expectedPieces += m.expectedPieces
    } else balance.returned += m.amount
  }
  for (const u of uses) {
    // An operation that uses no issued material has nothing to reconcile.
    if (u.perPiece <= 0) continue
    const balance = balanceFor(u.workerId, u.productId, u.unit)
    balance.used += (u.accepted + u.rejected) * u.perPiece
    balance.finishedPieces += u.accepted + u.rejected
    balance.perPiece = Math.max(balance.perPiece, u.perPiece)
  }
  const result: MaterialBalance[] = []
  for (const { perPiece: usedPerPiece, ...balance } of balances.values()) {
    balance.outstanding = balance.issued - balance.returned - balance.used
    const openPieces = Math.max(0, balance.expectedPieces - balance.finishedPieces)
    // Without a collection yet, the usage per piece is implied by the expected yield.
    const perPiece = usedPerPiece > 0 ? usedPerPiece : balance.expectedPieces > 0 ? Math.floor(balance.issued / balance.expectedPieces) : 0
    balance.openWork = openPieces * perPiece
    balance.flagged = balance.outstanding > withTolerance(balance.openWork, toleranceBp)
    result.push(balance)
  }
  result.sort((a, b) => {
    const ka = `${a.workerId}|${a.productId}|${a.unit}`
    const kb = `${b.workerId}|${b.productId}|${b.unit}`
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })
  return result
}

/** `amount` plus the tolerance, rounded up so a zero tolerance is exact. */
export function withTolerance(amount: number, toleranceBp: number): number {
  return amount + Math.ceil((amount * toleranceBp) / 10_000)
}

export interface MaterialOnHand {
  /** Material one piece uses, in the operation's unit. */
  perPiece: number
  /** Net material the household holds in that unit for the product: issued − returned. */
  netIssued: number
  /** Material already turned into pieces by earlier collections (first inspections × usage). */
  alreadyUsed: number
  toleranceBp: number
}

/** New pieces the household's material can still make, tolerance included; null when the operation uses none. */
export function materialCapacity(input: MaterialOnHand): number | null {
  if (input.perPiece <= 0) return null
  return Math.max(0, Math.floor((withTolerance(input.netIssued, input.toleranceBp) - input.alreadyUsed) / input.perPiece))
}

/**
 * What the collect screen says as soon as the household is chosen, before any count is typed,
 * when its material for this operation cannot make one more piece: the server would refuse.
 */
export function noMaterialWarning(input: MaterialOnHand & { householdName: string; materialName: string; operationName: string }): string | null {
  const capacity = materialCapacity(input)
  if (capacity === null || capacity > 0) return null
  if (input.netIssued <= 0) {
    return `${input.householdName}还没有领「${input.materialName}」，「${input.operationName}」的交货会被退回。请先发料，或换一户、换一道工序。`
  }
  return `${input.householdName}领的「${input.materialName}」已经用完了，「${input.operationName}」不能再交新件。请先发料，或换一户、换一道工序。`
}
