import { and, count, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditOutbox, auditLog, pieceCollections, pieceRates } from '../../../db/schema'
import { syncCollectionsResponse, workshopDetailResponse } from '../../../shared/piecework'
import { setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('马红梅')
const other = demo.workerByName('高秀兰')

async function auditPayloads(subjectId: string): Promise<unknown[]> {
  const log = await api.db.select({ payload: auditLog.payload }).from(auditLog).where(eq(auditLog.subjectId, subjectId))
  const outbox = await api.db.select({ payload: auditOutbox.payload }).from(auditOutbox).where(eq(auditOutbox.subjectId, subjectId))
  return [...log, ...outbox].map((r) => r.payload)
}

describe('collections against an order', () => {
  it('accept up to the head’s tolerance (5 % of 100 is 5 pieces)', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 110, { quantity: 100 })
    const res = await api.call('POST', '/api/piecework/collections/create', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 105 }) },
    })
    expect(res.status).toBe(201)
    const detail = workshopDetailResponse.parse(
      (await api.call('GET', '/api/piecework/workshops/detail', { token: demo.headToken, query: { workshopId: demo.workshop.id } })).body,
    )
    expect(detail.orders.find((o) => o.id === line.orderId)?.countedByOperation).toEqual([{ operationId: line.operationId, counted: 105 }])
  })

  it('accept pieces beyond it only with the head’s 超出订单 and a reason, kept on the row and in the audit entry', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 40, { quantity: 10 })
    const body = { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 30 }), overOrder: true, overOrderReason: '客户电话追加20张' }
    const res = await api.call<{ collection: { id: string; overOrderReason: string } }>('POST', '/api/piecework/collections/create', {
      token: demo.headToken,
      body,
    })
    expect(res.status).toBe(201)
    expect(res.body.collection.overOrderReason).toBe('客户电话追加20张')
    const [row] = await api.db.select().from(pieceCollections).where(eq(pieceCollections.id, res.body.collection.id))
    expect(row).toMatchObject({ accepted: 30, overOrderReason: '客户电话追加20张' })
    expect(await auditPayloads(res.body.collection.id)).toEqual([expect.objectContaining({ accepted: 30, overOrderReason: '客户电话追加20张' })])
  })

  it('a rework return that finally rejects pieces frees their place in the order', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 20, { quantity: 10 })
    const call = (counts: Parameters<typeof entry>[2]) =>
      api.call('POST', '/api/piecework/collections/create', {
        token: demo.headToken,
        body: { workshopId: demo.workshop.id, ...entry(line, worker.id, counts) },
      })
    expect((await call({ accepted: 8, rework: 2 })).status).toBe(201)
    expect((await call({ accepted: 1 })).status).toBe(409)
    expect((await call({ accepted: 0, rejected: 2, rejectReason: '返工后仍破洞', reworkReturn: true })).status).toBe(201)
    expect((await call({ accepted: 2 })).status).toBe(201)
  })
})

describe('two phones syncing at the same moment', () => {
  it('cannot both take the last pieces of an order', async () => {
    // Several rounds, so the two transactions really overlap on Postgres at least once.
    for (let round = 0; round < 5; round++) {
      const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 0, { quantity: 10, gramsPerPiece: 0 })
      const sync = (workerId: string) =>
        api.call('POST', '/api/piecework/collections/sync', {
          token: demo.headToken,
          body: { workshopId: demo.workshop.id, entries: [entry(line, workerId, { accepted: 6 })] },
        })
      const answers = await Promise.all([sync(worker.id), sync(other.id)])
      const outcomes = answers.map((a) => syncCollectionsResponse.parse(a.body).results[0])
      expect(outcomes.map((o) => o?.code ?? o?.outcome).sort()).toEqual(['ok', 'piecework_over_order'])
      expect(outcomes.find((o) => o?.outcome === 'error')?.message).toMatch(/订单10件，已交12件，超出2件/)
      const [stored] = await api.db
        .select({ n: count(), pieces: sql<number>`sum(${pieceCollections.accepted})`.mapWith(Number) })
        .from(pieceCollections)
        .where(and(eq(pieceCollections.orderId, line.orderId)))
      expect(stored).toEqual({ n: 1, pieces: 6 })
    }
  })
})

describe('rates', () => {
  it('a rate far above the usual one is taken once the head confirms it', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 1)
    const res = await api.call<{ id: string }>('POST', '/api/piecework/rates/create', {
      token: demo.headToken,
      body: { operationId: line.operationId, rateFen: 5_000, effectiveFrom: '2099-01-01', confirmUnusualRate: true },
    })
    expect(res.status).toBe(201)
    expect((await api.db.select().from(pieceRates).where(eq(pieceRates.operationId, line.operationId))).map((r) => r.rateFen).sort()).toEqual([200, 5000])
    expect(await auditPayloads(line.operationId)).toEqual([expect.objectContaining({ rateFen: 5000, confirmedUnusual: true, usualFen: 200 })])
  })

  it('up to twice the usual one needs no confirmation', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 1)
    const res = await api.call('POST', '/api/piecework/rates/create', {
      token: demo.headToken,
      body: { operationId: line.operationId, rateFen: 400, effectiveFrom: '2099-01-01' },
    })
    expect(res.status).toBe(201)
  })
})
