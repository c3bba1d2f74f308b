import { describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../../db/seed/demo'
import { errorBodySchema } from '../../../shared/errors'
import { errorCodeOf, setupApi } from '../../harness/api'

const api = await setupApi()
const secretary = await api.tokenFor(DEMO_PEOPLE.secretary)

describe('the village directory refuses what it cannot answer', () => {
  it.each([
    ['a village id that is not one', { villageId: 'gaojing' }, 'villageId'],
    ['a search of more than 20 characters', { q: '包'.repeat(21) }, 'q'],
    ['a page of more than 100', { limit: '101' }, 'limit'],
    ['a page of none', { limit: '0' }, 'limit'],
    ['a cursor made up by hand', { cursor: 'offset=30' }, 'cursor'],
  ])('%s → 400 validation_failed on %s', async (_what, query, path) => {
    const res = await api.call('GET', '/api/villages/people', { token: secretary, query: { villageId: api.demo.gaojing, ...query } })
    expect(res.status).toBe(400)
    expect(errorCodeOf(res)).toBe('validation_failed')
    const body = errorBodySchema.parse(res.body)
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(body.error.fields?.map((field) => field.path)).toContain(path)
  })

  it('a cursor past the end is an empty last page', async () => {
    const res = await api.call('GET', '/api/villages/people', { token: secretary, query: { villageId: api.demo.gaojing, cursor: 'pzz' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ people: [], nextCursor: null })
  })
})
