import { materialCapacity, withTolerance } from './material'
import type { CollectionLine } from './pay'
import { piecesMade } from './pay'
import type { PeriodStatus } from './statuses'

/* Finished pieces collected and inspected (交货、验收): what one entry may record, offline batches, income. */

export type CollectionRefusal =
  | { code: 'piecework_invalid_count'; message: string }
  | { code: 'piecework_reject_reason_required'; message: string }
  | { code: 'piecework_over_collection'; message: string; capacityPieces: number }
  | { code: 'piecework_rework_exceeds'; message: string; openRework: number }

export interface CollectionCheckInput {
  entry: Pick<CollectionLine, 'accepted' | 'rejected' | 'rework' | 'reworkReturn'> & { rejectReason?: string | null | undefined }
  /** Material one piece of the operation uses, in its unit (grams or a count); 0 for none. */
  perPiece: number
  /** Net material this household holds for the product in that unit: issued − returned. */
  netIssued: number
  /** Material already turned into pieces by earlier collections (first inspections × usage). */
  alreadyUsed: number
  /** Pieces of this operation still out for rework. */
  openReworkPieces: number
  toleranceBp: number
}

/**
 * Whether a collection may be recorded. Counts must be whole and non-negative; a rework return
 * cannot inspect more pieces than are out for rework; new pieces cannot exceed what the material
 * issued can make, plus the tolerance.
 */
export function checkCollection(input: CollectionCheckInput): CollectionRefusal | null {
  const { entry } = input
  for (const value of [entry.accepted, entry.rejected, entry.rework]) {
    if (!Number.isInteger(value) || value < 0) return { code: 'piecework_invalid_count', message: '件数必须是不小于 0 的整数' }
  }
  if (entry.accepted + entry.rejected + entry.rework === 0) {
    return { code: 'piecework_invalid_count', message: '请至少填写一件' }
  }
  if (entry.rejected > 0 && !entry.rejectReason?.trim()) {
    return { code: 'piecework_reject_reason_required', message: '有不合格的件，请写明原因' }
  }
  if (entry.reworkReturn) {
    const inspected = entry.accepted + entry.rejected + entry.rework
    if (inspected > input.openReworkPieces) {
      return {
        code: 'piecework_rework_exceeds',
        message: `待返工只有 ${input.openReworkPieces} 件，交回的返工件不能更多`,
        openRework: input.openReworkPieces,
      }
    }
    return null
  }
  if (input.perPiece <= 0) return null
  const allowed = withTolerance(input.netIssued, input.toleranceBp)
  const needed = input.alreadyUsed + piecesMade(entry) * input.perPiece
  if (needed > allowed) {
    const capacityPieces = materialCapacity(input) ?? 0
    return {
      code: 'piecework_over_collection',
      message: `所领材料最多还能做 ${capacityPieces} 件，交货数量超出了`,
      capacityPieces,
    }
  }
  return null
}

/** Result of one queued entry in a batch sync. */
export type BatchOutcome = 'ok' | 'duplicate' | 'error'

/**
 * The replay model of the batch sync, used by the property tests: entries already stored (by
 * client id) are duplicates, new ones are stored once, in order.
 */
export function applyBatch<T extends { clientId: string }>(
  stored: ReadonlyMap<string, T>,
  batch: readonly T[],
): { stored: Map<string, T>; outcomes: { clientId: string; outcome: BatchOutcome }[] } {
  const next = new Map(stored)
  const outcomes: { clientId: string; outcome: BatchOutcome }[] = []
  for (const entry of batch) {
    if (next.has(entry.clientId)) outcomes.push({ clientId: entry.clientId, outcome: 'duplicate' })
    else {
      next.set(entry.clientId, entry)
      outcomes.push({ clientId: entry.clientId, outcome: 'ok' })
    }
  }
  return { stored: next, outcomes }
}

export interface OrderForIncome {
  orderId: string
  quantity: number
  unitPriceFen: number
}

/**
 * Collective income (村集体增收) = revenue of accepted pieces delivered against orders (capped
 * at each order's quantity) − wages paid.
 */
export function collectiveIncome(
  orders: readonly OrderForIncome[],
  acceptedByOrder: ReadonlyMap<string, number>,
  wagesFen: number,
): { revenueFen: number; wagesFen: number; incomeFen: number } {
  let revenueFen = 0
  for (const order of orders) revenueFen += Math.min(order.quantity, acceptedByOrder.get(order.orderId) ?? 0) * order.unitPriceFen
  return { revenueFen, wagesFen, incomeFen: revenueFen - wagesFen }
}

/** Whether a day falls inside a closed period (nothing there may change any more). */
export function closedPeriodContaining(
  periods: readonly { id: string; startsOn: string; endsOn: string; status: PeriodStatus }[],
  day: string,
): { id: string; startsOn: string; endsOn: string } | null {
  for (const period of periods) if (period.status === 'closed' && period.startsOn <= day && day <= period.endsOn) return period
  return null
}

/** A new rate may not take effect on a day already paid out in a closed period. */
export function rateDateAllowed(effectiveFrom: string, periods: readonly { endsOn: string; status: PeriodStatus }[]): boolean {
  return periods.every((period) => period.status !== 'closed' || effectiveFrom > period.endsOn)
}

export function periodsOverlap(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn
}
