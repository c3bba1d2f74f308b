import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  closingEndsOn,
  collectionListQuery,
  computePay,
  earlyCloseNotice,
  householdSearchQuery,
  likePattern,
  MAX_PAGE_SIZE,
  rateLineText,
  type CollectionLine,
  type RateRow,
} from '../../../shared/piecework'

describe('closingEndsOn: closing before the last day ends the period on the close date', () => {
  const period = { startsOn: '2026-11-30', endsOn: '2026-12-12' }
  it.each([
    ['closed on its last day', '2026-12-12', null, { endsOn: '2026-12-12', early: false }],
    ['closed after its last day', '2026-12-20', '2026-12-12', { endsOn: '2026-12-12', early: false }],
    ['closed on 12-02: ends 12-02, 12-03…12-12 stay open', '2026-12-02', '2026-12-02', { endsOn: '2026-12-02', early: true }],
    ['closed on 12-02 with no pieces yet: still ends 12-02', '2026-12-02', null, { endsOn: '2026-12-02', early: true }],
    ['pieces already recorded for 12-03 (a phone a day ahead) keep 12-03 in it', '2026-12-02', '2026-12-03', { endsOn: '2026-12-03', early: true }],
    ['closed on its first day', '2026-11-30', null, { endsOn: '2026-11-30', early: true }],
    ['pieces recorded up to its last day: no day is left over', '2026-12-02', '2026-12-12', { endsOn: '2026-12-12', early: false }],
  ])('%s', (_label, today, lastCollectionDay, expected) => {
    expect(closingEndsOn({ ...period, today, lastCollectionDay })).toEqual(expected)
  })

  it('refuses a period that has not begun, unless pieces are already recorded in it', () => {
    expect(closingEndsOn({ ...period, today: '2026-11-29', lastCollectionDay: null })).toMatchObject({ code: 'piecework_period_not_started' })
    expect(closingEndsOn({ ...period, today: '2026-11-29', lastCollectionDay: '2026-11-30' })).toEqual({ endsOn: '2026-11-30', early: true })
  })

  it('never strands a day: the closed range keeps every recorded day and never grows', () => {
    const day = fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2026, 10, 20 + n)).toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 20 }), day, fc.option(fc.integer({ min: 0, max: 20 })), (startsOn, length, today, lastOffset) => {
        const endsOn = new Date(Date.parse(`${startsOn}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10)
        const last =
          lastOffset === null ? null : new Date(Date.parse(`${startsOn}T00:00:00Z`) + Math.min(lastOffset, length) * 86_400_000).toISOString().slice(0, 10)
        const result = closingEndsOn({ startsOn, endsOn, today, lastCollectionDay: last })
        if ('code' in result) return today < startsOn && last === null
        return (
          result.endsOn >= startsOn &&
          result.endsOn <= endsOn &&
          (last === null || result.endsOn >= last) &&
          (result.early ? result.endsOn < endsOn : result.endsOn === endsOn)
        )
      }),
    )
  })

  it('tells the head beforehand', () => {
    expect(earlyCloseNotice({ name: '第2期', endsOn: '2026-12-12' }, '2026-12-02')).toMatch(/结算到今天为止.*2026-12-12/)
    expect(earlyCloseNotice({ name: '第2期', endsOn: '2026-12-12' }, '2026-12-12')).toBeNull()
  })
})

describe('the arithmetic of pay: accepted pieces per operation and rate', () => {
  const rates: RateRow[] = [
    { operationId: 'op-a', rateFen: 20, effectiveFrom: '2026-11-01' },
    { operationId: 'op-a', rateFen: 21, effectiveFrom: '2026-11-20' },
    { operationId: 'op-b', rateFen: 150, effectiveFrom: '2026-12-01' },
  ]
  const c = (p: Partial<CollectionLine>): CollectionLine => ({
    workerId: 'w',
    operationId: 'op-a',
    collectedOn: '2026-11-10',
    accepted: 0,
    rejected: 0,
    rework: 0,
    reworkReturn: false,
    ...p,
  })

  it('splits a rate change, keeps rework and rejects apart, and prices none without a rate', () => {
    const [line] = computePay(
      [
        c({ accepted: 100, rejected: 2, rework: 5 }),
        c({ accepted: 20, collectedOn: '2026-11-12' }),
        c({ accepted: 30, collectedOn: '2026-11-25' }),
        c({ accepted: 4, reworkReturn: true, collectedOn: '2026-11-26' }),
        c({ operationId: 'op-b', accepted: 7, collectedOn: '2026-11-30' }),
      ],
      rates,
      [{ workerId: 'w', amountFen: -500 }],
    ).lines
    expect(line?.byRate).toEqual([
      { operationId: 'op-a', rateFen: 20, acceptedPieces: 120, amountFen: 2400 },
      { operationId: 'op-a', rateFen: 21, acceptedPieces: 34, amountFen: 714 },
      { operationId: 'op-b', rateFen: null, acceptedPieces: 7, amountFen: 0 },
    ])
    expect(line).toMatchObject({ grossFen: 3114, reworkPieces: 5, rejectedPieces: 2, unratedPieces: 7, adjustmentsFen: -500, totalFen: 2614 })
    expect(rateLineText(line?.byRate[0] ?? { rateFen: 0, acceptedPieces: 0, amountFen: 0 })).toBe('合格 120 件 × 0.20 元 = 24.00 元')
    expect(rateLineText({ rateFen: null, acceptedPieces: 7, amountFen: 0 })).toMatch(/合格 7 件 待定价/)
  })

  it('the rate lines always add up to the gross and the accepted pieces', () => {
    const entry = fc.record({
      workerId: fc.constantFrom('w1', 'w2'),
      operationId: fc.constantFrom('op-a', 'op-b'),
      collectedOn: fc.constantFrom('2026-10-30', '2026-11-05', '2026-11-25', '2026-12-03'),
      accepted: fc.integer({ min: 0, max: 500 }),
      rejected: fc.integer({ min: 0, max: 5 }),
      rework: fc.integer({ min: 0, max: 5 }),
      reworkReturn: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        for (const line of computePay(entries, rates).lines) {
          expect(line.byRate.reduce((s, r) => s + r.amountFen, 0)).toBe(line.grossFen)
          expect(line.byRate.reduce((s, r) => s + r.acceptedPieces, 0)).toBe(line.acceptedPieces)
          expect(line.byRate.filter((r) => r.rateFen === null).reduce((s, r) => s + r.acceptedPieces, 0)).toBe(line.unratedPieces)
          for (const r of line.byRate) expect(r.amountFen).toBe(r.acceptedPieces * (r.rateFen ?? 0))
        }
      }),
    )
  })
})

describe('paging and search inputs', () => {
  const base = { workshopId: '00000000-0000-4000-8000-000000000000', from: '2026-01-01', to: '2026-12-31' }
  it('bounds the page size', () => {
    expect(collectionListQuery.parse(base).limit).toBe(100)
    expect(collectionListQuery.parse({ ...base, limit: '50' }).limit).toBe(50)
    expect(collectionListQuery.safeParse({ ...base, limit: String(MAX_PAGE_SIZE + 1) }).success).toBe(false)
    expect(collectionListQuery.safeParse({ ...base, limit: '0' }).success).toBe(false)
    expect(collectionListQuery.safeParse({ ...base, limit: '2.5' }).success).toBe(false)
  })
  it('a search needs a name and treats % and _ as letters', () => {
    expect(householdSearchQuery.safeParse({ workshopId: base.workshopId, q: '  ' }).success).toBe(false)
    expect(likePattern('杨')).toBe('%杨%')
    expect(likePattern('100%_a\\')).toBe('%100\\%\\_a\\\\%')
  })
})
