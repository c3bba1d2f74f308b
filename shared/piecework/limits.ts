import { dateKeySchema as dateSchema } from '../time'
import { z } from '../zod'

/* What a village workshop can mean: the bounds of counts, rates, money and periods, and their wire primitives. */

/** A calendar day `YYYY-MM-DD` (Beijing date as typed by the head); compared as text. */
export { dateSchema }
export { isRealDate } from '../time'

// What a village workshop can mean. Anything beyond is a slip of the finger (an extra zero or
// three), and before these bounds such a slip was stored, paid, and then made the period
// impossible to close. Together they bound what one pay line can reach (see maxLineFen).

/** Pieces one entry may record (accepted + rejected + rework): a day's work of a busy household. */
export const MAX_PIECES_PER_ENTRY = 10_000
/** Pieces one household may hand in on one day, all entries together (rework returns included). */
export const MAX_PIECES_PER_HOUSEHOLD_DAY = 10_000
/** The highest piece rate: 500 元 a piece (a hand-cast net pays about 20 元). */
export const MAX_RATE_FEN = 50_000
/** A new rate more than this many times the operation's usual one needs the head's confirmation. */
export const UNUSUAL_RATE_FACTOR = 2
/** An order of a village workshop: at most a million pieces, at most 10,000 元 a piece. */
export const MAX_ORDER_QUANTITY = 1_000_000
export const MAX_UNIT_PRICE_FEN = 1_000_000
/** A pay period is at most a year (some workshops settle once, at the year's end). */
export const MAX_PERIOD_DAYS = 366
/** One adjustment, and all of one household's adjustments in one period together: at most ±100,000 元. */
export const MAX_ADJUSTMENT_FEN = 10_000_000

/**
 * The most one household's line of one period can reach: every day of the longest period at the
 * daily piece limit and the highest rate, plus the largest adjustments. Stored in bigint columns
 * and summed in JS numbers, both far below their limits (checked in tests/shared/piecework).
 */
export function maxLineFen(): number {
  return MAX_PIECES_PER_HOUSEHOLD_DAY * MAX_PERIOD_DAYS * MAX_RATE_FEN + MAX_ADJUSTMENT_FEN
}

/** A piece count typed by the head: whole, never negative, bounded. */
export const pieceCountSchema = z
  .number({ message: '请填写数字' })
  .int({ message: '件数必须是整数' })
  .min(0, { message: '件数不能是负数' })
  .max(MAX_PIECES_PER_ENTRY, { message: `一次最多登记 ${MAX_PIECES_PER_ENTRY} 件，请核对件数` })

/** Money in integer fen (分). */
export const fenSchema = z.number().int({ message: '金额必须精确到分' }).min(0).max(100_000_000)
/** A piece rate in fen: at most MAX_RATE_FEN. */
export const rateFenSchema = z
  .number({ message: '请填写单价' })
  .int({ message: '单价必须精确到分' })
  .min(0, { message: '单价不能是负数' })
  .max(MAX_RATE_FEN, { message: `计件单价最高 ${MAX_RATE_FEN / 100} 元一件，请核对（是不是多打了零）` })
/** A signed amount in fen, for adjustments (advances repaid are negative, bonuses positive). */
export const signedFenSchema = z
  .number()
  .int({ message: '金额必须精确到分' })
  .min(-MAX_ADJUSTMENT_FEN, { message: '一笔调整最多 10 万元' })
  .max(MAX_ADJUSTMENT_FEN, { message: '一笔调整最多 10 万元' })
  .refine((value) => value !== 0, { message: '调整金额不能为 0' })
/** Material weight in integer grams (kilograms × 1000). */
export const gramsSchema = z.number().int({ message: '重量以克为单位，必须是整数' }).min(1).max(100_000_000)
/** Over-collection tolerance in basis points: 500 = 5 %. */
export const toleranceBpSchema = z.number().int().min(0).max(5000)

export const DEFAULT_TOLERANCE_BP = 500
