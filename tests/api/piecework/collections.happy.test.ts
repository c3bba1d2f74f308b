import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { pieceCollections } from '../../../db/schema'
import { createCollectionResponse, syncCollectionsResponse } from '../../../shared/piecework'
import { setupApi } from '../../harness/api'
import { auditActions, demoWorkshop, entry, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('高秀兰')

async function collectionsOf(orderId: string) {
  return api.db.select().from(pieceCollections).where(eq(pieceCollections.orderId, orderId))
}

describe('POST /api/piecework/collections/create', () => {
  it('records an inspected collection once and audits it', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
    const body = { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 6, rejected: 1, rework: 1, rejectReason: '网眼不匀' }) }
    const res = await api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body })
    expect(res.status).toBe(201)
    const out = createCollectionResponse.parse(res.body)
    expect(out.outcome).toBe('ok')
    expect(out.collection).toMatchObject({ clientId: body.clientId, accepted: 6, rejected: 1, rework: 1, rejectReason: '网眼不匀' })
    const rows = await collectionsOf(line.orderId)
    expect(rows).toHaveLength(1)
    expect(await auditActions(api, api.demo.guanli, out.collection.id)).toEqual(['piecework.collection.recorded'])

    // The same entry again (a replayed queue or a double tap) is answered with the stored row.
    const again = await api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body })
    expect(again.status).toBe(201)
    expect(createCollectionResponse.parse(again.body)).toMatchObject({ outcome: 'duplicate', collection: { id: out.collection.id } })
    expect(await collectionsOf(line.orderId)).toHaveLength(1)
    expect(await auditActions(api, api.demo.guanli, out.collection.id)).toHaveLength(1)
  })

  it('counts concurrent double submits once', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
    const body = { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 4 }) }
    const results = await Promise.all([0, 1, 2].map(() => api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body })))
    expect(results.map((r) => r.status)).toEqual([201, 201, 201])
    const outcomes = results.map((r) => createCollectionResponse.parse(r.body).outcome).sort()
    expect(outcomes).toEqual(['duplicate', 'duplicate', 'ok'])
    const rows = await collectionsOf(line.orderId)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.accepted).toBe(4)
  })

  it('two phones collecting for the same household at once cannot both use the same material', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
    const bodies = [0, 1].map(() => ({ workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 6 }) }))
    const results = await Promise.all(bodies.map((body) => api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body })))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    const rows = await collectionsOf(line.orderId)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.accepted).toBe(6)
  })

  it('takes rework back and pays it only when accepted', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
    const first = { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 5, rework: 3 }) }
    expect((await api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body: first })).status).toBe(201)
    const back = { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 2, rejected: 1, rejectReason: '修不好', reworkReturn: true }) }
    const res = await api.call('POST', '/api/piecework/collections/create', { token: demo.headToken, body: back })
    expect(res.status).toBe(201)
    const rows = await collectionsOf(line.orderId)
    expect(rows.reduce((s, r) => s + r.accepted, 0)).toBe(7)
    expect(rows.reduce((s, r) => s + r.rejected, 0)).toBe(1)
  })
})

describe('POST /api/piecework/collections/sync', () => {
  it('answers per entry: ok, duplicate, error with a Chinese message — and a replay changes nothing', async () => {
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
    const a = entry(line, worker.id, { accepted: 3 })
    const b = entry(line, worker.id, { accepted: 2, rejected: 1, rejectReason: '破洞' })
    const tooMany = entry(line, worker.id, { accepted: 50 })
    const negative = { ...entry(line, worker.id, {}), accepted: -1 }
    const res = await api.call('POST', '/api/piecework/collections/sync', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, entries: [a, b, a, tooMany, negative] },
    })
    expect(res.status).toBe(200)
    const { results } = syncCollectionsResponse.parse(res.body)
    expect(results.map((r) => [r.clientId, r.outcome, r.code ?? null])).toEqual([
      [a.clientId, 'ok', null],
      [b.clientId, 'ok', null],
      [a.clientId, 'duplicate', null],
      [tooMany.clientId, 'error', 'piecework_over_collection'],
      [negative.clientId, 'error', 'piecework_invalid_count'],
    ])
    expect(results[3]?.message).toMatch(/材料/)
    const before = await collectionsOf(line.orderId)
    expect(before).toHaveLength(2)

    const replay = await api.call('POST', '/api/piecework/collections/sync', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, entries: [a, b] },
    })
    expect(syncCollectionsResponse.parse(replay.body).results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate'])
    const after = await collectionsOf(line.orderId)
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort())
    const [total] = await api.db.select({ n: count() }).from(pieceCollections).where(eq(pieceCollections.clientId, a.clientId))
    expect(total?.n).toBe(1)
  })

  it('decides a batch entry by entry, each seeing the ones before it, as if they had come one at a time', async () => {
    const other = demo.workerByName('孙玉芹')
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
    const otherLine = await freshLine(api, demo.workshop.id, demo.headToken, other.id, 4)
    // Material for 10 pieces: 6 fit, the next 6 do not (tolerance aside), 4 more do.
    const first = entry(line, worker.id, { accepted: 4, rework: 2 })
    const tooMany = entry(line, worker.id, { accepted: 6 })
    const rest = entry(line, worker.id, { accepted: 4 })
    // Rework sent back by `first` (2 pieces) can come back once; a third piece cannot.
    const reworkBack = entry(line, worker.id, { accepted: 2, reworkReturn: true })
    const reworkAgain = entry(line, worker.id, { accepted: 1, reworkReturn: true })
    // Another household's material is its own.
    const otherEntry = entry(otherLine, other.id, { accepted: 4 })
    const res = await api.call('POST', '/api/piecework/collections/sync', {
      token: demo.headToken,
      body: { workshopId: demo.workshop.id, entries: [first, tooMany, otherEntry, rest, reworkBack, reworkAgain] },
    })
    expect(res.status).toBe(200)
    const { results } = syncCollectionsResponse.parse(res.body)
    expect(results.map((r) => r.code ?? r.outcome)).toEqual(['ok', 'piecework_over_collection', 'ok', 'ok', 'ok', 'piecework_rework_exceeds'])
    const rows = await collectionsOf(line.orderId)
    expect(rows.map((r) => r.clientId).sort()).toEqual([first.clientId, rest.clientId, reworkBack.clientId].sort())
    expect(await collectionsOf(otherLine.orderId)).toHaveLength(1)
    // Each stored entry has its audit entry; the refused ones have none.
    for (const id of results.flatMap((r) => (r.collectionId ? [r.collectionId] : []))) {
      expect(await auditActions(api, demo.workshop.villageId, id)).toEqual(['piecework.collection.recorded'])
    }
    // The same entries one at a time get the same answers.
    const oneByOne = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
    const singles = [
      entry(oneByOne, worker.id, { accepted: 4, rework: 2 }),
      entry(oneByOne, worker.id, { accepted: 6 }),
      entry(oneByOne, worker.id, { accepted: 4 }),
      entry(oneByOne, worker.id, { accepted: 2, reworkReturn: true }),
      entry(oneByOne, worker.id, { accepted: 1, reworkReturn: true }),
    ]
    const codes: string[] = []
    for (const single of singles) {
      const answer = await api.call<{ error?: { code: string } }>('POST', '/api/piecework/collections/create', {
        token: demo.headToken,
        body: { workshopId: demo.workshop.id, ...single },
      })
      codes.push(answer.body.error?.code ?? String(answer.status))
    }
    expect(codes).toEqual(['201', 'piecework_over_collection', '201', '201', 'piecework_rework_exceeds'])
  })
})
