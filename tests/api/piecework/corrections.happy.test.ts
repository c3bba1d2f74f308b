import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { pieceCollections } from '../../../db/schema'
import { correctCollectionResponse, createCollectionResponse, dashboardResponse, paySheetResponse, workshopDetailResponse } from '../../../shared/piecework'
import { setupApi } from '../../harness/api'
import { auditActions, demoWorkshop, entry, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('高秀兰')
const headToken = demo.headToken

async function collect(line: Awaited<ReturnType<typeof freshLine>>, counts: Parameters<typeof entry>[2]) {
  const res = await api.call('POST', '/api/piecework/collections/create', {
    token: headToken,
    body: { workshopId: demo.workshop.id, ...entry(line, worker.id, counts) },
  })
  expect(res.status).toBe(201)
  return createCollectionResponse.parse(res.body).collection
}

const correct = (body: Record<string, unknown>) =>
  api.call('POST', '/api/piecework/collections/correct', { token: headToken, body: { workshopId: demo.workshop.id, clientId: randomUUID(), ...body } })

async function payLine() {
  const sheet = paySheetResponse.parse((await api.call('GET', '/api/piecework/pay-sheet', { token: headToken, query: { periodId: demo.open.id } })).body)
  return sheet.lines.find((l) => l.workerId === worker.id)
}

async function orderCounted(orderId: string, operationId: string) {
  const detail = workshopDetailResponse.parse(
    (await api.call('GET', '/api/piecework/workshops/detail', { token: headToken, query: { workshopId: demo.workshop.id } })).body,
  )
  return detail.orders.find((o) => o.id === orderId)?.countedByOperation.find((c) => c.operationId === operationId)?.counted ?? 0
}

describe('correcting a collection in an open period', () => {
  it('a typo 60 for 6: corrected by a linked record, and pay, material and the order follow', async () => {
    const line = await freshLine(api, demo.workshop.id, headToken, worker.id, 70, { quantity: 100, rateFen: 250 })
    const payBefore = (await payLine())?.grossFen ?? 0
    const typo = await collect(line, { accepted: 60 })
    expect((await payLine())?.grossFen).toBe(payBefore + 60 * 250)
    expect(await orderCounted(line.orderId, line.operationId)).toBe(60)

    const res = await correct({ collectionId: typo.id, action: 'correct', accepted: 6, rejected: 0, rework: 0, reason: '多按了一个 0' })
    expect(res.status).toBe(201)
    const out = correctCollectionResponse.parse(res.body)
    expect(out.counts).toEqual({ accepted: 6, rejected: 0, rework: 0 })
    expect(out.correction).toMatchObject({
      correctsId: typo.id,
      correctionReason: '多按了一个 0',
      accepted: -54,
      rejected: 0,
      rework: 0,
      collectedOn: typo.collectedOn,
    })

    // The original is as it was typed; the correction sits beside it.
    const rows = await api.db.select().from(pieceCollections).where(eq(pieceCollections.orderId, line.orderId))
    expect(rows.find((r) => r.id === typo.id)).toMatchObject({ accepted: 60, correctsId: null })
    expect(rows).toHaveLength(2)
    expect((await payLine())?.grossFen).toBe(payBefore + 6 * 250)
    expect(await orderCounted(line.orderId, line.operationId)).toBe(6)
    const board = dashboardResponse.parse(
      (await api.call('GET', '/api/piecework/dashboard', { token: headToken, query: { workshopId: demo.workshop.id } })).body,
    )
    expect(board.material.find((m) => m.workerId === worker.id && m.issued === 7000)).toMatchObject({ used: 600, outstanding: 6400 })
    expect(await auditActions(api, api.demo.guanli, out.correction.id)).toEqual(['piecework.collection.corrected'])

    // The material freed by the correction can be collected again.
    await collect(line, { accepted: 60 })
  })

  it('voids a collection: it counts nothing anywhere, and cannot be voided or corrected again', async () => {
    const line = await freshLine(api, demo.workshop.id, headToken, worker.id, 10)
    const wrong = await collect(line, { accepted: 4, rejected: 1, rejectReason: '破洞' })
    const res = await correct({ collectionId: wrong.id, action: 'void', reason: '记错了户' })
    expect(res.status).toBe(201)
    expect(correctCollectionResponse.parse(res.body).counts).toEqual({ accepted: 0, rejected: 0, rework: 0 })
    expect(await orderCounted(line.orderId, line.operationId)).toBe(0)
    expect(await auditActions(api, api.demo.guanli, correctCollectionResponse.parse(res.body).correction.id)).toEqual(['piecework.collection.voided'])
    const again = await correct({ collectionId: wrong.id, action: 'void', reason: '再作废' })
    expect(again.status).toBe(409)
  })

  it('a retried correction (same client id) is recorded once', async () => {
    const line = await freshLine(api, demo.workshop.id, headToken, worker.id, 10)
    const c = await collect(line, { accepted: 5 })
    const body = {
      workshopId: demo.workshop.id,
      clientId: randomUUID(),
      collectionId: c.id,
      action: 'correct',
      accepted: 4,
      rejected: 0,
      rework: 0,
      reason: '少一件',
    }
    const answers = await Promise.all([0, 1].map(() => api.call('POST', '/api/piecework/collections/correct', { token: headToken, body })))
    expect(answers.map((a) => a.status)).toEqual([201, 201])
    expect(answers.map((a) => correctCollectionResponse.parse(a.body).outcome).sort()).toEqual(['duplicate', 'ok'])
    expect(await api.db.select().from(pieceCollections).where(eq(pieceCollections.correctsId, c.id))).toHaveLength(1)
  })

  it('the database refuses to edit or delete a collection', async () => {
    const line = await freshLine(api, demo.workshop.id, headToken, worker.id, 10)
    const c = await collect(line, { accepted: 3 })
    await expect(api.db.update(pieceCollections).set({ accepted: 30 }).where(eq(pieceCollections.id, c.id))).rejects.toThrow()
    await expect(api.db.delete(pieceCollections).where(eq(pieceCollections.id, c.id))).rejects.toThrow()
    // A correction that would leave negative counts, or changes the household, is refused by the database too.
    const base = {
      clientId: randomUUID(),
      workshopId: demo.workshop.id,
      orderId: line.orderId,
      operationId: line.operationId,
      collectedOn: line.today,
      rejected: 0,
      rework: 0,
      correctsId: c.id,
      correctionReason: 'x',
    }
    await expect(api.db.insert(pieceCollections).values({ ...base, workerId: worker.id, accepted: -4 })).rejects.toThrow()
    await expect(api.db.insert(pieceCollections).values({ ...base, workerId: demo.workerByName('孙玉芹').id, accepted: -1 })).rejects.toThrow()
    const [row] = await api.db.select({ accepted: pieceCollections.accepted }).from(pieceCollections).where(eq(pieceCollections.id, c.id))
    expect(row?.accepted).toBe(3)
  })
})

describe('a correction racing a period close', () => {
  it('has exactly one consistent outcome: in the closing snapshot, or refused as closed', async () => {
    const line = await freshLine(api, demo.workshop.id, headToken, worker.id, 10)
    const c = await collect(line, { accepted: 8 })
    const [close, correction] = await Promise.all([
      api.call('POST', '/api/piecework/periods/close', { token: headToken, body: { periodId: demo.open.id } }),
      correct({ collectionId: c.id, action: 'correct', accepted: 5, rejected: 0, rework: 0, reason: '点错了' }),
    ])
    expect(close.status).toBe(200)
    const sheet = paySheetResponse.parse(close.body)
    const line8or5 = sheet.lines.find((l) => l.workerId === worker.id)?.byRate.find((r) => r.operationId === line.operationId)?.acceptedPieces
    if (correction.status === 201) expect(line8or5).toBe(5)
    else {
      expect(correction.status).toBe(409)
      expect(JSON.stringify(correction.body)).toMatch(/下一周期/)
      expect(line8or5).toBe(8)
      expect(await api.db.select().from(pieceCollections).where(eq(pieceCollections.correctsId, c.id))).toHaveLength(0)
    }
    // Whatever won, the snapshot equals the collections as they stand now.
    const [live] = await api.db
      .select({ n: sql<number>`coalesce(sum(${pieceCollections.accepted}), 0)`.mapWith(Number) })
      .from(pieceCollections)
      .where(eq(pieceCollections.operationId, line.operationId))
    expect(live?.n).toBe(line8or5)
  })
})
