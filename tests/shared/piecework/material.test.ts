import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkCollection,
  closedPeriodContaining,
  collectiveIncome,
  createCollectionInput,
  formatKg,
  formatYuan,
  GRAMS,
  openRework,
  periodsOverlap,
  piecesMade,
  rateDateAllowed,
  reconcileMaterial,
  withTolerance,
  type CollectionCheckInput,
  type MaterialMovement,
  type MaterialUse,
} from '../../../shared/piecework'

const issue = (grams: number, expectedPieces: number, workerId = 'w1'): MaterialMovement => ({
  workerId,
  productId: 'net',
  unit: GRAMS,
  amount: grams,
  kind: 'issue',
  expectedPieces,
})
const use = (accepted: number, rejected: number, extra: Partial<MaterialUse> = {}): MaterialUse => ({
  workerId: 'w1',
  productId: 'net',
  unit: GRAMS,
  perPiece: 300,
  accepted,
  rejected,
  rework: 0,
  reworkReturn: false,
  ...extra,
})

describe.each<[string, MaterialMovement[], MaterialUse[], { outstanding: number; used: number; flagged: boolean }]>([
  ['all material turned into pieces', [issue(3000, 10)], [use(9, 1)], { outstanding: 0, used: 3000, flagged: false }],
  ['half done: outstanding matches open work', [issue(3000, 10)], [use(5, 0)], { outstanding: 1500, used: 1500, flagged: false }],
  ['returned material is subtracted', [issue(3000, 10), { ...issue(600, 0), kind: 'return' }], [use(8, 0)], { outstanding: 0, used: 2400, flagged: false }],
  ['rework pieces still count as material held', [issue(3000, 10)], [use(5, 0, { rework: 5 })], { outstanding: 1500, used: 1500, flagged: false }],
  ['order done but material kept: flagged', [issue(6000, 10)], [use(10, 0)], { outstanding: 3000, used: 3000, flagged: true }],
  ['no collection yet: expected yield decides', [issue(3000, 10)], [], { outstanding: 3000, used: 0, flagged: false }],
  ['no collection yet: usage implied by the issue, not flagged', [issue(5000, 10)], [], { outstanding: 5000, used: 0, flagged: false }],
  [
    'counted sinkers: 200 个 issued, 5 nets × 30 个 used',
    [{ ...issue(0, 6), unit: '个', amount: 200 }],
    [use(4, 1, { unit: '个', perPiece: 30 })],
    { outstanding: 50, used: 150, flagged: true },
  ],
])('reconcileMaterial: %s', (_label, movements, uses, expected) => {
  it('balances', () => {
    const [balance] = reconcileMaterial(movements, uses, 500)
    expect(balance).toMatchObject(expected)
  })
})

it('balances identity holds: issued − returned − used = outstanding', () => {
  const moveArb = fc.record({
    workerId: fc.constantFrom('w1', 'w2'),
    productId: fc.constantFrom('net', 'vent'),
    unit: fc.constantFrom(GRAMS, '个'),
    amount: fc.integer({ min: 1, max: 100_000 }),
    kind: fc.constantFrom<'issue' | 'return'>('issue', 'return'),
    expectedPieces: fc.integer({ min: 0, max: 300 }),
  })
  const useArb = fc.record({
    workerId: fc.constantFrom('w1', 'w2'),
    productId: fc.constantFrom('net', 'vent'),
    unit: fc.constantFrom(GRAMS, '个'),
    perPiece: fc.integer({ min: 0, max: 500 }),
    accepted: fc.integer({ min: 0, max: 100 }),
    rejected: fc.integer({ min: 0, max: 20 }),
    rework: fc.integer({ min: 0, max: 20 }),
    reworkReturn: fc.boolean(),
  })
  fc.assert(
    fc.property(fc.array(moveArb, { maxLength: 20 }), fc.array(useArb, { maxLength: 20 }), (moves, uses) => {
      for (const b of reconcileMaterial(moves, uses)) {
        expect(b.issued - b.returned - b.used).toBe(b.outstanding)
        expect(b.openWork).toBeGreaterThanOrEqual(0)
      }
    }),
  )
})

const base: CollectionCheckInput = {
  entry: { accepted: 0, rejected: 0, rework: 0, reworkReturn: false },
  perPiece: 300,
  netIssued: 3000,
  alreadyUsed: 0,
  openReworkPieces: 0,
  toleranceBp: 500,
}

describe.each<[string, Partial<CollectionCheckInput> & { entry: CollectionCheckInput['entry'] }, string | null]>([
  ['exactly what the material makes', { entry: { accepted: 10, rejected: 0, rework: 0, reworkReturn: false } }, null],
  [
    'within the 5 % tolerance (10.5 pieces of thread → 10)',
    { entry: { accepted: 9, rejected: 1, rework: 0, reworkReturn: false, rejectReason: '破洞' }, alreadyUsed: 150 },
    null,
  ],
  ['one piece beyond tolerance', { entry: { accepted: 11, rejected: 0, rework: 0, reworkReturn: false } }, 'piecework_over_collection'],
  [
    'rejects and rework also consume material',
    { entry: { accepted: 6, rejected: 3, rework: 2, reworkReturn: false, rejectReason: '破洞' } },
    'piecework_over_collection',
  ],
  ['earlier pieces count', { entry: { accepted: 2, rejected: 0, rework: 0, reworkReturn: false }, alreadyUsed: 2700 }, 'piecework_over_collection'],
  ['negative count', { entry: { accepted: -1, rejected: 0, rework: 0, reworkReturn: false } }, 'piecework_invalid_count'],
  ['fractional count', { entry: { accepted: 1.5, rejected: 0, rework: 0, reworkReturn: false } }, 'piecework_invalid_count'],
  ['nothing at all', { entry: { accepted: 0, rejected: 0, rework: 0, reworkReturn: false } }, 'piecework_invalid_count'],
  ['rejects need a reason', { entry: { accepted: 1, rejected: 1, rework: 0, reworkReturn: false } }, 'piecework_reject_reason_required'],
  ['rejects with a reason', { entry: { accepted: 1, rejected: 1, rework: 0, reworkReturn: false, rejectReason: '网眼不匀' } }, null],
  ['rework return within open rework', { entry: { accepted: 3, rejected: 0, rework: 1, reworkReturn: true }, openReworkPieces: 4, alreadyUsed: 3000 }, null],
  ['rework return beyond open rework', { entry: { accepted: 5, rejected: 0, rework: 0, reworkReturn: true }, openReworkPieces: 4 }, 'piecework_rework_exceeds'],
  ['operation without material is not capped', { entry: { accepted: 500, rejected: 0, rework: 0, reworkReturn: false }, perPiece: 0 }, null],
])('checkCollection: %s', (_label, override, expected) => {
  it(`→ ${String(expected)}`, () => {
    expect(checkCollection({ ...base, ...override })?.code ?? null).toBe(expected)
  })
})

describe('each piece is counted once, at one stage', () => {
  it('rework returns are the same pieces: they never add to pieces made', () => {
    const collections = [
      { accepted: 5, rejected: 1, rework: 4, reworkReturn: false },
      { accepted: 3, rejected: 1, rework: 0, reworkReturn: true },
    ]
    expect(collections.reduce((sum, c) => sum + piecesMade(c), 0)).toBe(10)
    expect(openRework(collections)).toBe(0)
    const accepted = collections.reduce((s, c) => s + c.accepted, 0)
    const rejected = collections.reduce((s, c) => s + c.rejected, 0)
    expect(accepted + rejected + openRework(collections)).toBe(10)
  })

  it('conservation: final accepted + rejected + open rework = pieces made', () => {
    const stepArb = fc.record({ accepted: fc.nat(20), rejected: fc.nat(5), rework: fc.nat(5) })
    fc.assert(
      fc.property(fc.array(fc.tuple(stepArb, fc.boolean()), { maxLength: 30 }), (steps) => {
        const taken: { accepted: number; rejected: number; rework: number; reworkReturn: boolean }[] = []
        for (const [step, tryReturn] of steps) {
          const open = openRework(taken)
          if (tryReturn && open > 0) {
            const accepted = Math.min(step.accepted, open)
            const rejected = Math.min(step.rejected, open - accepted)
            const rework = Math.min(step.rework, open - accepted - rejected)
            taken.push({ accepted, rejected, rework, reworkReturn: true })
          } else taken.push({ ...step, reworkReturn: false })
        }
        const made = taken.reduce((s, c) => s + piecesMade(c), 0)
        const final = taken.reduce((s, c) => s + c.accepted + c.rejected, 0)
        expect(final + openRework(taken)).toBe(made)
      }),
    )
  })
})

describe('schemas refuse bad counts before any rule runs', () => {
  const entry = {
    workshopId: '0b4c1f6e-6a43-4b7e-9a52-3a6d1f1c2d3e',
    clientId: '0b4c1f6e-6a43-4b7e-9a52-3a6d1f1c2d3f',
    workerId: '0b4c1f6e-6a43-4b7e-9a52-3a6d1f1c2d40',
    orderId: '0b4c1f6e-6a43-4b7e-9a52-3a6d1f1c2d41',
    operationId: '0b4c1f6e-6a43-4b7e-9a52-3a6d1f1c2d42',
    collectedOn: '2025-03-10',
    accepted: 3,
    rejected: 0,
  }
  it.each([
    ['negative', { accepted: -2 }],
    ['non-integer', { accepted: 2.5 }],
    ['string', { accepted: '3' }],
    ['impossible date', { collectedOn: '2025-02-30' }],
  ])('%s is refused', (_label, patch) => {
    expect(createCollectionInput.safeParse({ ...entry, ...patch }).success).toBe(false)
  })
  it('a good entry passes with defaults', () => {
    expect(createCollectionInput.parse(entry)).toMatchObject({ rework: 0, reworkReturn: false })
  })
})

describe('periods, rates, income, formatting', () => {
  const periods = [
    { id: 'p1', startsOn: '2025-03-01', endsOn: '2025-03-14', status: 'closed' as const },
    { id: 'p2', startsOn: '2025-03-15', endsOn: '2025-03-28', status: 'open' as const },
  ]
  it.each([
    ['2025-02-28', null],
    ['2025-03-01', 'p1'],
    ['2025-03-14', 'p1'],
    ['2025-03-15', null],
  ])('closedPeriodContaining(%s) = %s', (day, id) => {
    expect(closedPeriodContaining(periods, day)?.id ?? null).toBe(id)
  })
  it.each([
    ['2025-03-10', false],
    ['2025-03-14', false],
    ['2025-03-15', true],
  ])('rateDateAllowed(%s) = %s', (day, ok) => {
    expect(rateDateAllowed(day, periods)).toBe(ok)
  })
  it('detects overlapping periods', () => {
    expect(periodsOverlap({ startsOn: '2025-03-10', endsOn: '2025-03-20' }, periods[0] ?? periods[1] ?? { startsOn: '', endsOn: '' })).toBe(true)
    expect(periodsOverlap({ startsOn: '2025-03-29', endsOn: '2025-04-10' }, { startsOn: '2025-03-15', endsOn: '2025-03-28' })).toBe(false)
  })
  it('collective income caps revenue at the ordered quantity', () => {
    const income = collectiveIncome(
      [
        { orderId: 'o1', quantity: 100, unitPriceFen: 3500 },
        { orderId: 'o2', quantity: 50, unitPriceFen: 2000 },
      ],
      new Map([
        ['o1', 120],
        ['o2', 10],
      ]),
      200_000,
    )
    expect(income).toEqual({ revenueFen: 350_000 + 20_000, wagesFen: 200_000, incomeFen: 170_000 })
  })
  it.each([
    [12345, '123.45'],
    [5, '0.05'],
    [-250, '-2.50'],
  ])('formatYuan(%i) = %s', (fen, text) => expect(formatYuan(fen)).toBe(text))
  it.each([
    [2500, '2.5'],
    [3000, '3'],
    [1, '0.001'],
  ])('formatKg(%i) = %s', (grams, text) => expect(formatKg(grams)).toBe(text))
  it('withTolerance rounds up', () => {
    expect(withTolerance(3000, 500)).toBe(3150)
    expect(withTolerance(1, 1)).toBe(2)
    expect(withTolerance(1000, 0)).toBe(1000)
  })
})
