import { describe, expect, it } from 'vitest'
import { moveMaterialResponse } from '../../../shared/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine, pieceworkState } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('孙玉芹')
const neighbour = demo.workerByName('高秀兰')
const headToken = demo.headToken
const line = await freshLine(api, demo.workshop.id, headToken, worker.id, 0, { quantity: 500 })
const otherLine = await freshLine(api, demo.workshop.id, headToken, worker.id, 10, { quantity: 500 })
const issued = await api.call('POST', '/api/piecework/materials/move', {
  token: headToken,
  body: {
    workshopId: demo.workshop.id,
    orderId: line.orderId,
    workerId: worker.id,
    kind: 'issue',
    grams: 2000,
    expectedPieces: 20,
    movedOn: line.today,
    bundles: { operationId: line.operationId, piecesPerBundle: 10, count: 2 },
  },
})
const [ticket] = moveMaterialResponse.parse(issued.body).tickets
const code = ticket?.code ?? ''

const collect = (counts: Parameters<typeof entry>[2], who = worker.id, on = line) => ({
  workshopId: demo.workshop.id,
  ...entry(on, who, { ticketCode: code, ...counts }),
})

describe.each<[string, () => Record<string, unknown>, number, string, RegExp]>([
  ['a ticket of another household', () => collect({ accepted: 10 }, neighbour.id), 400, 'piecework_ticket_mismatch', /发给别的户/],
  ['a ticket of another operation', () => collect({ accepted: 10 }, worker.id, otherLine), 400, 'piecework_ticket_mismatch', /工序/],
  ['more pieces than the bundle holds', () => collect({ accepted: 10, rejected: 1, rejectReason: '破洞' }), 400, 'piecework_ticket_pieces', /只有 10 件/],
  ['a ticket as a rework return', () => collect({ accepted: 1, reworkReturn: true }), 400, 'piecework_ticket_mismatch', /扎票/],
  ['a code no ticket has', () => collect({ accepted: 1, ticketCode: 'ZZZZZZ' }), 404, 'piecework_ticket_not_found', /找不到这张扎票/],
  ['a QR code that is no ticket', () => collect({ accepted: 1, ticketCode: 'https://example.com/pay' }), 400, 'validation_failed', /扎票码/],
])('a collection with %s is refused', (_label, make, status, code, message) => {
  it(`with ${code}, a Chinese message, and nothing changed`, async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', '/api/piecework/collections/create', { token: headToken, body: make() })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(JSON.stringify(res.body)).toMatch(message)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})

const issue = (extra: Record<string, unknown>) => ({
  workshopId: demo.workshop.id,
  orderId: line.orderId,
  workerId: worker.id,
  kind: 'issue',
  grams: 1000,
  movedOn: line.today,
  ...extra,
})

describe.each<[string, Record<string, unknown>, number, string, RegExp]>([
  [
    'more pieces in bundles than the material makes',
    issue({ bundles: { operationId: line.operationId, piecesPerBundle: 10, count: 2 } }),
    409,
    'piecework_bundles_exceed',
    /最多做 10 件/,
  ],
  [
    'bundles on a return',
    issue({ kind: 'return', bundles: { operationId: line.operationId, piecesPerBundle: 1, count: 1 } }),
    400,
    'validation_failed',
    /退料不打扎票/,
  ],
  [
    'bundles for an operation of another product',
    issue({ bundles: { operationId: otherLine.operationId, piecesPerBundle: 1, count: 1 } }),
    400,
    'piecework_operation_mismatch',
    /扎票的工序/,
  ],
  [
    'too many bundles at once',
    issue({ grams: 1_000_000, bundles: { operationId: line.operationId, piecesPerBundle: 1, count: 101 } }),
    400,
    'validation_failed',
    /最多打 100 张/,
  ],
  ['a bundle of no pieces', issue({ bundles: { operationId: line.operationId, piecesPerBundle: 0, count: 1 } }), 400, 'validation_failed', /至少 1 件/],
])('issuing %s is refused', (_label, body, status, code, message) => {
  it(`with ${code}, and no movement and no ticket stored`, async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', '/api/piecework/materials/move', { token: headToken, body })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(JSON.stringify(res.body)).toMatch(message)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})
