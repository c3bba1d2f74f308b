import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { payAdjustments } from '../../../db/schema'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('马红梅')

describe.each([
  ['closing a period twice', '/api/piecework/periods/close', () => ({ periodId: demo.closed.id }), 409, 'piecework_period_closed'],
  ['closing an unknown period', '/api/piecework/periods/close', () => ({ periodId: randomUUID() }), 404, 'not_found'],
  [
    'an adjustment in a closed period',
    '/api/piecework/adjustments/create',
    () => ({ periodId: demo.closed.id, workerId: worker.id, amountFen: 100, reason: '补' }),
    409,
    'piecework_period_closed',
  ],
  [
    'a zero adjustment',
    '/api/piecework/adjustments/create',
    () => ({ periodId: demo.open.id, workerId: worker.id, amountFen: 0, reason: '补' }),
    400,
    'validation_failed',
  ],
  [
    'an adjustment in fractions of a fen',
    '/api/piecework/adjustments/create',
    () => ({ periodId: demo.open.id, workerId: worker.id, amountFen: 10.5, reason: '补' }),
    400,
    'validation_failed',
  ],
  [
    'an adjustment for a household of no such workshop',
    '/api/piecework/adjustments/create',
    () => ({ periodId: demo.open.id, workerId: randomUUID(), amountFen: 100, reason: '补' }),
    400,
    'piecework_worker_not_in_workshop',
  ],
  [
    'an adjustment without a reason',
    '/api/piecework/adjustments/create',
    () => ({ periodId: demo.open.id, workerId: worker.id, amountFen: 100, reason: ' ' }),
    400,
    'validation_failed',
  ],
])('refuses %s', (_label, path, body, status, code) => {
  it(`with ${code} and nothing changes`, async () => {
    const before = await api.db.select().from(payAdjustments)
    const res = await api.call('POST', path, { token: demo.headToken, body: body() })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(await api.db.select().from(payAdjustments)).toHaveLength(before.length)
  })
})

describe.each([
  ['/api/piecework/pay-sheet', { periodId: randomUUID() }, 404],
  ['/api/piecework/pay-sheet/xlsx', { periodId: randomUUID() }, 404],
  ['/api/piecework/pay-sheet', { periodId: 'x' }, 400],
  ['/api/piecework/statement', { workshopId: randomUUID() }, 404],
  ['/api/piecework/dashboard', { workshopId: 'not-a-uuid' }, 400],
  ['/api/piecework/collections/list', { workshopId: randomUUID(), from: '2025-01-01', to: '2025-13-01' }, 400],
])('GET %s with bad query', (path, query, status) => {
  it(`answers ${status}`, async () => {
    const res = await api.call('GET', path, { token: demo.headToken, query })
    expect(res.status).toBe(status)
  })
})

it('the head asking for their own statement without being a worker gets a clear error', async () => {
  const res = await api.call('GET', '/api/piecework/statement', { token: demo.headToken, query: { workshopId: demo.workshop.id } })
  expect(res.status).toBe(400)
  expect(errorCodeOf(res)).toBe('piecework_worker_not_in_workshop')
})
