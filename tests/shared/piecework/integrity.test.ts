import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_ADJUSTMENT_FEN,
  MAX_PERIOD_DAYS,
  MAX_PIECES_PER_ENTRY,
  MAX_PIECES_PER_HOUSEHOLD_DAY,
  MAX_RATE_FEN,
  buildRateBook,
  checkAdjustmentTotal,
  checkDailyPieces,
  checkInPeriod,
  checkOrderLimit,
  checkPeriodLength,
  checkRateInForce,
  checkUnusualRate,
  closeBlocker,
  computePay,
  householdMayJoin,
  maxLineFen,
  orderArithmetic,
  orderCapacity,
  orderCountDelta,
  pieceCountSchema,
  rateFenSchema,
  uncoveredDays,
  usualRate,
  type CollectionLine,
} from '../../../shared/piecework'
import { addDays } from '../../../shared/time'

const first = (counts: Partial<CollectionLine>) => ({ accepted: 0, rejected: 0, rework: 0, reworkReturn: false, ...counts })

describe('order limit (item 10)', () => {
  it('shows the sum as the head reads it', () => {
    expect(orderArithmetic({ quantity: 10, countedBefore: 0, adding: 30, toleranceBp: 500 }).text).toBe('订单10件，已交30件，超出20件')
    expect(orderArithmetic({ quantity: 10, countedBefore: 4, adding: 3, toleranceBp: 500 }).text).toBe('订单10件，已交7件，还差3件')
  })

  it.each([
    [10, 500, 10],
    [100, 500, 105],
    [1500, 500, 1575],
    [1500, 0, 1500],
    [19, 500, 19],
    [20, 500, 21],
  ])('an order of %i with %i bp takes at most %i pieces', (quantity, bp, capacity) => {
    expect(orderCapacity(quantity, bp)).toBe(capacity)
  })

  it('refuses beyond the tolerance, unless marked 超出订单 with a reason', () => {
    const base = { quantity: 10, countedBefore: 0, toleranceBp: 500 }
    expect(checkOrderLimit({ ...base, entry: first({ accepted: 10 }) })).toBeNull()
    expect(checkOrderLimit({ ...base, entry: first({ accepted: 30 }) })?.code).toBe('piecework_over_order')
    expect(checkOrderLimit({ ...base, entry: { ...first({ accepted: 30 }), overOrder: true } })?.code).toBe('piecework_over_order_reason_required')
    expect(checkOrderLimit({ ...base, entry: { ...first({ accepted: 30 }), overOrder: true, overOrderReason: '客户追加' } })).toBeNull()
  })

  it('a rework return never pushes an order over (it only gives back what it finally rejects)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), (accepted, rejected, rework) => {
        const delta = orderCountDelta({ accepted, rejected, rework, reworkReturn: true })
        expect(delta).toBeLessThanOrEqual(0)
        expect(
          checkOrderLimit({ quantity: 1, countedBefore: 100, toleranceBp: 0, entry: first({ accepted, rejected, rework, reworkReturn: true }) }),
        ).toBeNull()
      }),
    )
  })

  it('entries accepted one after another never take an order beyond its capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 5000 }), fc.array(fc.nat(80), { maxLength: 40 }), (quantity, bp, batch) => {
        let counted = 0
        for (const accepted of batch) {
          const entry = first({ accepted })
          if (!checkOrderLimit({ quantity, countedBefore: counted, toleranceBp: bp, entry })) counted += orderCountDelta(entry)
        }
        expect(counted).toBeLessThanOrEqual(orderCapacity(quantity, bp))
      }),
    )
  })
})

describe('bounds (item 11)', () => {
  it('refuse absurd rates and counts at the schema', () => {
    expect(rateFenSchema.safeParse(100_000_000).success).toBe(false)
    expect(rateFenSchema.safeParse(MAX_RATE_FEN).success).toBe(true)
    expect(pieceCountSchema.safeParse(100_000).success).toBe(false)
    expect(pieceCountSchema.safeParse(MAX_PIECES_PER_ENTRY).success).toBe(true)
  })

  it('keep the largest pay line exact in JS numbers and far inside bigint', () => {
    expect(maxLineFen()).toBe(MAX_PIECES_PER_HOUSEHOLD_DAY * MAX_PERIOD_DAYS * MAX_RATE_FEN + MAX_ADJUSTMENT_FEN)
    // Even ten thousand households at the limit stay exact when the pay sheet adds them up.
    expect(Number.isSafeInteger(maxLineFen() * 10_000)).toBe(true)
    expect(BigInt(maxLineFen()) * 10_000n < 2n ** 63n).toBe(true)
  })

  it('any period within the bounds computes an exact pay line (property)', () => {
    const rateBook = buildRateBook([{ operationId: 'op', rateFen: MAX_RATE_FEN, effectiveFrom: '2026-01-01' }])
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: MAX_PIECES_PER_HOUSEHOLD_DAY }), { minLength: 1, maxLength: MAX_PERIOD_DAYS }), (perDay) => {
        const lines = perDay.map((accepted, day) => ({ workerId: 'w', operationId: 'op', collectedOn: addDays('2026-01-01', day), ...first({ accepted }) }))
        const pay = computePay(lines, rateBook, [{ workerId: 'w', amountFen: MAX_ADJUSTMENT_FEN }])
        const exact = perDay.reduce((sum, n) => sum + BigInt(n) * BigInt(MAX_RATE_FEN), 0n) + BigInt(MAX_ADJUSTMENT_FEN)
        expect(BigInt(pay.totalFen)).toBe(exact)
        expect(pay.totalFen).toBeLessThanOrEqual(maxLineFen())
      }),
      { numRuns: 200 },
    )
  })

  it('a household’s pieces a day and adjustments a period are capped', () => {
    expect(checkDailyPieces({ alreadyThatDay: 6000, entry: first({ accepted: 4000 }), day: '2026-05-01' })).toBeNull()
    expect(checkDailyPieces({ alreadyThatDay: 6000, entry: first({ accepted: 4001 }), day: '2026-05-01' })?.message).toMatch(/已登记 6000 件，这次 4001 件/)
    expect(checkAdjustmentTotal(MAX_ADJUSTMENT_FEN, -1)).toBeNull()
    expect(checkAdjustmentTotal(MAX_ADJUSTMENT_FEN, 1)?.code).toBe('piecework_adjustment_too_large')
    expect(checkAdjustmentTotal(-MAX_ADJUSTMENT_FEN, -1)?.code).toBe('piecework_adjustment_too_large')
  })

  it('a rate more than twice the usual one needs confirming', () => {
    const book = buildRateBook([{ operationId: 'op', rateFen: 2000, effectiveFrom: '2026-03-01' }])
    expect(usualRate(book, 'op', '2026-02-01')).toBe(2000)
    expect(usualRate(book, 'other', '2026-02-01')).toBeNull()
    expect(checkUnusualRate({ rateFen: 4000, usualFen: 2000, confirmed: false })).toBeNull()
    expect(checkUnusualRate({ rateFen: 4001, usualFen: 2000, confirmed: false })?.message).toMatch(/40\.01 元.*20\.00 元/)
    expect(checkUnusualRate({ rateFen: 40_000, usualFen: 2000, confirmed: true })).toBeNull()
    expect(checkUnusualRate({ rateFen: 40_000, usualFen: null, confirmed: false })).toBeNull()
  })

  it.each([
    ['2026-01-01', '2026-12-31', null],
    ['2028-01-01', '2028-12-31', null],
    ['2026-01-01', '2027-01-01', null],
    ['2026-01-01', '2027-01-02', 'piecework_period_too_long'],
    ['2026-02-01', '2026-01-31', 'piecework_bad_period'],
  ])('a period %s to %s: %s', (startsOn, endsOn, code) => {
    expect(checkPeriodLength(startsOn, endsOn)?.code ?? null).toBe(code)
  })
})

describe('rates in force (item 12)', () => {
  it('pieces without a rate are refused, and block the close', () => {
    expect(checkRateInForce(null, '织网', '2026-05-01')?.message).toBe('工序「织网」在 2026-05-01 还没有计件单价，请先定好单价再登记交货')
    expect(checkRateInForce(0, '织网', '2026-05-01')).toBeNull()
    expect(closeBlocker({ unratedPieces: 3, uncovered: [] })?.code).toBe('piecework_unrated_pieces')
  })
})

describe('period coverage (item 13)', () => {
  const periods = [
    { startsOn: '2026-03-01', endsOn: '2026-03-15' },
    { startsOn: '2026-03-20', endsOn: '2026-03-31' },
  ]

  it('a day in no period is refused', () => {
    expect(checkInPeriod(periods, '2026-03-15')).toBeNull()
    expect(checkInPeriod(periods, '2026-03-17')?.code).toBe('piecework_no_period')
    expect(checkInPeriod([], '2026-03-17')?.message).toMatch(/新建包含这一天的周期/)
  })

  it('days in the gap are listed and block the close', () => {
    const gaps = uncoveredDays(
      [
        { day: '2026-03-18', accepted: 4 },
        { day: '2026-03-02', accepted: 9 },
        { day: '2026-03-16', accepted: 1 },
      ],
      periods,
    )
    expect(gaps).toEqual([
      { day: '2026-03-16', accepted: 1 },
      { day: '2026-03-18', accepted: 4 },
    ])
    expect(closeBlocker({ unratedPieces: 0, uncovered: gaps })?.message).toBe(
      '2026-03-16 等 2 天交的 5 件不在任何工资周期里，请先新建周期把这些日子包进去，再结账',
    )
    expect(closeBlocker({ unratedPieces: 0, uncovered: [] })).toBeNull()
  })

  it('every piece an API accepts lies in exactly one period, so the sheets add up to the year (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }), (offsets) => {
        const days = offsets.map((o) => addDays('2026-02-25', o))
        const accepted = days.filter((d) => !checkInPeriod(periods, d))
        for (const day of accepted) expect(periods.filter((p) => p.startsOn <= day && day <= p.endsOn)).toHaveLength(1)
      }),
    )
  })
})

describe('neighbouring villages (item 14)', () => {
  it('a workshop takes its own village and the neighbours it names, nothing else', () => {
    const input = { workshopVillageId: 'guanli', neighbourVillageIds: ['qianyang', 'houli'] }
    expect(householdMayJoin({ ...input, householdVillageId: 'guanli' })).toBe(true)
    expect(householdMayJoin({ ...input, householdVillageId: 'houli' })).toBe(true)
    expect(householdMayJoin({ ...input, householdVillageId: 'caibei' })).toBe(false)
  })
})
