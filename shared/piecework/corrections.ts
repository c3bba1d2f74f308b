import { MAX_PIECES_PER_ENTRY, MAX_PIECES_PER_HOUSEHOLD_DAY } from './limits'
import { orderArithmetic, orderCountDelta } from './integrity'
import { withTolerance } from './material'
import { openRework, piecesMade } from './pay'

/*
 * Correcting a collection (更正 / 作废). A collection is never edited: the correction is a new
 * record linked to it holding the change (target − what stands now), so every sum over
 * collections — pay, material used, the order's count, rework still out — follows it at once and
 * the original stays as it was typed. Only in an open period: a closed one is corrected by an
 * adjustment in the next period.
 */

export interface Counts {
  accepted: number
  rejected: number
  rework: number
}

export type CorrectionRefusal = { code: CorrectionRefusalCode; message: string }
type CorrectionRefusalCode =
  | 'piecework_invalid_count'
  | 'piecework_reject_reason_required'
  | 'piecework_correction_unchanged'
  | 'piecework_correction_voided'
  | 'piecework_over_collection'
  | 'piecework_rework_exceeds'
  | 'piecework_over_order'
  | 'piecework_daily_limit'

export interface CorrectionInput {
  /** What the collection counts now: the original plus earlier corrections. */
  current: Counts & { reworkReturn: boolean }
  /** Void (作废): the counts go to zero. Otherwise `target` are the counts it should have had. */
  target: Counts | 'void'
  rejectReason: string | null
  /** The household's material for the operation; null when the operation uses none. */
  material: { perPiece: number; netIssued: number; alreadyUsed: number; toleranceBp: number } | null
  /** Rework of this household and operation still out, before the correction. */
  openReworkPieces: number
  order: { quantity: number; countedBefore: number; toleranceBp: number; overOrderAllowed: boolean }
  /** Pieces the household has on the collection's day, before the correction. */
  piecesThatDay: number
  day: string
}

/** The change a correction records (negative where it takes pieces away), or why it is refused. */
export function checkCorrection(input: CorrectionInput): { delta: Counts } | CorrectionRefusal {
  const { current } = input
  if (current.accepted + current.rejected + current.rework === 0) {
    return { code: 'piecework_correction_voided', message: '这条交货已经作废了，不能再改；如果确实交了，请重新登记一条' }
  }
  const target: Counts = input.target === 'void' ? { accepted: 0, rejected: 0, rework: 0 } : input.target
  for (const value of [target.accepted, target.rejected, target.rework]) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_PIECES_PER_ENTRY) return { code: 'piecework_invalid_count', message: '件数必须是不小于 0 的整数' }
  }
  if (input.target !== 'void' && target.accepted + target.rejected + target.rework === 0) {
    return { code: 'piecework_invalid_count', message: '改成 0 件就是作废，请选「作废这条」' }
  }
  if (target.accepted === current.accepted && target.rejected === current.rejected && target.rework === current.rework) {
    return { code: 'piecework_correction_unchanged', message: '件数和原来一样，没有要更正的' }
  }
  if (target.rejected > 0 && !input.rejectReason?.trim()) return { code: 'piecework_reject_reason_required', message: '有不合格的件，请写明原因' }
  const delta: Counts = { accepted: target.accepted - current.accepted, rejected: target.rejected - current.rejected, rework: target.rework - current.rework }
  const line = { ...delta, reworkReturn: current.reworkReturn }

  const moreMade = piecesMade(line)
  if (input.material && moreMade > 0) {
    const { perPiece, netIssued, alreadyUsed, toleranceBp } = input.material
    if (alreadyUsed + moreMade * perPiece > withTolerance(netIssued, toleranceBp)) {
      const capacity = Math.max(0, Math.floor((withTolerance(netIssued, toleranceBp) - alreadyUsed) / perPiece))
      return { code: 'piecework_over_collection', message: `所领材料最多还能多做 ${capacity} 件，改成这么多超出了` }
    }
  }
  const reworkAfter = input.openReworkPieces + openRework([line])
  if (reworkAfter < 0) {
    return {
      code: 'piecework_rework_exceeds',
      message: current.reworkReturn
        ? `待返工只有 ${input.openReworkPieces} 件，交回的返工件不能改得更多`
        : '这些返工件已经交回验过了，返工数不能改得比交回的少',
    }
  }
  const countedDelta = orderCountDelta(line)
  if (countedDelta > 0 && !input.order.overOrderAllowed) {
    const arithmetic = orderArithmetic({
      quantity: input.order.quantity,
      countedBefore: input.order.countedBefore,
      adding: countedDelta,
      toleranceBp: input.order.toleranceBp,
    })
    if (arithmetic.beyondTolerance) return { code: 'piecework_over_order', message: `${arithmetic.text}，更正后超出了订单` }
  }
  const dayDelta = delta.accepted + delta.rejected + delta.rework
  if (dayDelta > 0 && input.piecesThatDay + dayDelta > MAX_PIECES_PER_HOUSEHOLD_DAY) {
    return {
      code: 'piecework_daily_limit',
      message: `一户一天最多交 ${MAX_PIECES_PER_HOUSEHOLD_DAY} 件，更正后 ${input.day} 就有 ${input.piecesThatDay + dayDelta} 件了`,
    }
  }
  return { delta }
}

/** A collection's counts as they stand: the original plus every correction of it. */
export function effectiveCounts(original: Counts, corrections: readonly Counts[]): Counts {
  return corrections.reduce<Counts>((sum, c) => ({ accepted: sum.accepted + c.accepted, rejected: sum.rejected + c.rejected, rework: sum.rework + c.rework }), {
    accepted: original.accepted,
    rejected: original.rejected,
    rework: original.rework,
  })
}

/** "合格 6 → 5，不合格 0 → 1" — what a correction changed, for the list and the audit. */
export function correctionText(before: Counts, after: Counts): string {
  if (after.accepted + after.rejected + after.rework === 0) return '已作废'
  const parts: string[] = []
  if (before.accepted !== after.accepted) parts.push(`合格 ${before.accepted} → ${after.accepted}`)
  if (before.rejected !== after.rejected) parts.push(`不合格 ${before.rejected} → ${after.rejected}`)
  if (before.rework !== after.rework) parts.push(`返工 ${before.rework} → ${after.rework}`)
  return `已更正：${parts.join('，')}`
}
