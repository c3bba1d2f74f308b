import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { pieceCollections } from '../../../db/schema'
import { PIECEWORK_DEMO } from '../../../db/seed/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, entry, freshLine } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('张凤英')
const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)

const callers = [
  ['no token', async () => undefined, 401, 'unauthenticated'],
  ['a worker of the workshop (not the head)', () => api.tokenFor('张凤英'), 403, 'forbidden'],
  ['a worker from a neighbouring village', () => api.tokenFor(PIECEWORK_DEMO.neighbourWorker), 403, 'not_member_of_village'],
  ['the secretary of another village', () => api.tokenFor('青明'), 403, 'not_member_of_village'],
] as const

describe.each(callers)('%s', (_label, token, status, code) => {
  it.each(['/api/piecework/collections/create', '/api/piecework/collections/sync'])('cannot use %s', async (path) => {
    const one = entry(line, worker.id, { accepted: 1 })
    const body = path.endsWith('sync') ? { workshopId: demo.workshop.id, entries: [one] } : { workshopId: demo.workshop.id, ...one }
    const res = await api.call('POST', path, { token: await token(), body })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(await api.db.select().from(pieceCollections).where(eq(pieceCollections.clientId, one.clientId))).toHaveLength(0)
  })
  it('cannot list collections', async () => {
    const res = await api.call('GET', '/api/piecework/collections/list', {
      token: await token(),
      query: { workshopId: demo.workshop.id, from: line.today, to: line.today },
    })
    expect(res.status).toBe(status)
  })
})

it('a forged token is refused', async () => {
  const res = await api.call('POST', '/api/piecework/collections/create', {
    token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad',
    body: { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 1 }) },
  })
  expect(res.status).toBe(401)
})
