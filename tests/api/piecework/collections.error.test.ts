import { randomUUID } from 'node:crypto'
import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, pieceCollections, workshopWorkers, workshops } from '../../../db/schema'
import { syncCollectionsResponse } from '../../../shared/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('孙玉芹')
const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)

// A second workshop in another village, with a household of its own.
const [other] = await api.db
  .insert(workshops)
  .values({ villageId: api.demo.caibei, name: '菜北编织组', headPersonId: await api.personId('马淑兰') })
  .returning()
const [stranger] = other
  ? await api.db
      .insert(workshopWorkers)
      .values({ workshopId: other.id, householdId: (await api.db.select().from(workshopWorkers).limit(1))[0]?.householdId ?? '' })
      .returning()
  : []

const closedDay = demo.closed.startsOn

async function auditCount(): Promise<number> {
  const [row] = await api.db.select({ n: count() }).from(auditLog).where(eq(auditLog.villageId, api.demo.guanli))
  return row?.n ?? 0
}

describe.each([
  ['over-collection beyond the 5 % tolerance', { accepted: 11 }, 409, 'piecework_over_collection'],
  ['negative count', { accepted: -1 }, 400, 'validation_failed'],
  ['non-integer count', { accepted: 1.5 }, 400, 'validation_failed'],
  ['nothing counted', { accepted: 0 }, 400, 'piecework_invalid_count'],
  ['rejects without a reason', { accepted: 1, rejected: 1 }, 400, 'piecework_reject_reason_required'],
  ['rework return with nothing out for rework', { accepted: 1, reworkReturn: true }, 409, 'piecework_rework_exceeds'],
  ['a day in the closed period', { accepted: 1, collectedOn: closedDay }, 409, 'piecework_period_closed'],
  ['a day in the future', { accepted: 1, collectedOn: '2099-01-01' }, 400, 'validation_failed'],
])('refuses %s', (_label, counts, status, code) => {
  it(`with ${code} and changes nothing`, async () => {
    const auditBefore = await auditCount()
    const body = { workshopId: demo.workshop.id, ...entry(line, worker.id, counts) }
    const res = await api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(await api.db.select().from(pieceCollections).where(eq(pieceCollections.orderId, line.orderId))).toHaveLength(0)
    expect(await auditCount()).toBe(auditBefore)
  })
})

describe('refuses collections that do not belong', () => {
  it('a household of another workshop', async () => {
    const body = { workshopId: demo.workshop.id, ...entry(line, stranger?.id ?? '', { accepted: 1 }) }
    const res = await api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body })
    expect(res.status).toBe(400)
    expect(errorCodeOf(res)).toBe('piecework_worker_not_in_workshop')
  })

  it('an operation of another product', async () => {
    const otherLine = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 5)
    const body = { workshopId: demo.workshop.id, ...entry({ ...line, operationId: otherLine.operationId }, worker.id, { accepted: 1 }) }
    const res = await api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body })
    expect(errorCodeOf(res)).toBe('piecework_operation_mismatch')
  })

  it('an unknown order', async () => {
    const body = { workshopId: demo.workshop.id, ...entry({ ...line, orderId: randomUUID() }, worker.id, { accepted: 1 }) }
    const res = await api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body })
    expect(res.status).toBe(404)
  })

  it('a period closed while the entry waited offline comes back as that entry’s error', async () => {
    const queued = entry(line, worker.id, { accepted: 1, collectedOn: closedDay })
    const res = await api.call('POST', '/api/piecework/collections/sync', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, entries: [queued, { ...entry(line, worker.id, { accepted: 1 }), clientId: 'not-a-uuid' }] },
    })
    expect(res.status).toBe(200)
    const { results } = syncCollectionsResponse.parse(res.body)
    expect(results[0]).toMatchObject({ clientId: queued.clientId, outcome: 'error', code: 'piecework_period_closed' })
    expect(results[0]?.message).toMatch(/结账/)
    expect(results[1]).toMatchObject({ outcome: 'error', code: 'validation_failed' })
  })

  it('an oversized batch', async () => {
    const entries = Array.from({ length: 201 }, () => entry(line, worker.id, { accepted: 1 }))
    const res = await api.call('POST', '/api/piecework/collections/sync', { token: demo.headToken, body: { workshopId: demo.workshop.id, entries } })
    expect(res.status).toBe(400)
  })
})
