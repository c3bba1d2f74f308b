import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { PIECEWORK_DEMO } from '../../../db/seed/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('王桂香')
const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)

const writes: [string, () => unknown][] = [
  ['/api/piecework/workshops/create', () => ({ villageId: api.demo.guanli, name: '冒名工坊' })],
  ['/api/piecework/workers/add', () => ({ workshopId: demo.workshop.id, householdId: randomUUID() })],
  [
    '/api/piecework/products/create',
    () => ({
      workshopId: demo.workshop.id,
      name: 'x',
      materialName: 'y',
      effectiveFrom: '2099-01-01',
      operations: [{ name: 'z', gramsPerPiece: 1, rateFen: 1 }],
    }),
  ],
  ['/api/piecework/rates/create', () => ({ operationId: line.operationId, rateFen: 9_999, effectiveFrom: '2099-01-01' })],
  [
    '/api/piecework/orders/create',
    () => ({ workshopId: demo.workshop.id, customer: 'x', productId: line.productId, quantity: 1, dueOn: '2099-01-01', unitPriceFen: 1 }),
  ],
  ['/api/piecework/materials/move', () => ({ workshopId: demo.workshop.id, orderId: line.orderId, workerId: worker.id, grams: 1, movedOn: line.today })],
  ['/api/piecework/periods/create', () => ({ workshopId: demo.workshop.id, name: 'x', startsOn: '2099-01-01', endsOn: '2099-01-02' })],
  ['/api/piecework/periods/close', () => ({ periodId: demo.open.id })],
  ['/api/piecework/adjustments/create', () => ({ periodId: demo.open.id, workerId: worker.id, amountFen: 100_000, reason: '自己给自己加钱' })],
]

const callers = [
  ['a worker of this workshop from 馆里村', () => api.tokenFor('王桂香'), 403],
  ['a worker from a neighbouring village', () => api.tokenFor(PIECEWORK_DEMO.neighbourWorker), 403],
  ['the garden steward of another community', () => api.tokenFor('马淑兰'), 403],
  ['nobody', async () => undefined, 401],
] as const

describe.each(callers)('%s', (_label, token, status) => {
  it.each(writes)('cannot POST %s', async (path, body) => {
    const res = await api.call('POST', path, { token: await token(), body: body() })
    expect(res.status).toBe(status)
    expect(['forbidden', 'not_member_of_village', 'unauthenticated']).toContain(errorCodeOf(res))
  })
  it('cannot read the workshop detail or dashboard', async () => {
    for (const path of ['/api/piecework/workshops/detail', '/api/piecework/dashboard']) {
      const res = await api.call('GET', path, { token: await token(), query: { workshopId: demo.workshop.id } })
      expect(res.status).toBe(status)
    }
  })
})

it('the village secretary of 馆里村 reads the dashboard but cannot manage the workshop', async () => {
  // 刘建国 is both head and secretary in the demo; the branch role alone is tested with a fresh grant.
  const villager = await api.personId('赵淑华')
  const { memberships } = await import('../../../db/schema')
  await api.db.insert(memberships).values({ personId: villager, villageId: api.demo.guanli, role: 'deputy_secretary' })
  const token = await api.tokenFor('赵淑华')
  expect((await api.call('GET', '/api/piecework/dashboard', { token, query: { workshopId: demo.workshop.id } })).status).toBe(200)
  const res = await api.call('POST', '/api/piecework/orders/create', {
    token,
    body: { workshopId: demo.workshop.id, customer: 'x', productId: line.productId, quantity: 1, dueOn: '2099-01-01', unitPriceFen: 1 },
  })
  expect(errorCodeOf(res)).toBe('forbidden')
})
