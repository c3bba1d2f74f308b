import { formatYuan } from './format'
import { daysBetween } from '../time'
import { MAX_ADJUSTMENT_FEN, MAX_PERIOD_DAYS, MAX_PIECES_PER_HOUSEHOLD_DAY, UNUSUAL_RATE_FACTOR } from './limits'
import type { CollectionLine, RateBook } from './pay'
import { rateOn } from './pay'

/* Limits the head cannot bend: orders and their tolerance, pieces a day, rates in force, periods that cover every day. */

/** Pieces an order may take at one operation: its quantity plus the head's tolerance, whole pieces only. */
export function orderCapacity(quantity: number, toleranceBp: number): number {
  return quantity + Math.floor((quantity * toleranceBp) / 10_000)
}

/**
 * How an inspection moves an order's count at its operation: accepted pieces fulfil the order and
 * pieces out for rework still may, so both count; a rework return only takes back the pieces it
 * finally rejects (its accepted and rework pieces were already counted when first sent back).
 */
export function orderCountDelta(c: Pick<CollectionLine, 'accepted' | 'rejected' | 'rework' | 'reworkReturn'>): number {
  return c.reworkReturn ? -c.rejected : c.accepted + c.rework
}

export interface OrderArithmetic {
  quantity: number
  /** Pieces counted against the order at this operation, this entry included. */
  counted: number
  /** Pieces beyond the order's quantity (0 when within it). */
  over: number
  /** The most the order takes with the tolerance. */
  capacity: number
  /** Beyond the tolerance: refused unless the head marks it 超出订单 with a reason. */
  beyondTolerance: boolean
  /** "订单10件，已交30件，超出20件" — the sum as the head reads it on the screen and in the refusal. */
  text: string
}

export function orderArithmetic(input: { quantity: number; countedBefore: number; adding: number; toleranceBp: number }): OrderArithmetic {
  const counted = input.countedBefore + input.adding
  const over = Math.max(0, counted - input.quantity)
  const capacity = orderCapacity(input.quantity, input.toleranceBp)
  const text =
    over > 0 ? `订单${input.quantity}件，已交${counted}件，超出${over}件` : `订单${input.quantity}件，已交${counted}件，还差${input.quantity - counted}件`
  return { quantity: input.quantity, counted, over, capacity, beyondTolerance: counted > capacity && input.adding > 0, text }
}

export type OrderRefusal =
  { code: 'piecework_over_order'; message: string; arithmetic: OrderArithmetic } | { code: 'piecework_over_order_reason_required'; message: string }

/**
 * Whether an entry keeps its order within quantity + tolerance. Beyond that it is refused with the
 * arithmetic, unless the head explicitly marks it 超出订单 and writes why.
 */
export function checkOrderLimit(input: {
  quantity: number
  countedBefore: number
  entry: Pick<CollectionLine, 'accepted' | 'rejected' | 'rework' | 'reworkReturn'> & { overOrder?: boolean; overOrderReason?: string | null | undefined }
  toleranceBp: number
}): OrderRefusal | null {
  const { entry } = input
  if (entry.overOrder && !entry.overOrderReason?.trim()) {
    return { code: 'piecework_over_order_reason_required', message: '选了「超出订单」，请写明为什么多收' }
  }
  const arithmetic = orderArithmetic({
    quantity: input.quantity,
    countedBefore: input.countedBefore,
    adding: orderCountDelta(entry),
    toleranceBp: input.toleranceBp,
  })
  if (!arithmetic.beyondTolerance || entry.overOrder) return null
  const allowance = arithmetic.capacity - arithmetic.quantity
  return {
    code: 'piecework_over_order',
    message: `${arithmetic.text}${allowance > 0 ? `（最多可多收${allowance}件）` : ''}。确实要多收，请选「超出订单」并写明原因`,
    arithmetic,
  }
}

/** A household hands in at most MAX_PIECES_PER_HOUSEHOLD_DAY pieces a day, all entries together. */
export function checkDailyPieces(input: { alreadyThatDay: number; entry: Pick<CollectionLine, 'accepted' | 'rejected' | 'rework'>; day: string }) {
  const adding = input.entry.accepted + input.entry.rejected + input.entry.rework
  if (input.alreadyThatDay + adding <= MAX_PIECES_PER_HOUSEHOLD_DAY) return null
  return {
    code: 'piecework_daily_limit' as const,
    message: `一户一天最多交 ${MAX_PIECES_PER_HOUSEHOLD_DAY} 件；这户 ${input.day} 已登记 ${input.alreadyThatDay} 件，这次 ${adding} 件，请核对件数`,
  }
}

/** Pieces are paid at the rate in force on their day; without one they cannot be recorded. */
export function checkRateInForce(rate: number | null, operationName: string, day: string) {
  if (rate !== null) return null
  return {
    code: 'piecework_no_rate' as const,
    message: `工序「${operationName}」在 ${day} 还没有计件单价，请先定好单价再登记交货`,
  }
}

/**
 * The operation's usual rate a new one is compared with: the rate in force on its day, or (for a
 * rate dated before every other) the earliest one.
 */
export function usualRate(book: RateBook, operationId: string, day: string): number | null {
  return rateOn(book, operationId, day) ?? book.byOperation.get(operationId)?.fen[0] ?? null
}

/** A rate far above the usual one is a slip until the head confirms it. */
export function checkUnusualRate(input: { rateFen: number; usualFen: number | null; confirmed: boolean }) {
  const { rateFen, usualFen } = input
  if (input.confirmed || usualFen === null || usualFen === 0 || rateFen <= usualFen * UNUSUAL_RATE_FACTOR) return null
  return {
    code: 'piecework_rate_unusual' as const,
    message: `新单价 ${formatYuan(rateFen)} 元是现在单价 ${formatYuan(usualFen)} 元的 ${Math.floor(rateFen / usualFen)} 倍多，请核对；确实无误，请勾选「确认单价」再提交`,
  }
}

type PeriodRange = { startsOn: string; endsOn: string }

/** The period a day belongs to: every accepted piece belongs to exactly one (periods never overlap). */
export function periodContaining<P extends PeriodRange>(periods: readonly P[], day: string): P | null {
  for (const period of periods) if (period.startsOn <= day && day <= period.endsOn) return period
  return null
}

/** Refusal for a collection dated on a day no pay period covers (it would be paid in no pay sheet). */
export function checkInPeriod(periods: readonly PeriodRange[], day: string) {
  if (periodContaining(periods, day)) return null
  return {
    code: 'piecework_no_period' as const,
    message: `${day} 不在任何工资周期里，这天交的件不会算进工资单。请先在「工资周期」里新建包含这一天的周期，再登记`,
  }
}

/** Days (with their accepted pieces) that lie in no period: shown to the head, and they block a close. */
export function uncoveredDays(days: readonly { day: string; accepted: number }[], periods: readonly PeriodRange[]): { day: string; accepted: number }[] {
  return days.filter((d) => !periodContaining(periods, d.day)).sort((a, b) => (a.day < b.day ? -1 : 1))
}

export function checkPeriodLength(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) return { code: 'piecework_bad_period' as const, message: '周期的结束日期不能早于开始日期' }
  const days = daysBetween(startsOn, endsOn) + 1
  if (days > MAX_PERIOD_DAYS) return { code: 'piecework_period_too_long' as const, message: `一个工资周期最长 ${MAX_PERIOD_DAYS} 天，这个周期有 ${days} 天` }
  return null
}

/**
 * What stops a period from closing: accepted pieces without a rate (they would be paid 0), and
 * accepted pieces on or before its last day that no period covers (they would be paid nowhere).
 */
export function closeBlocker(input: { unratedPieces: number; uncovered: readonly { day: string; accepted: number }[] }) {
  if (input.unratedPieces > 0) {
    return { code: 'piecework_unrated_pieces' as const, message: `本周期有 ${input.unratedPieces} 件合格件没有计件单价（待定价），请先定好单价再结账` }
  }
  const pieces = input.uncovered.reduce((sum, d) => sum + d.accepted, 0)
  const first = input.uncovered[0]
  if (first) {
    const days = input.uncovered.length
    return {
      code: 'piecework_period_gap' as const,
      message: `${first.day}${days > 1 ? ` 等 ${days} 天` : ''}交的 ${pieces} 件不在任何工资周期里，请先新建周期把这些日子包进去，再结账`,
    }
  }
  return null
}

/** The sum of one household's adjustments in a period stays within ±MAX_ADJUSTMENT_FEN. */
export function checkAdjustmentTotal(existingFen: number, amountFen: number) {
  if (Math.abs(existingFen + amountFen) <= MAX_ADJUSTMENT_FEN) return null
  return {
    code: 'piecework_adjustment_too_large' as const,
    message: `这户本周期的调整合计会变成 ${formatYuan(existingFen + amountFen)} 元，超过了 ±10 万元，请核对金额`,
  }
}

/** A workshop takes households of its own village and of the neighbouring villages it names. */
export function householdMayJoin(input: { workshopVillageId: string; neighbourVillageIds: readonly string[]; householdVillageId: string }): boolean {
  return input.householdVillageId === input.workshopVillageId || input.neighbourVillageIds.includes(input.householdVillageId)
}
