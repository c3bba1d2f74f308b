import { count } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog } from '../../../db/schema'
import { DEMO_PEOPLE } from '../../../db/seed/demo'
import { errorBodySchema } from '../../../shared/errors'
import { errorCodeOf, setupApi } from '../../harness/api'

const api = await setupApi()
// 李福 of 一组4号 holds no office: a villager and his household's representative.
const villager = await api.tokenFor('李福')
const council = await api.someone(api.demo.gaojing, 'council_member')

describe('the village directory is for the village’s own cadres', () => {
  it.each([
    { who: 'no login', tokenOf: async () => undefined, villageId: api.demo.gaojing, status: 401, code: 'unauthenticated' },
    { who: 'an ordinary villager of the village', tokenOf: async () => villager, villageId: api.demo.gaojing, status: 403, code: 'forbidden' },
    {
      who: 'a red-and-white council member (not a reader of the roll)',
      tokenOf: async () => council.token,
      villageId: api.demo.gaojing,
      status: 403,
      code: 'forbidden',
    },
    {
      who: 'the secretary of another community',
      tokenOf: async () => api.tokenFor('马德利'),
      villageId: api.demo.gaojing,
      status: 403,
      code: 'not_member_of_village',
    },
    {
      who: 'the workshop head and secretary of another village',
      tokenOf: async () => api.tokenFor(DEMO_PEOPLE.workshopHead),
      villageId: api.demo.gaojing,
      status: 403,
      code: 'not_member_of_village',
    },
    {
      who: '高井嘎查’s secretary asking for 馆里村',
      tokenOf: async () => api.tokenFor(DEMO_PEOPLE.secretary),
      villageId: api.demo.guanli,
      status: 403,
      code: 'not_member_of_village',
    },
  ])('$who → $status $code, and nothing about anyone', async ({ tokenOf, villageId, status, code }) => {
    const [before] = await api.db.select({ n: count() }).from(auditLog)
    const res = await api.call('GET', '/api/villages/people', { token: await tokenOf(), query: { villageId, q: '包' } })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(errorBodySchema.parse(res.body).error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(JSON.stringify(res.body)).not.toContain('包巴特尔')
    const [after] = await api.db.select({ n: count() }).from(auditLog)
    expect(after?.n).toBe(before?.n)
  })

  it('a search typed as SQL or LIKE wildcards matches letters, not everyone', async () => {
    const secretary = await api.tokenFor(DEMO_PEOPLE.secretary)
    for (const q of ['%', '_', "' or 1=1 --"]) {
      const res = await api.call('GET', '/api/villages/people', { token: secretary, query: { villageId: api.demo.gaojing, q } })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ total: 0 })
    }
  })
})
