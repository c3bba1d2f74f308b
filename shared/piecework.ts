import { z } from './zod'
import { shortText, uuidSchema } from './ids'
import { daysBetween, dateKeySchema as dateSchema } from './time'

// ───────────────────────────── primitives ─────────────────────────────

/** A calendar day `YYYY-MM-DD` (Beijing date as typed by the head); compared as text. */
export { dateSchema }
export { isRealDate } from './time'

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

// ───────────────────────────── pure rules ─────────────────────────────

export interface RateRow {
  operationId: string
  rateFen: number
  /** The rate applies to pieces collected on or after this day. */
  effectiveFrom: string
}

/** Rates grouped per operation, sorted by effective date, for fast lookup by collection day. */
export interface RateBook {
  byOperation: ReadonlyMap<string, { from: string[]; fen: number[] }>
}

export function buildRateBook(rates: readonly RateRow[]): RateBook {
  const grouped = new Map<string, RateRow[]>()
  for (const rate of rates) grouped.set(rate.operationId, [...(grouped.get(rate.operationId) ?? []), rate])
  const byOperation = new Map<string, { from: string[]; fen: number[] }>()
  for (const [operationId, list] of grouped) {
    list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0))
    byOperation.set(operationId, { from: list.map((r) => r.effectiveFrom), fen: list.map((r) => r.rateFen) })
  }
  return { byOperation }
}

/** The rate in force on `day`: the latest one effective on or before it; null before any rate. */
export function rateOn(book: RateBook, operationId: string, day: string): number | null {
  const entry = book.byOperation.get(operationId)
  if (!entry) return null
  let lo = 0
  let hi = entry.from.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const from = entry.from[mid] ?? ''
    if (from <= day) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found < 0 ? null : (entry.fen[found] ?? null)
}

/**
 * One inspection of pieces handed in. A piece is counted at exactly one stage per inspection:
 * accepted, rejected, or sent back for rework. Rework pieces come back later in a collection with
 * `reworkReturn` set, where they are inspected again (and only then possibly paid).
 */
export interface CollectionLine {
  workerId: string
  operationId: string
  orderId?: string
  collectedOn: string
  accepted: number
  rejected: number
  rework: number
  reworkReturn: boolean
}

export interface AdjustmentLine {
  workerId: string
  amountFen: number
}

export interface PayLine {
  workerId: string
  acceptedPieces: number
  rejectedPieces: number
  reworkPieces: number
  /** Accepted pieces × the rate in force on each collection day. */
  grossFen: number
  adjustmentsFen: number
  totalFen: number
  /** Pieces that had no rate on their day (paid 0 — shown so the head can fix the rate). */
  unratedPieces: number
  /** Distinct rates applied, for the pay sheet's rate column. */
  ratesFen: number[]
  /** Accepted pieces per operation and rate: the arithmetic of grossFen (rate null: 待定价, paid 0). */
  byRate: RateLine[]
}

/** "合格 120 件 × 0.20 元 = 24.00 元" for one operation at one rate. */
export interface RateLine {
  operationId: string
  rateFen: number | null
  acceptedPieces: number
  amountFen: number
}

export interface PayResult {
  lines: PayLine[]
  totalFen: number
  grossFen: number
  adjustmentsFen: number
}

/**
 * Pay for a set of collections: accepted pieces × the rate in force on the collection day, plus
 * the adjustments logged for the period. Rejected and rework pieces earn nothing at that stage.
 */
export function computePay(
  collections: readonly CollectionLine[],
  rates: RateBook | readonly RateRow[],
  adjustments: readonly AdjustmentLine[] = [],
): PayResult {
  const book = 'byOperation' in rates ? rates : buildRateBook(rates)
  const lines = new Map<string, PayLine & { rateSet: Set<number>; rateLines: Map<string, RateLine> }>()
  const lineFor = (workerId: string) => {
    let line = lines.get(workerId)
    if (!line) {
      line = {
        workerId,
        acceptedPieces: 0,
        rejectedPieces: 0,
        reworkPieces: 0,
        grossFen: 0,
        adjustmentsFen: 0,
        totalFen: 0,
        unratedPieces: 0,
        ratesFen: [],
        byRate: [],
        rateSet: new Set<number>(),
        rateLines: new Map<string, RateLine>(),
      }
      lines.set(workerId, line)
    }
    return line
  }
  // Rate lookups repeat for the same operation and day; memoise them for large periods.
  const memo = new Map<string, number | null>()
  for (const c of collections) {
    const line = lineFor(c.workerId)
    line.acceptedPieces += c.accepted
    line.rejectedPieces += c.rejected
    line.reworkPieces += c.rework
    if (c.accepted === 0) continue
    const key = `${c.operationId}|${c.collectedOn}`
    let rate = memo.get(key)
    if (rate === undefined) {
      rate = rateOn(book, c.operationId, c.collectedOn)
      memo.set(key, rate)
    }
    const rateKey = `${c.operationId}|${rate ?? ''}`
    const rateLine = line.rateLines.get(rateKey) ?? { operationId: c.operationId, rateFen: rate, acceptedPieces: 0, amountFen: 0 }
    rateLine.acceptedPieces += c.accepted
    line.rateLines.set(rateKey, rateLine)
    if (rate === null) {
      line.unratedPieces += c.accepted
      continue
    }
    rateLine.amountFen += c.accepted * rate
    line.grossFen += c.accepted * rate
    line.rateSet.add(rate)
  }
  for (const adjustment of adjustments) lineFor(adjustment.workerId).adjustmentsFen += adjustment.amountFen
  let totalFen = 0
  let grossFen = 0
  let adjustmentsFen = 0
  const result: PayLine[] = []
  for (const { rateSet, rateLines, ...line } of lines.values()) {
    line.totalFen = line.grossFen + line.adjustmentsFen
    line.ratesFen = [...rateSet].sort((a, b) => a - b)
    line.byRate = sortRateLines([...rateLines.values()])
    totalFen += line.totalFen
    grossFen += line.grossFen
    adjustmentsFen += line.adjustmentsFen
    result.push(line)
  }
  result.sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0))
  return { lines: result, totalFen, grossFen, adjustmentsFen }
}

/** Rate lines in a stable order: by operation, then rate (待定价 last). */
export function sortRateLines<T extends { operationId: string; rateFen: number | null }>(lines: T[]): T[] {
  return lines.sort((a, b) =>
    a.operationId !== b.operationId ? (a.operationId < b.operationId ? -1 : 1) : (a.rateFen ?? Number.MAX_SAFE_INTEGER) - (b.rateFen ?? Number.MAX_SAFE_INTEGER),
  )
}

/** The sum a worker checks: "合格 120 件 × 0.20 元 = 24.00 元" (or "合格 5 件 待定价" without a rate). */
export function rateLineText(line: Pick<RateLine, 'rateFen' | 'acceptedPieces' | 'amountFen'>): string {
  if (line.rateFen === null) return `合格 ${line.acceptedPieces} 件 待定价（还没有单价）`
  return `合格 ${line.acceptedPieces} 件 × ${formatYuan(line.rateFen)} 元 = ${formatYuan(line.amountFen)} 元`
}

/** Physical pieces a household has made from its material: first inspections only (rework returns are the same pieces again). */
export function piecesMade(c: Pick<CollectionLine, 'accepted' | 'rejected' | 'rework' | 'reworkReturn'>): number {
  return c.reworkReturn ? 0 : c.accepted + c.rejected + c.rework
}

/** Pieces still out for rework after these collections: sent back minus those inspected again. */
export function openRework(collections: readonly Pick<CollectionLine, 'accepted' | 'rejected' | 'rework' | 'reworkReturn'>[]): number {
  let open = 0
  for (const c of collections) open += c.reworkReturn ? -(c.accepted + c.rejected) : c.rework
  return open
}

export interface MaterialMovement {
  workerId: string
  productId: string
  /** Positive grams issued, or returned (kind `return`). */
  grams: number
  kind: 'issue' | 'return'
  expectedPieces: number
}

export interface MaterialUse {
  workerId: string
  productId: string
  gramsPerPiece: number
  accepted: number
  rejected: number
  rework: number
  reworkReturn: boolean
}

export interface MaterialBalance {
  workerId: string
  productId: string
  issuedGrams: number
  returnedGrams: number
  /** (accepted + rejected) × usage per piece. */
  usedGrams: number
  outstandingGrams: number
  expectedPieces: number
  finishedPieces: number
  /** Grams the household's remaining expected pieces would still use. */
  openWorkGrams: number
  /** Holds more material than its open work can use (beyond tolerance). */
  flagged: boolean
}

/**
 * Material reconciliation per household and product:
 * issued − returned − used (accepted + rejected pieces × usage per piece) = outstanding.
 * Flags a household whose outstanding material exceeds what its open work can still use.
 */
export function reconcileMaterial(
  movements: readonly MaterialMovement[],
  uses: readonly MaterialUse[],
  toleranceBp = DEFAULT_TOLERANCE_BP,
): MaterialBalance[] {
  const balances = new Map<string, MaterialBalance & { gramsPerPiece: number }>()
  const balanceFor = (workerId: string, productId: string) => {
    const key = `${workerId}|${productId}`
    let balance = balances.get(key)
    if (!balance) {
      balance = {
        workerId,
        productId,
        issuedGrams: 0,
        returnedGrams: 0,
        usedGrams: 0,
        outstandingGrams: 0,
        expectedPieces: 0,
        finishedPieces: 0,
        openWorkGrams: 0,
        flagged: false,
        gramsPerPiece: 0,
      }
      balances.set(key, balance)
    }
    return balance
  }
  for (const m of movements) {
    const balance = balanceFor(m.workerId, m.productId)
    if (m.kind === 'issue') {
      balance.issuedGrams += m.grams
      balance.expectedPieces += m.expectedPieces
    } else balance.returnedGrams += m.grams
  }
  for (const u of uses) {
    const balance = balanceFor(u.workerId, u.productId)
    balance.usedGrams += (u.accepted + u.rejected) * u.gramsPerPiece
    if (u.gramsPerPiece > 0) {
      balance.finishedPieces += u.accepted + u.rejected
      balance.gramsPerPiece = Math.max(balance.gramsPerPiece, u.gramsPerPiece)
    }
  }
  const result: MaterialBalance[] = []
  for (const { gramsPerPiece, ...balance } of balances.values()) {
    balance.outstandingGrams = balance.issuedGrams - balance.returnedGrams - balance.usedGrams
    const openPieces = Math.max(0, balance.expectedPieces - balance.finishedPieces)
    // Without a collection yet, the usage per piece is implied by the issue's expected yield.
    const perPiece = gramsPerPiece > 0 ? gramsPerPiece : balance.expectedPieces > 0 ? Math.floor(balance.issuedGrams / balance.expectedPieces) : 0
    balance.openWorkGrams = openPieces * perPiece
    balance.flagged = balance.outstandingGrams > withTolerance(balance.openWorkGrams, toleranceBp)
    result.push(balance)
  }
  result.sort((a, b) => (a.workerId + a.productId < b.workerId + b.productId ? -1 : 1))
  return result
}

/** `grams` plus the tolerance, rounded up so a zero tolerance is exact. */
export function withTolerance(grams: number, toleranceBp: number): number {
  return grams + Math.ceil((grams * toleranceBp) / 10_000)
}

export type CollectionRefusal =
  | { code: 'piecework_invalid_count'; message: string }
  | { code: 'piecework_reject_reason_required'; message: string }
  | { code: 'piecework_over_collection'; message: string; capacityPieces: number }
  | { code: 'piecework_rework_exceeds'; message: string; openRework: number }

export interface CollectionCheckInput {
  entry: Pick<CollectionLine, 'accepted' | 'rejected' | 'rework' | 'reworkReturn'> & { rejectReason?: string | null | undefined }
  gramsPerPiece: number
  /** Net material this household holds for the product: issued − returned. */
  netIssuedGrams: number
  /** Grams already turned into pieces by earlier collections (first inspections × usage). */
  madeGrams: number
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
  if (input.gramsPerPiece <= 0) return null
  const allowed = withTolerance(input.netIssuedGrams, input.toleranceBp)
  const needed = input.madeGrams + piecesMade(entry) * input.gramsPerPiece
  if (needed > allowed) {
    const capacityPieces = Math.max(0, Math.floor((allowed - input.madeGrams) / input.gramsPerPiece))
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
  periods: readonly { id: string; startsOn: string; endsOn: string; status: 'open' | 'closed' }[],
  day: string,
): { id: string; startsOn: string; endsOn: string } | null {
  for (const period of periods) if (period.status === 'closed' && period.startsOn <= day && day <= period.endsOn) return period
  return null
}

/** A new rate may not take effect on a day already paid out in a closed period. */
export function rateDateAllowed(effectiveFrom: string, periods: readonly { endsOn: string; status: 'open' | 'closed' }[]): boolean {
  return periods.every((period) => period.status !== 'closed' || effectiveFrom > period.endsOn)
}

export function periodsOverlap(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn
}

// ───────────────────────────── integrity rules: limits the head cannot bend ─────────────────────────────

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
  const text = over > 0 ? `订单${input.quantity}件，已交${counted}件，超出${over}件` : `订单${input.quantity}件，已交${counted}件，还差${input.quantity - counted}件`
  return { quantity: input.quantity, counted, over, capacity, beyondTolerance: counted > capacity && input.adding > 0, text }
}

export type OrderRefusal =
  | { code: 'piecework_over_order'; message: string; arithmetic: OrderArithmetic }
  | { code: 'piecework_over_order_reason_required'; message: string }

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
  const arithmetic = orderArithmetic({ quantity: input.quantity, countedBefore: input.countedBefore, adding: orderCountDelta(entry), toleranceBp: input.toleranceBp })
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

// ───────────────────────────── a real workshop (closing early, paging, search) ─────────────────────────────

/**
 * The last day a period covers once closed on `today` (Beijing). Closing before the planned end
 * ends it on the close date, so the days after stay open for the next period instead of being
 * locked in a closed one where no collection and no period could go. Pieces already recorded
 * for a later day (a phone a day ahead) keep the period to that day, so none is stranded.
 * A period that has not begun cannot be closed: it has nothing to pay yet.
 */
export function closingEndsOn(input: { startsOn: string; endsOn: string; today: string; lastCollectionDay: string | null }):
  | { endsOn: string; early: boolean }
  | { code: 'piecework_period_not_started'; message: string } {
  const { startsOn, endsOn, today, lastCollectionDay } = input
  if (today < startsOn && (lastCollectionDay === null || lastCollectionDay < startsOn)) {
    return { code: 'piecework_period_not_started', message: `这个周期 ${startsOn} 才开始，还没有可结的账；不用的周期不必结账` }
  }
  if (endsOn <= today) return { endsOn, early: false }
  let last = today < startsOn ? startsOn : today
  if (lastCollectionDay !== null && lastCollectionDay > last) last = lastCollectionDay
  if (last >= endsOn) return { endsOn, early: false }
  return { endsOn: last, early: true }
}

/** What the head reads before closing: the period ends today, not on its planned day. */
export function earlyCloseNotice(period: { name: string; endsOn: string }, today: string): string | null {
  if (today >= period.endsOn) return null
  return `今天（${today}）结账，「${period.name}」就结算到今天为止；原定 ${period.endsOn} 之前的其余日子不算在这一期，请为它们新建下一期。`
}

/** Collections lists are read page by page; a page holds at most this many rows. */
export const MAX_PAGE_SIZE = 200
export const DEFAULT_PAGE_SIZE = 100

/** Where the next page of collections starts (newest day first, then by id): encoded opaquely by the server. */
export const collectionCursorSchema = z.object({ day: dateSchema, id: uuidSchema })
export type CollectionCursor = z.infer<typeof collectionCursorSchema>

/** A name typed to search households: trimmed, 1–20 characters. */
export const householdSearchQuery = z.object({
  workshopId: uuidSchema,
  q: z.string().trim().min(1, { message: '请输入要找的姓名' }).max(20, { message: '姓名最多 20 个字' }),
})

/** `%` and `_` typed by the head are letters, not LIKE wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** 12345 fen → "123.45". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** 2500 g → "2.5". */
export function formatKg(grams: number): string {
  const sign = grams < 0 ? '-' : ''
  const abs = Math.abs(grams)
  const kg = Math.floor(abs / 1000)
  const rest = abs % 1000
  return rest === 0 ? `${sign}${kg}` : `${sign}${kg}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`
}

// ───────────────────────────── API schemas ─────────────────────────────

export const workshopQuery = z.object({ workshopId: uuidSchema })
export const periodQuery = z.object({ periodId: uuidSchema })
export const statementQuery = z.object({ workshopId: uuidSchema, workerId: uuidSchema.optional() })

export const createWorkshopInput = z.object({
  villageId: uuidSchema,
  name: shortText(40),
  toleranceBp: toleranceBpSchema.default(DEFAULT_TOLERANCE_BP),
  /** How far collections may exceed an order without the head's explicit 超出订单. */
  orderToleranceBp: toleranceBpSchema.default(DEFAULT_TOLERANCE_BP),
  /** The neighbouring villages whose households may work here (besides the workshop's own). */
  neighbourVillageIds: z.array(uuidSchema).max(20).default([]),
})

export const addWorkerInput = z.object({
  workshopId: uuidSchema,
  householdId: uuidSchema,
})

export const operationInput = z.object({
  name: shortText(30),
  gramsPerPiece: z.number().int().min(0).max(1_000_000),
  rateFen: rateFenSchema,
})

export const createProductInput = z.object({
  workshopId: uuidSchema,
  name: shortText(40),
  materialName: shortText(30),
  effectiveFrom: dateSchema,
  operations: z.array(operationInput).min(1).max(10),
})

export const createRateInput = z.object({
  operationId: uuidSchema,
  rateFen: rateFenSchema,
  effectiveFrom: dateSchema,
  /** The head confirms a rate far above the operation's usual one (UNUSUAL_RATE_FACTOR). */
  confirmUnusualRate: z.boolean().default(false),
})

export const createOrderInput = z.object({
  workshopId: uuidSchema,
  customer: shortText(60),
  productId: uuidSchema,
  quantity: z
    .number()
    .int()
    .min(1)
    .max(MAX_ORDER_QUANTITY, { message: `一张订单最多 ${MAX_ORDER_QUANTITY} 件，请核对数量` }),
  dueOn: dateSchema,
  unitPriceFen: fenSchema.max(MAX_UNIT_PRICE_FEN, { message: `单价最高 ${MAX_UNIT_PRICE_FEN / 100} 元一件，请核对` }),
})

export const issueMaterialInput = z.object({
  workshopId: uuidSchema,
  orderId: uuidSchema,
  workerId: uuidSchema,
  kind: z.enum(['issue', 'return']).default('issue'),
  grams: gramsSchema,
  expectedPieces: pieceCountSchema.default(0),
  movedOn: dateSchema,
})

export const collectionEntryInput = z.object({
  clientId: uuidSchema,
  workerId: uuidSchema,
  orderId: uuidSchema,
  operationId: uuidSchema,
  collectedOn: dateSchema,
  accepted: pieceCountSchema,
  rejected: pieceCountSchema,
  rework: pieceCountSchema.default(0),
  rejectReason: z.string().trim().max(100).optional(),
  reworkReturn: z.boolean().default(false),
  /** The head's explicit 超出订单: accept pieces beyond the order's tolerance, with a reason. */
  overOrder: z.boolean().default(false),
  overOrderReason: z.string().trim().max(100).optional(),
})
export type CollectionEntryInput = z.input<typeof collectionEntryInput>

export const createCollectionInput = collectionEntryInput.extend({ workshopId: uuidSchema })

/** Entries are parsed one by one so a bad entry fails alone instead of the whole offline queue. */
export const syncCollectionsInput = z.object({
  workshopId: uuidSchema,
  entries: z.array(z.record(z.string(), z.unknown())).min(1).max(200),
})

export const createPeriodInput = z.object({
  workshopId: uuidSchema,
  name: shortText(30),
  startsOn: dateSchema,
  endsOn: dateSchema,
})
export const closePeriodInput = z.object({ periodId: uuidSchema })

export const createAdjustmentInput = z.object({
  periodId: uuidSchema,
  workerId: uuidSchema,
  amountFen: signedFenSchema,
  reason: shortText(100),
})

// Outputs

export const workerSchema = z.object({
  id: uuidSchema,
  householdId: uuidSchema,
  name: z.string(),
  villageName: z.string(),
  /** From a neighbouring village (workshop membership is separate from village residence). */
  fromOtherVillage: z.boolean(),
})
export type Worker = z.infer<typeof workerSchema>

export const operationSchema = z.object({
  id: uuidSchema,
  productId: uuidSchema,
  name: z.string(),
  gramsPerPiece: z.number().int(),
  currentRateFen: z.number().int().nullable(),
  rates: z.array(z.object({ id: uuidSchema, rateFen: z.number().int(), effectiveFrom: z.string() })),
})
export const productSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  materialName: z.string(),
  operations: z.array(operationSchema),
})
export type Product = z.infer<typeof productSchema>

export const orderSchema = z.object({
  id: uuidSchema,
  customer: z.string(),
  productId: uuidSchema,
  productName: z.string(),
  quantity: z.number().int(),
  dueOn: z.string(),
  unitPriceFen: z.number().int(),
  acceptedPieces: z.number().int(),
  issuedGrams: z.number().int(),
  /** Pieces counted against the order per operation (orderCountDelta), for the collect screen's arithmetic. */
  countedByOperation: z.array(z.object({ operationId: uuidSchema, counted: z.number().int() })),
})
export type Order = z.infer<typeof orderSchema>

export const periodSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  totalFen: z.number().int().nullable(),
})
export type Period = z.infer<typeof periodSchema>

export const workshopSummarySchema = z.object({
  id: uuidSchema,
  villageId: uuidSchema,
  villageName: z.string(),
  name: z.string(),
  toleranceBp: z.number().int(),
  orderToleranceBp: z.number().int(),
  isHead: z.boolean(),
  /** The session's own worker record in this workshop, if any. */
  myWorkerId: uuidSchema.nullable(),
})
export const workshopListResponse = z.object({ workshops: z.array(workshopSummarySchema) })
export type WorkshopSummary = z.infer<typeof workshopSummarySchema>

export const workshopDetailResponse = z.object({
  workshop: workshopSummarySchema,
  products: z.array(productSchema),
  workers: z.array(workerSchema),
  orders: z.array(orderSchema),
  periods: z.array(periodSchema),
  neighbourVillages: z.array(z.object({ id: uuidSchema, name: z.string() })),
  /** Days with accepted pieces that no pay period covers (paid nowhere until a period includes them). */
  uncoveredDays: z.array(z.object({ day: z.string(), accepted: z.number().int() })),
})
export type WorkshopDetail = z.infer<typeof workshopDetailResponse>

export const idResponse = z.object({ id: uuidSchema })

export const collectionSchema = z.object({
  id: uuidSchema,
  clientId: uuidSchema,
  workerId: uuidSchema,
  orderId: uuidSchema,
  operationId: uuidSchema,
  collectedOn: z.string(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  rework: z.number().int(),
  rejectReason: z.string().nullable(),
  reworkReturn: z.boolean(),
  overOrderReason: z.string().nullable(),
})
export type Collection = z.infer<typeof collectionSchema>

export const createCollectionResponse = z.object({
  outcome: z.enum(['ok', 'duplicate']),
  collection: collectionSchema,
})

export const syncResultSchema = z.object({
  clientId: z.string(),
  outcome: z.enum(['ok', 'duplicate', 'error']),
  code: z.string().optional(),
  message: z.string().optional(),
  collectionId: uuidSchema.optional(),
})
export const syncCollectionsResponse = z.object({ results: z.array(syncResultSchema) })
export type SyncResult = z.infer<typeof syncResultSchema>

export const collectionListQuery = z.object({
  workshopId: uuidSchema,
  from: dateSchema,
  to: dateSchema,
  /** From the previous page's nextCursor; absent for the first page. */
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, { message: `一页最多 ${MAX_PAGE_SIZE} 条` }).default(DEFAULT_PAGE_SIZE),
})
export const collectionListResponse = z.object({
  collections: z.array(collectionSchema),
  /** Pass it back as `cursor` for the next page; null when this page is the last. */
  nextCursor: z.string().nullable(),
})
export type CollectionPage = z.infer<typeof collectionListResponse>

export const rateLineSchema = z.object({
  operationId: uuidSchema,
  operationName: z.string(),
  productName: z.string(),
  /** null: no rate in force on those days (待定价), paid 0 until priced. */
  rateFen: z.number().int().nullable(),
  acceptedPieces: z.number().int(),
  amountFen: z.number().int(),
})
export type RateLineOut = z.infer<typeof rateLineSchema>

export const payLineSchema = z.object({
  workerId: uuidSchema,
  workerName: z.string(),
  villageName: z.string(),
  acceptedPieces: z.number().int(),
  rejectedPieces: z.number().int(),
  reworkPieces: z.number().int(),
  ratesFen: z.array(z.number().int()),
  grossFen: z.number().int(),
  adjustmentsFen: z.number().int(),
  totalFen: z.number().int(),
  /** Accepted pieces without a rate on their day (待定价): the period cannot close until priced. */
  unratedPieces: z.number().int(),
  /** Accepted pieces per operation and rate; their amounts sum to grossFen. */
  byRate: z.array(rateLineSchema),
})
export type PaySheetLine = z.infer<typeof payLineSchema>

export const paySheetResponse = z.object({
  period: periodSchema,
  workshopName: z.string(),
  lines: z.array(payLineSchema),
  grossFen: z.number().int(),
  adjustmentsFen: z.number().int(),
  totalFen: z.number().int(),
  unratedPieces: z.number().int(),
  /** Closed periods answer from the snapshot taken at closing. */
  locked: z.boolean(),
})
export type PaySheet = z.infer<typeof paySheetResponse>

export const statementResponse = z.object({
  worker: workerSchema,
  workshopName: z.string(),
  todayFen: z.number().int(),
  periodFen: z.number().int(),
  yearFen: z.number().int(),
  currentPeriod: periodSchema.nullable(),
  material: z.array(
    z.object({
      productName: z.string(),
      materialName: z.string(),
      issuedGrams: z.number().int(),
      returnedGrams: z.number().int(),
      usedGrams: z.number().int(),
      outstandingGrams: z.number().int(),
    }),
  ),
  days: z.array(
    z.object({
      day: z.string(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      rework: z.number().int(),
      earnedFen: z.number().int(),
    }),
  ),
  adjustments: z.array(z.object({ periodName: z.string(), amountFen: z.number().int(), reason: z.string() })),
  /** Every period of the workshop the household has pay in, newest first, each with its arithmetic. */
  periods: z.array(
    z.object({
      period: periodSchema,
      /** Closed: what was paid (the closing snapshot). Open: what the pieces so far come to. */
      paid: z.boolean(),
      acceptedPieces: z.number().int(),
      rejectedPieces: z.number().int(),
      reworkPieces: z.number().int(),
      unratedPieces: z.number().int(),
      byRate: z.array(rateLineSchema),
      adjustments: z.array(z.object({ amountFen: z.number().int(), reason: z.string() })),
      grossFen: z.number().int(),
      adjustmentsFen: z.number().int(),
      totalFen: z.number().int(),
    }),
  ),
})
export type Statement = z.infer<typeof statementResponse>
export type StatementPeriod = Statement['periods'][number]

export const householdSearchResponse = z.object({
  households: z.array(
    z.object({
      householdId: uuidSchema,
      /** The household's label as the village keeps it (e.g. 三组 王秀英户). */
      label: z.string(),
      headName: z.string().nullable(),
      villageId: uuidSchema,
      villageName: z.string(),
      fromOtherVillage: z.boolean(),
      /** Already a worker of this workshop (adding again is refused). */
      alreadyWorker: z.boolean(),
    }),
  ),
  /** More households matched than shown: type more of the name. */
  more: z.boolean(),
})
export type HouseholdSearchResult = z.infer<typeof householdSearchResponse>['households'][number]

export const dashboardResponse = z.object({
  workshopName: z.string(),
  orders: z.array(orderSchema),
  outputPerDay: z.array(z.object({ day: z.string(), accepted: z.number().int(), rejected: z.number().int() })),
  material: z.array(
    z.object({
      workerId: uuidSchema,
      workerName: z.string(),
      productName: z.string(),
      issuedGrams: z.number().int(),
      returnedGrams: z.number().int(),
      usedGrams: z.number().int(),
      outstandingGrams: z.number().int(),
      openWorkGrams: z.number().int(),
      flagged: z.boolean(),
    }),
  ),
  payPerPeriod: z.array(z.object({ periodId: uuidSchema, name: z.string(), status: z.enum(['open', 'closed']), totalFen: z.number().int() })),
  income: z.object({ revenueFen: z.number().int(), wagesFen: z.number().int(), incomeFen: z.number().int() }),
})
export type Dashboard = z.infer<typeof dashboardResponse>
