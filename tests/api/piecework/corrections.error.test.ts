import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { pieceCollections } from '../../../db/schema'
import { createCollectionResponse } from '../../../shared/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine, pieceworkState } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('孙玉芹')
const headToken = demo.headToken
const line = await freshLine(api, demo.workshop.id, headToken, worker.id, 10, { quantity: 10 })

async function collect(counts: Parameters<typeof entry>[2]) {
  const res = await api.call('POST', '/api/piecework/collections/create', {
    token: headToken,
    body: { workshopId: demo.workshop.id, ...entry(line, worker.id, counts) },
  })
  expect(res.status).toBe(201)
  return createCollectionResponse.parse(res.body).collection
}

const six = await collect({ accepted: 4, rework: 2 })
const reworkBack = await collect({ accepted: 2, reworkReturn: true })
// A closed-period collection of the demo: the first period's.
const [closedRow] = await api.db.select().from(pieceCollections).where(eq(pieceCollections.collectedOn, demo.closed.startsOn)).limit(1)
const voided = await collect({ accepted: 1 })
expect(
  (
    await api.call('POST', '/api/piecework/collections/correct', {
      token: headToken,
      body: { workshopId: demo.workshop.id, clientId: randomUUID(), collectionId: voided.id, action: 'void', reason: '记重了' },
    })
  ).status,
).toBe(201)
const [correctionRow] = await api.db.select().from(pieceCollections).where(eq(pieceCollections.correctsId, voided.id))

const body = (extra: Record<string, unknown>) => ({
  workshopId: demo.workshop.id,
  clientId: randomUUID(),
  action: 'correct',
  rejected: 0,
  rework: 0,
  reason: '更正',
  ...extra,
})

describe.each<[string, () => Record<string, unknown>, number, string, RegExp]>([
  ['a collection in a closed period', () => body({ collectionId: closedRow?.id, accepted: 1 }), 409, 'piecework_period_closed', /已结账.*下一周期.*调整/],
  ['the same counts again', () => body({ collectionId: six.id, accepted: 4, rework: 2 }), 400, 'piecework_correction_unchanged', /一样/],
  ['all zero instead of 作废', () => body({ collectionId: six.id, accepted: 0 }), 400, 'piecework_invalid_count', /作废/],
  ['more than the material makes', () => body({ collectionId: six.id, accepted: 9, rework: 2 }), 409, 'piecework_over_collection', /材料/],
  ['fewer rework than already came back', () => body({ collectionId: six.id, accepted: 5, rework: 1 }), 409, 'piecework_rework_exceeds', /返工/],
  ['a rework return beyond the rework out', () => body({ collectionId: reworkBack.id, accepted: 3 }), 409, 'piecework_rework_exceeds', /待返工/],
  ['rejects without a reason', () => body({ collectionId: six.id, accepted: 3, rejected: 1, rework: 2 }), 400, 'piecework_reject_reason_required', /原因/],
  ['a correction itself', () => body({ collectionId: correctionRow?.id, accepted: 1 }), 400, 'piecework_correction_target', /更正/],
  ['a voided collection', () => body({ collectionId: voided.id, accepted: 1 }), 409, 'piecework_correction_voided', /作废/],
  ['an unknown collection', () => body({ collectionId: randomUUID(), accepted: 1 }), 404, 'not_found', /找不到/],
  ['no reason', () => body({ collectionId: six.id, accepted: 3, reason: '' }), 400, 'validation_failed', /.+/],
  ['a correction without its counts', () => body({ collectionId: six.id, accepted: undefined }), 400, 'validation_failed', /三个数/],
])('refuses to correct %s', (_label, make, status, code, message) => {
  it(`with ${code}, a Chinese message, and nothing changed`, async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', '/api/piecework/collections/correct', { token: headToken, body: make() })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(JSON.stringify(res.body)).toMatch(message)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})
