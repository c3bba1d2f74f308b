import { describe, expect, it } from 'vitest'
import { DEMO_TICKET_CODES, PIECEWORK_DEMO } from '../../../db/seed/piecework'
import { ticketListResponse } from '../../../shared/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop } from './fixture'
import { DEMO_PEOPLE } from '../../../db/seed/demo'

const api = await setupApi()
const demo = await demoWorkshop(api)

const outsiders = [
  ['no token', async () => undefined, 401, 'unauthenticated'],
  ['a worker of the workshop', () => api.tokenFor('张凤英'), 403, 'forbidden'],
  ['a worker from a neighbouring village', () => api.tokenFor(PIECEWORK_DEMO.neighbourWorker), 403, 'not_member_of_village'],
  ['the secretary of another village', () => api.tokenFor(DEMO_PEOPLE.secretary), 403, 'not_member_of_village'],
] as const

describe.each(outsiders)('%s', (_label, token, status, code) => {
  it('cannot list the tickets', async () => {
    const res = await api.call('GET', '/api/piecework/tickets/list', { token: await token(), query: { workshopId: demo.workshop.id } })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
  })
  it('cannot look a ticket up (whose household, how many pieces)', async () => {
    const res = await api.call('GET', '/api/piecework/tickets/lookup', {
      token: await token(),
      query: { workshopId: demo.workshop.id, code: DEMO_TICKET_CODES[1] },
    })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
  })
})

it('the branch secretary of the village may see the reconciliation, but not scan', async () => {
  const token = await api.tokenFor('刘建国')
  const list = await api.call('GET', '/api/piecework/tickets/list', { token, query: { workshopId: demo.workshop.id } })
  expect(ticketListResponse.parse(list.body).summary.issued).toBeGreaterThanOrEqual(3)
})
