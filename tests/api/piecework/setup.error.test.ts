import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { payPeriods, pieceOperations, pieceProducts, pieceRates } from '../../../db/schema'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('李春燕')
const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
const [weave] = await api.db
  .select({ id: pieceOperations.id })
  .from(pieceOperations)
  .innerJoin(pieceProducts, eq(pieceProducts.id, pieceOperations.productId))
  .where(eq(pieceOperations.name, '织网'))

describe.each([
  [
    'a rate effective inside the closed period',
    '/api/piecework/rates/create',
    () => ({ operationId: weave?.id, rateFen: 2000, effectiveFrom: demo.closed.endsOn }),
    409,
    'piecework_rate_in_closed_period',
  ],
  [
    'a second rate on the same day',
    '/api/piecework/rates/create',
    () => ({ operationId: line.operationId, rateFen: 300, effectiveFrom: line.today }),
    409,
    'piecework_rate_exists',
  ],
  [
    'a negative rate',
    '/api/piecework/rates/create',
    () => ({ operationId: line.operationId, rateFen: -1, effectiveFrom: '2099-01-01' }),
    400,
    'validation_failed',
  ],
  [
    'a rate in fractions of a fen',
    '/api/piecework/rates/create',
    () => ({ operationId: line.operationId, rateFen: 1.5, effectiveFrom: '2099-01-01' }),
    400,
    'validation_failed',
  ],
  [
    'a rate for an unknown operation',
    '/api/piecework/rates/create',
    () => ({ operationId: randomUUID(), rateFen: 100, effectiveFrom: '2099-01-01' }),
    404,
    'not_found',
  ],
  [
    'a product whose first rate is back-dated into the closed period',
    '/api/piecework/products/create',
    () => ({
      workshopId: demo.workshop.id,
      name: '旧网',
      materialName: '线',
      effectiveFrom: demo.closed.startsOn,
      operations: [{ name: '织', gramsPerPiece: 1, rateFen: 1 }],
    }),
    409,
    'piecework_rate_in_closed_period',
  ],
  [
    'a household already working here',
    '/api/piecework/workers/add',
    () => ({ workshopId: demo.workshop.id, householdId: worker.householdId }),
    409,
    'piecework_worker_exists',
  ],
  ['an unknown household', '/api/piecework/workers/add', () => ({ workshopId: demo.workshop.id, householdId: randomUUID() }), 404, 'not_found'],
  [
    'an order for a product of no such workshop',
    '/api/piecework/orders/create',
    () => ({ workshopId: demo.workshop.id, customer: 'x', productId: randomUUID(), quantity: 1, dueOn: '2099-01-01', unitPriceFen: 1 }),
    404,
    'not_found',
  ],
  [
    'an order of zero pieces',
    '/api/piecework/orders/create',
    () => ({ workshopId: demo.workshop.id, customer: 'x', productId: line.productId, quantity: 0, dueOn: '2099-01-01', unitPriceFen: 1 }),
    400,
    'validation_failed',
  ],
  [
    'returning more material than the household holds',
    '/api/piecework/materials/move',
    () => ({ workshopId: demo.workshop.id, orderId: line.orderId, workerId: worker.id, kind: 'return', grams: 1001, movedOn: line.today }),
    409,
    'piecework_return_exceeds',
  ],
  [
    'material in fractions of a gram',
    '/api/piecework/materials/move',
    () => ({ workshopId: demo.workshop.id, orderId: line.orderId, workerId: worker.id, grams: 10.5, movedOn: line.today }),
    400,
    'validation_failed',
  ],
  [
    'material for a worker of no such workshop',
    '/api/piecework/materials/move',
    () => ({ workshopId: demo.workshop.id, orderId: line.orderId, workerId: randomUUID(), grams: 10, movedOn: line.today }),
    400,
    'piecework_worker_not_in_workshop',
  ],
  [
    'a period overlapping another',
    '/api/piecework/periods/create',
    () => ({ workshopId: demo.workshop.id, name: '重叠', startsOn: demo.open.startsOn, endsOn: demo.open.startsOn }),
    409,
    'piecework_period_overlap',
  ],
  [
    'a period ending before it starts',
    '/api/piecework/periods/create',
    () => ({ workshopId: demo.workshop.id, name: '倒置', startsOn: '2099-02-01', endsOn: '2099-01-01' }),
    400,
    'piecework_bad_period',
  ],
  [
    'a workshop that does not exist',
    '/api/piecework/orders/create',
    () => ({ workshopId: randomUUID(), customer: 'x', productId: line.productId, quantity: 1, dueOn: '2099-01-01', unitPriceFen: 1 }),
    404,
    'not_found',
  ],
])('refuses %s', (_label, path, body, status, code) => {
  it(`with ${code}`, async () => {
    const ratesBefore = await api.db.select().from(pieceRates)
    const periodsBefore = await api.db.select().from(payPeriods)
    const res = await api.call('POST', path, { token: demo.headToken, body: body() })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(await api.db.select().from(pieceRates)).toHaveLength(ratesBefore.length)
    expect(await api.db.select().from(payPeriods)).toHaveLength(periodsBefore.length)
  })
})

it('a rate dated after the closed period is accepted and leaves the closed pay sheet as it was', async () => {
  const before = await api.call<{ totalFen: number }>('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: demo.closed.id } })
  const res = await api.call('POST', '/api/piecework/rates/create', {
    token: demo.headToken,
    body: { operationId: weave?.id, rateFen: 9999, effectiveFrom: '2099-06-01', confirmUnusualRate: true },
  })
  expect(res.status).toBe(201)
  const after = await api.call<{ totalFen: number }>('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: demo.closed.id } })
  expect(after.body.totalFen).toBe(before.body.totalFen)
})
