import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { pieceCollections, workshops } from '../../../db/schema'
import { PIECEWORK_DEMO } from '../../../db/seed/piecework'
import { createCollectionResponse } from '../../../shared/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine, pieceworkState } from './fixture'
import { DEMO_PEOPLE } from '../../../db/seed/demo'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('张凤英')
const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
const created = await api.call('POST', '/api/piecework/collections/create', {
  token: demo.headToken,
  body: { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 5 }) },
})
const collection = createCollectionResponse.parse(created.body).collection
const [other] = await api.db
  .insert(workshops)
  .values({ villageId: api.demo.caibei, name: '菜北编织组', headPersonId: await api.personId('马淑兰') })
  .returning()

const callers = [
  ['no token', async () => undefined, 401, 'unauthenticated'],
  ['the household itself (a worker, not the head)', () => api.tokenFor('张凤英'), 403, 'forbidden'],
  ['a worker from a neighbouring village', () => api.tokenFor(PIECEWORK_DEMO.neighbourWorker), 403, 'not_member_of_village'],
  ['the secretary of another village', () => api.tokenFor(DEMO_PEOPLE.secretary), 403, 'not_member_of_village'],
] as const

describe.each(callers)('%s', (_label, token, status, code) => {
  it('cannot void or correct a collection, and nothing changes', async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', '/api/piecework/collections/correct', {
      token: await token(),
      body: { workshopId: demo.workshop.id, clientId: randomUUID(), collectionId: collection.id, action: 'void', reason: '想少交' },
    })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})

it('the head of another workshop cannot reach this one’s collection through their own workshop', async () => {
  const before = await pieceworkState(api, api.demo.guanli)
  const res = await api.call('POST', '/api/piecework/collections/correct', {
    token: await api.tokenFor('马淑兰'),
    body: { workshopId: other?.id, clientId: randomUUID(), collectionId: collection.id, action: 'void', reason: '串门' },
  })
  // Refused as not theirs (403) or as not found in their workshop (404): never written.
  expect([403, 404]).toContain(res.status)
  expect(await api.db.select().from(pieceCollections).where(eq(pieceCollections.correctsId, collection.id))).toHaveLength(0)
  expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
})
