import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { households, payPeriods, pieceCollections } from '../../../db/schema'
import { MAX_RATE_FEN, paySheetResponse, syncCollectionsResponse, workshopDetailResponse } from '../../../shared/piecework'
import { addDays, todayInChina } from '../../../shared/time'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine, pieceworkState } from './fixture'

// Issue items 10–14: each defect is refused with a stable code and a Chinese message, and the
// refusal stores nothing and writes no audit entry.

const api = await setupApi()
const demo = await demoWorkshop(api)
const today = todayInChina()
const worker = demo.workerByName('孙玉芹')
const busy = demo.workerByName('李春燕')
// An order of 10 with material for 40: the material allows what the order does not.
const small = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 40, { quantity: 10 })
// A big order of an operation using no issued material, for the piece bounds.
const big = await freshLine(api, demo.workshop.id, demo.headToken, busy.id, 0, { quantity: 1_000_000, gramsPerPiece: 0 })
// A product whose first rate only takes effect tomorrow: today its pieces have no rate.
const unpriced = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10, { effectiveFrom: addDays(today, 1) })

// The household already handed in 6,000 pieces today; a household already got +100,000 元 of adjustments.
const first = await api.call('POST', '/api/piecework/collections/create', {
  token: demo.headToken,
  body: { workshopId: demo.workshop.id, ...entry(big, busy.id, { accepted: 6_000 }) },
})
expect(first.status).toBe(201)
const bonus = await api.call('POST', '/api/piecework/adjustments/create', {
  token: demo.headToken,
  body: { periodId: demo.open.id, workerId: busy.id, amountFen: 10_000_000, reason: '年终奖' },
})
expect(bonus.status).toBe(201)

const householdOf = async (villageId: string) =>
  (await api.db.select({ id: households.id }).from(households).where(eq(households.villageId, villageId)).limit(1))[0]?.id
const beijingHousehold = await householdOf(api.demo.caibei)
const gaojingHousehold = await householdOf(api.demo.gaojing)

const collect = (line: typeof small, workerId: string, counts: Parameters<typeof entry>[2]) => () => ({
  workshopId: demo.workshop.id,
  ...entry(line, workerId, counts),
})

describe.each([
  // 10. Collections beyond the order (and its 5 % tolerance) are refused with the arithmetic.
  [
    '30 nets against an order of 10',
    '/api/piecework/collections/create',
    collect(small, worker.id, { accepted: 30 }),
    409,
    'piecework_over_order',
    /订单10件，已交30件，超出20件/,
  ],
  [
    '11 against an order of 10 (5 % of 10 is no whole piece)',
    '/api/piecework/collections/create',
    collect(small, worker.id, { accepted: 11 }),
    409,
    'piecework_over_order',
    /超出1件/,
  ],
  [
    'pieces sent to rework count against the order too',
    '/api/piecework/collections/create',
    collect(small, worker.id, { accepted: 10, rework: 1 }),
    409,
    'piecework_over_order',
    /已交11件/,
  ],
  [
    '超出订单 without a reason',
    '/api/piecework/collections/create',
    collect(small, worker.id, { accepted: 30, overOrder: true }),
    400,
    'piecework_over_order_reason_required',
    /写明/,
  ],
  // 11. Absurd amounts are bounded, and a rate far above the usual one needs confirming.
  [
    'a rate of 100,000,000 fen a piece',
    '/api/piecework/rates/create',
    () => ({ operationId: small.operationId, rateFen: 100_000_000, effectiveFrom: '2099-01-01' }),
    400,
    'validation_failed',
    /单价最高/,
  ],
  [
    'a rate just above the highest',
    '/api/piecework/rates/create',
    () => ({ operationId: small.operationId, rateFen: MAX_RATE_FEN + 1, effectiveFrom: '2099-01-01' }),
    400,
    'validation_failed',
    /单价最高/,
  ],
  [
    'a product with an absurd first rate',
    '/api/piecework/products/create',
    () => ({
      workshopId: demo.workshop.id,
      name: '天价网',
      materialName: '线',
      effectiveFrom: today,
      operations: [{ name: '织', gramsPerPiece: 1, rateFen: 100_000_000 }],
    }),
    400,
    'validation_failed',
    /单价最高/,
  ],
  ['100,000 pieces in one entry', '/api/piecework/collections/create', collect(big, busy.id, { accepted: 100_000 }), 400, 'validation_failed', /一次最多登记/],
  [
    'an order of 10,000,000 pieces',
    '/api/piecework/orders/create',
    () => ({ workshopId: demo.workshop.id, customer: 'x', productId: big.productId, quantity: 10_000_000, dueOn: '2099-01-01', unitPriceFen: 1 }),
    400,
    'validation_failed',
    /最多/,
  ],
  [
    'a rate 25 times the usual one, unconfirmed',
    '/api/piecework/rates/create',
    () => ({ operationId: small.operationId, rateFen: 5_000, effectiveFrom: '2099-01-01' }),
    409,
    'piecework_rate_unusual',
    /2\.00 元.*确认单价/,
  ],
  [
    'more than 10,000 pieces from one household in a day',
    '/api/piecework/collections/create',
    collect(big, busy.id, { accepted: 4_001 }),
    400,
    'piecework_daily_limit',
    /已登记 6000 件/,
  ],
  [
    'adjustments of one household beyond ±100,000 元 in a period',
    '/api/piecework/adjustments/create',
    () => ({ periodId: demo.open.id, workerId: busy.id, amountFen: 1, reason: '再奖' }),
    400,
    'piecework_adjustment_too_large',
    /10 万元/,
  ],
  [
    'a pay period longer than a year',
    '/api/piecework/periods/create',
    () => ({ workshopId: demo.workshop.id, name: '太长', startsOn: '2099-01-01', endsOn: '2100-01-02' }),
    400,
    'piecework_period_too_long',
    /366 天/,
  ],
  // 12. No rate in force on the day: refused, never paid 0.
  [
    'pieces of an operation with no rate that day',
    '/api/piecework/collections/create',
    collect(unpriced, worker.id, { accepted: 1 }),
    409,
    'piecework_no_rate',
    /还没有计件单价/,
  ],
  // 13. A day no pay period covers: refused, the head is told to create the period first.
  [
    'pieces dated before every pay period',
    '/api/piecework/collections/create',
    collect(small, worker.id, { accepted: 1, collectedOn: addDays(today, -42) }),
    409,
    'piecework_no_period',
    /不在任何工资周期.*新建/,
  ],
  // 14. Households of the workshop's village and its named neighbours only.
  [
    'a Beijing courtyard household',
    '/api/piecework/workers/add',
    () => ({ workshopId: demo.workshop.id, householdId: beijingHousehold }),
    400,
    'piecework_household_out_of_area',
    /菜北社区41号院.*馆里村、/,
  ],
  [
    'a 高井嘎查 household',
    '/api/piecework/workers/add',
    () => ({ workshopId: demo.workshop.id, householdId: gaojingHousehold }),
    400,
    'piecework_household_out_of_area',
    /前杨村/,
  ],
])('refuses %s', (_label, path, body, status, code, message) => {
  it(`with ${code}, a Chinese reason, nothing stored and no audit entry`, async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', path, { token: demo.headToken, body: body() })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(JSON.stringify(res.body)).toMatch(message)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})

describe('the offline queue gets the same refusals, entry by entry', () => {
  it('over the order, without a rate, outside every period: each its own error, nothing stored', async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const entries = [
      entry(small, worker.id, { accepted: 30 }),
      entry(unpriced, worker.id, { accepted: 1 }),
      entry(small, worker.id, { accepted: 1, collectedOn: addDays(today, -42) }),
      // Within the order alone, but not after the two before it in the same batch.
      entry(small, worker.id, { accepted: 6 }),
      entry(small, worker.id, { accepted: 6 }),
    ]
    const res = await api.call('POST', '/api/piecework/collections/sync', { token: demo.headToken, body: { workshopId: demo.workshop.id, entries } })
    expect(res.status).toBe(200)
    const { results } = syncCollectionsResponse.parse(res.body)
    expect(results.map((r) => r.code ?? r.outcome)).toEqual(['piecework_over_order', 'piecework_no_rate', 'piecework_no_period', 'ok', 'piecework_over_order'])
    expect(results[4]?.message).toMatch(/订单10件，已交12件，超出2件/)
    const after = await pieceworkState(api, api.demo.guanli)
    expect(after.pieceCollections).toBe((before.pieceCollections ?? 0) + 1)
    // The one stored entry writes the one audit entry; the refused ones write none.
    expect(after.audit).toBe((before.audit ?? 0) + 1)
  })
})

describe('rows stored before these rules cannot be closed around', () => {
  async function withLegacyRow(values: { operationId: string; orderId: string; collectedOn: string; accepted: number }, check: () => Promise<void>) {
    const [row] = await api.db
      .insert(pieceCollections)
      .values({ clientId: randomUUID(), workshopId: demo.workshop.id, workerId: worker.id, rejected: 0, rework: 0, ...values })
      .returning({ id: pieceCollections.id })
    try {
      await check()
    } finally {
      // Collections are never deleted: the legacy row is voided by a linked correction.
      await api.db.insert(pieceCollections).values({
        clientId: randomUUID(),
        workshopId: demo.workshop.id,
        workerId: worker.id,
        ...values,
        accepted: -values.accepted,
        rejected: 0,
        rework: 0,
        correctsId: row?.id ?? '',
        correctionReason: '测试后作废',
      })
    }
  }

  async function refusesToClose(code: string, message: RegExp) {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', '/api/piecework/periods/close', { token: demo.headToken, body: { periodId: demo.open.id } })
    expect(res.status).toBe(409)
    expect(errorCodeOf(res)).toBe(code)
    expect(JSON.stringify(res.body)).toMatch(message)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
    const [period] = await api.db.select().from(payPeriods).where(eq(payPeriods.id, demo.open.id))
    expect(period?.status).toBe('open')
  }

  it('pieces without a rate (待定价) show on the pay sheet and block the close', async () => {
    await withLegacyRow({ operationId: unpriced.operationId, orderId: unpriced.orderId, collectedOn: today, accepted: 7 }, async () => {
      const sheet = paySheetResponse.parse(
        (await api.call('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: demo.open.id } })).body,
      )
      expect(sheet.unratedPieces).toBe(7)
      expect(sheet.lines.find((l) => l.workerId === worker.id)?.unratedPieces).toBe(7)
      await refusesToClose('piecework_unrated_pieces', /7 件合格件没有计件单价/)
    })
  })

  it('pieces dated in no period are shown to the head and block closing a later period', async () => {
    const day = addDays(today, -50)
    await withLegacyRow({ operationId: small.operationId, orderId: small.orderId, collectedOn: day, accepted: 3 }, async () => {
      const detail = workshopDetailResponse.parse(
        (await api.call('GET', '/api/piecework/workshops/detail', { token: demo.headToken, query: { workshopId: demo.workshop.id } })).body,
      )
      expect(detail.uncoveredDays).toEqual([{ day, accepted: 3 }])
      await refusesToClose('piecework_period_gap', new RegExp(`${day}交的 3 件不在任何工资周期里`))
    })
  })
})
