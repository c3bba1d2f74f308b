import { formatYuan } from './format'

/* Piece-rate pay (计件付费): the rate in force on a day, pay lines and their arithmetic, in integer fen. */

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
    // A line a correction took back to nothing is no part of the arithmetic.
    line.byRate = sortRateLines([...rateLines.values()].filter((r) => r.acceptedPieces !== 0 || r.amountFen !== 0))
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
    a.operationId !== b.operationId
      ? a.operationId < b.operationId
        ? -1
        : 1
      : (a.rateFen ?? Number.MAX_SAFE_INTEGER) - (b.rateFen ?? Number.MAX_SAFE_INTEGER),
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
