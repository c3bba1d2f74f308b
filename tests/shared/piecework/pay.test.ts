import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyBatch, buildRateBook, computePay, rateOn, type AdjustmentLine, type CollectionLine, type RateRow } from '../../../shared/piecework'

const OP = 'op-weave'
const rates: RateRow[] = [
  { operationId: OP, rateFen: 800, effectiveFrom: '2025-03-01' },
  { operationId: OP, rateFen: 900, effectiveFrom: '2025-04-01' },
  { operationId: 'op-edge', rateFen: 150, effectiveFrom: '2025-03-01' },
]

function line(partial: Partial<CollectionLine>): CollectionLine {
  return {
    workerId: 'w1',
    operationId: OP,
    collectedOn: '2025-03-10',
    accepted: 0,
    rejected: 0,
    rework: 0,
    reworkReturn: false,
    ...partial,
  }
}

describe.each([
  ['before any rate', '2025-02-28', null],
  ['on the first effective day', '2025-03-01', 800],
  ['between rates', '2025-03-31', 800],
  ['on the change day', '2025-04-01', 900],
  ['long after', '2026-01-01', 900],
])('rateOn %s', (_label, day, expected) => {
  it(`is ${String(expected)}`, () => {
    expect(rateOn(buildRateBook(rates), OP, day)).toBe(expected)
  })
})

describe.each<[string, CollectionLine[], AdjustmentLine[], number]>([
  ['accepted pieces × rate of the day', [line({ accepted: 10 })], [], 8000],
  ['rejected pieces earn nothing', [line({ accepted: 3, rejected: 5 })], [], 2400],
  ['rework earns nothing until accepted', [line({ accepted: 2, rework: 4 })], [], 1600],
  [
    'rework returned and accepted is paid at the return day’s rate',
    [line({ accepted: 2, rework: 4 }), line({ collectedOn: '2025-04-02', reworkReturn: true, accepted: 3, rejected: 1 })],
    [],
    1600 + 2700,
  ],
  ['a later rate never rewrites earlier pay', [line({ accepted: 1, collectedOn: '2025-03-31' }), line({ accepted: 1, collectedOn: '2025-04-01' })], [], 1700],
  ['operations have their own rates', [line({ accepted: 2 }), line({ operationId: 'op-edge', accepted: 2 })], [], 1900],
  ['bonus adjustment is added', [line({ accepted: 1 })], [{ workerId: 'w1', amountFen: 500 }], 1300],
  ['advance repaid is subtracted', [line({ accepted: 10 })], [{ workerId: 'w1', amountFen: -3000 }], 5000],
  ['pieces before any rate are unrated, paid 0', [line({ accepted: 4, collectedOn: '2025-01-05' })], [], 0],
])('computePay: %s', (_label, collections, adjustments, expected) => {
  it(`totals ${expected} fen`, () => {
    const result = computePay(collections, rates, adjustments)
    expect(result.totalFen).toBe(expected)
    expect(result.lines.find((l) => l.workerId === 'w1')?.totalFen).toBe(expected)
  })
})

it('reports unrated pieces and the distinct rates used', () => {
  const result = computePay([line({ accepted: 4, collectedOn: '2025-01-05' }), line({ accepted: 1 }), line({ accepted: 1, collectedOn: '2025-04-09' })], rates)
  expect(result.lines[0]).toMatchObject({ unratedPieces: 4, acceptedPieces: 6, ratesFen: [800, 900], grossFen: 1700 })
})

// ── properties ──

const dayArb = fc.integer({ min: 0, max: 120 }).map((offset) => new Date(Date.UTC(2025, 1, 1 + offset)).toISOString().slice(0, 10))
const rateArb = fc.record({
  operationId: fc.constantFrom('a', 'b', 'c'),
  rateFen: fc.integer({ min: 0, max: 5000 }),
  effectiveFrom: dayArb,
})
const collectionArb = fc.record({
  workerId: fc.constantFrom('w1', 'w2', 'w3', 'w4'),
  operationId: fc.constantFrom('a', 'b', 'c'),
  collectedOn: dayArb,
  accepted: fc.integer({ min: 0, max: 500 }),
  rejected: fc.integer({ min: 0, max: 50 }),
  rework: fc.integer({ min: 0, max: 50 }),
  reworkReturn: fc.boolean(),
})
const adjustmentArb = fc.record({
  workerId: fc.constantFrom('w1', 'w2', 'w3', 'w5'),
  amountFen: fc.integer({ min: -50_000, max: 50_000 }),
})

describe('pay properties', () => {
  it('is never negative for a period without adjustments, and always whole fen', () => {
    fc.assert(
      fc.property(fc.array(rateArb, { maxLength: 8 }), fc.array(collectionArb, { maxLength: 60 }), (rs, cs) => {
        const result = computePay(cs, rs)
        expect(result.totalFen).toBeGreaterThanOrEqual(0)
        for (const l of result.lines) {
          expect(l.totalFen).toBeGreaterThanOrEqual(0)
          expect(Number.isInteger(l.totalFen)).toBe(true)
        }
      }),
    )
  })

  it('sums per-worker pay to the period total', () => {
    fc.assert(
      fc.property(
        fc.array(rateArb, { maxLength: 8 }),
        fc.array(collectionArb, { maxLength: 60 }),
        fc.array(adjustmentArb, { maxLength: 10 }),
        (rs, cs, adj) => {
          const result = computePay(cs, rs, adj)
          expect(result.lines.reduce((sum, l) => sum + l.totalFen, 0)).toBe(result.totalFen)
          expect(result.grossFen + result.adjustmentsFen).toBe(result.totalFen)
        },
      ),
    )
  })

  it('does not depend on the order of collections', () => {
    fc.assert(
      fc.property(fc.array(rateArb, { maxLength: 8 }), fc.array(collectionArb, { maxLength: 40 }), (rs, cs) => {
        expect(computePay([...cs].reverse(), rs)).toEqual(computePay(cs, rs))
      }),
    )
  })

  it('never pays for rejected or rework pieces: adding them changes nothing', () => {
    fc.assert(
      fc.property(fc.array(rateArb, { maxLength: 8 }), fc.array(collectionArb, { maxLength: 40 }), (rs, cs) => {
        const noRejects = cs.map((c) => ({ ...c, rejected: 0, rework: 0 }))
        expect(computePay(cs, rs).totalFen).toBe(computePay(noRejects, rs).totalFen)
      }),
    )
  })

  it('a rate added after a day never changes pay for that day or before', () => {
    fc.assert(
      fc.property(
        fc.array(rateArb, { maxLength: 8 }),
        fc.array(collectionArb, { maxLength: 40 }),
        dayArb,
        fc.integer({ min: 0, max: 9000 }),
        (rs, cs, cutoff, fen) => {
          const past = cs.filter((c) => c.collectedOn < cutoff)
          const later: RateRow = { operationId: 'a', rateFen: fen, effectiveFrom: cutoff }
          expect(computePay(past, [...rs, later]).totalFen).toBe(computePay(past, rs).totalFen)
        },
      ),
    )
  })

  it('replaying a batch changes nothing', () => {
    const entryArb = collectionArb.chain((c) => fc.uuid().map((clientId) => ({ ...c, clientId })))
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 30 }), fc.array(rateArb, { maxLength: 6 }), (batch, rs) => {
        const once = applyBatch(new Map(), batch)
        const twice = applyBatch(once.stored, batch)
        expect([...twice.stored.keys()]).toEqual([...once.stored.keys()])
        expect(twice.outcomes.every((o) => o.outcome === 'duplicate')).toBe(true)
        expect(computePay([...twice.stored.values()], rs)).toEqual(computePay([...once.stored.values()], rs))
      }),
    )
  })

  it('a batch with a repeated entry stores it once', () => {
    const entry = { clientId: '6f1c8a34-1d2e-4c55-9a8b-000000000001', ...line({ accepted: 5 }) }
    const result = applyBatch(new Map(), [entry, entry, entry])
    expect(result.stored.size).toBe(1)
    expect(result.outcomes.map((o) => o.outcome)).toEqual(['ok', 'duplicate', 'duplicate'])
    expect(computePay([...result.stored.values()], rates).totalFen).toBe(4000)
  })
})
