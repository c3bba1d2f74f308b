import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { bundleTickets, pieceCollections } from '../../../db/schema'
import { DEMO_TICKET_CODES } from '../../../db/seed/piecework'
import {
  createCollectionResponse,
  dashboardResponse,
  moveMaterialResponse,
  syncCollectionsResponse,
  ticketListResponse,
  ticketQrText,
  ticketSchema,
  workshopDetailResponse,
} from '../../../shared/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { auditActions, demoWorkshop, entry, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('高秀兰')
const headToken = demo.headToken

async function issueBundles(count: number, piecesPerBundle: number) {
  const line = await freshLine(api, demo.workshop.id, headToken, worker.id, 0, { quantity: 500 })
  const res = await api.call('POST', '/api/piecework/materials/move', {
    token: headToken,
    body: {
      workshopId: demo.workshop.id,
      orderId: line.orderId,
      workerId: worker.id,
      kind: 'issue',
      grams: count * piecesPerBundle * 100,
      expectedPieces: count * piecesPerBundle,
      movedOn: line.today,
      bundles: { operationId: line.operationId, piecesPerBundle, count },
    },
  })
  expect(res.status).toBe(201)
  return { line, tickets: moveMaterialResponse.parse(res.body).tickets }
}

const collectWith = (line: Awaited<ReturnType<typeof freshLine>>, code: string, accepted: number) =>
  api.call('POST', '/api/piecework/collections/create', {
    token: headToken,
    body: { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted, ticketCode: code }) },
  })

describe('bundle tickets (扎票)', () => {
  it('issuing material cuts it into bundles, each with a short code and its QR text', async () => {
    const { line, tickets } = await issueBundles(3, 10)
    expect(tickets).toHaveLength(3)
    expect(new Set(tickets.map((t) => t.code)).size).toBe(3)
    for (const t of tickets) {
      expect(t).toMatchObject({ workerId: worker.id, workerName: '高秀兰', orderId: line.orderId, operationId: line.operationId, pieces: 10, collected: null })
      expect(t.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/)
      expect(t.qrText).toBe(ticketQrText(t.code))
    }
    const rows = await api.db.select().from(bundleTickets).where(eq(bundleTickets.orderId, line.orderId))
    expect(rows).toHaveLength(3)
  })

  it('a scan fills the form: the lookup answers household, operation and the bundle’s count', async () => {
    const { tickets } = await issueBundles(1, 12)
    const [ticket] = tickets
    const res = await api.call('GET', '/api/piecework/tickets/lookup', {
      token: headToken,
      query: { workshopId: demo.workshop.id, code: ticket?.qrText ?? '' },
    })
    expect(res.status).toBe(200)
    expect(ticketSchema.parse(res.body)).toMatchObject({ code: ticket?.code, workerName: '高秀兰', pieces: 12, collected: null })
  })

  it('is collected once: a second scan is refused naming when and by whom, online and from the offline queue', async () => {
    const { line, tickets } = await issueBundles(2, 10)
    const code = tickets[0]?.code ?? ''
    const first = await collectWith(line, code, 10)
    expect(first.status).toBe(201)
    const collection = createCollectionResponse.parse(first.body).collection
    expect(collection.ticketCode).toBe(code)
    expect(await auditActions(api, api.demo.guanli, collection.id)).toEqual(['piecework.collection.recorded'])

    const again = await collectWith(line, code, 10)
    expect(again.status).toBe(409)
    expect(errorCodeOf(again)).toBe('piecework_ticket_collected')
    expect(JSON.stringify(again.body)).toMatch(/已经收过了：\d{4}-\d\d-\d\d \d\d:\d\d 由刘建国登记/)

    // The same ticket waiting in a phone's offline queue: refused there too, beside an entry that goes through.
    const queued = entry(line, worker.id, { accepted: 10, ticketCode: code })
    const other = entry(line, worker.id, { accepted: 10, ticketCode: tickets[1]?.code ?? '' })
    const sync = await api.call('POST', '/api/piecework/collections/sync', {
      token: headToken,
      body: { workshopId: demo.workshop.id, entries: [queued, other] },
    })
    const { results } = syncCollectionsResponse.parse(sync.body)
    expect(results.map((r) => r.code ?? r.outcome)).toEqual(['piecework_ticket_collected', 'ok'])
    expect(results[0]?.message).toMatch(/由刘建国登记/)
    expect(await api.db.select().from(pieceCollections).where(eq(pieceCollections.orderId, line.orderId))).toHaveLength(2)

    // Replaying the first entry itself (same client id) is a duplicate, not a second collection.
    const list = ticketListResponse.parse(
      (await api.call('GET', '/api/piecework/tickets/list', { token: headToken, query: { workshopId: demo.workshop.id } })).body,
    )
    expect(list.tickets.find((t) => t.code === code)?.collected).toMatchObject({ collectionId: collection.id, byName: '刘建国' })
  })

  it('one ticket scanned on two phones at once: one collection', async () => {
    const { line, tickets } = await issueBundles(1, 10)
    const code = tickets[0]?.code ?? ''
    const answers = await Promise.all([collectWith(line, code, 10), collectWith(line, code, 10)])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
    const refused = answers.find((a) => a.status === 409)
    expect(refused && errorCodeOf(refused)).toBe('piecework_ticket_collected')
    expect(await api.db.select().from(pieceCollections).where(eq(pieceCollections.orderId, line.orderId))).toHaveLength(1)
  })

  it('reconciles: the head sees tickets issued and not yet collected, in the list, the dashboard and the phone’s copy', async () => {
    const list = ticketListResponse.parse(
      (await api.call('GET', '/api/piecework/tickets/list', { token: headToken, query: { workshopId: demo.workshop.id, status: 'open' } })).body,
    )
    expect(list.tickets.every((t) => t.collected === null)).toBe(true)
    expect(list.summary.open).toBe(list.tickets.length)
    expect(list.summary.openPieces).toBe(list.tickets.reduce((s, t) => s + t.pieces, 0))
    expect(list.summary.issued).toBe(list.summary.collected + list.summary.open)
    // The demo: three tickets, one collected.
    expect(list.tickets.map((t) => t.code)).toEqual(expect.arrayContaining([DEMO_TICKET_CODES[1], DEMO_TICKET_CODES[2]]))
    expect(list.tickets.map((t) => t.code)).not.toContain(DEMO_TICKET_CODES[0])
    const board = dashboardResponse.parse(
      (await api.call('GET', '/api/piecework/dashboard', { token: headToken, query: { workshopId: demo.workshop.id } })).body,
    )
    expect(board.tickets).toEqual(list.summary)
    const detail = workshopDetailResponse.parse(
      (await api.call('GET', '/api/piecework/workshops/detail', { token: headToken, query: { workshopId: demo.workshop.id } })).body,
    )
    expect(detail.openTickets.map((t) => t.code).sort()).toEqual(list.tickets.map((t) => t.code).sort())
  })
})
