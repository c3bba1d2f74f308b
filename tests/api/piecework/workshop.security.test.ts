import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { memberships, villages } from '../../../db/schema'
import { PIECEWORK_DEMO } from '../../../db/seed/piecework'
import { householdSearchResponse } from '../../../shared/piecework'
import { errorCodeOf, setupApi } from '../../harness/api'
import { demoWorkshop, pieceworkState } from './fixture'

// The household search shows names, villages and heads of households: only a workshop's head may
// use it, and only over the villages that workshop may take workers from.

const api = await setupApi()
const demo = await demoWorkshop(api)
const [qianyang] = await api.db.select({ id: villages.id }).from(villages).where(eq(villages.name, '前杨村'))
if (!qianyang) throw new Error('no 前杨村')

// 青明, secretary of 高井嘎查, also heads a workshop there that names only 前杨村 as neighbour.
const baoId = await api.personId('青明')
await api.db.insert(memberships).values({ personId: baoId, villageId: api.demo.gaojing, role: 'workshop_head' })
const baoToken = await api.tokenFor('青明')
const created = await api.call<{ id: string }>('POST', '/api/piecework/workshops/create', {
  token: baoToken,
  body: { villageId: api.demo.gaojing, name: '高井嘎查编织坊', neighbourVillageIds: [qianyang.id] },
})
if (created.status !== 201) throw new Error(`workshop create ${created.status}`)
const gaojingWorkshop = created.body.id

const search = (token: string | undefined, workshopId: string, q: string) =>
  api.call('GET', '/api/piecework/households/search', { token, query: { workshopId, q } })

describe.each([
  ['a worker of this workshop from 馆里村', () => api.tokenFor('王桂香'), 403],
  ['a worker from a neighbouring village', () => api.tokenFor(PIECEWORK_DEMO.neighbourWorker), 403],
  ['the garden steward of another community', () => api.tokenFor('马淑兰'), 403],
  ['the head of another village’s workshop', async (): Promise<string> => baoToken, 403],
  ['nobody', async (): Promise<undefined> => undefined, 401],
] as const)('%s', (_label, token, status) => {
  it('cannot search 馆里村 workshop’s households', async () => {
    const res = await search(await token(), demo.workshop.id, '杨')
    expect(res.status).toBe(status)
    expect(['forbidden', 'not_member_of_village', 'unauthenticated']).toContain(errorCodeOf(res))
  })
  it('cannot page through its collections', async () => {
    const res = await api.call('GET', '/api/piecework/collections/list', {
      token: await token(),
      query: { workshopId: demo.workshop.id, from: '2026-01-01', to: '2099-12-31' },
    })
    expect(res.status).toBe(status)
  })
})

it('the branch of 馆里村 reads the pay sheet but cannot search households (adding workers is the head’s)', async () => {
  const villager = await api.personId('赵淑华')
  await api.db.insert(memberships).values({ personId: villager, villageId: api.demo.guanli, role: 'deputy_secretary' })
  const res = await search(await api.tokenFor('赵淑华'), demo.workshop.id, '杨')
  expect(errorCodeOf(res)).toBe('forbidden')
})

describe('a head searches only their village and its named neighbours', () => {
  it('高井嘎查’s head finds 前杨村 households (a named neighbour) but none of 后李村 or 馆里村', async () => {
    const yang = householdSearchResponse.parse((await search(baoToken, gaojingWorkshop, '杨')).body)
    expect(yang.households.length).toBeGreaterThan(0)
    expect(new Set(yang.households.map((h) => h.villageName))).toEqual(new Set(['前杨村']))
    // 后李村's 李 households and 馆里村's are beyond this workshop's area.
    const li = householdSearchResponse.parse((await search(baoToken, gaojingWorkshop, '李')).body)
    expect(li.households.map((h) => h.villageName).filter((v) => v !== '高井嘎查' && v !== '前杨村')).toEqual([])
    const liu = householdSearchResponse.parse((await search(baoToken, gaojingWorkshop, '刘建国')).body)
    expect(liu.households).toEqual([])
  })

  it('馆里村’s head finds none of 高井嘎查’s households, which workers/add would refuse', async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const found = householdSearchResponse.parse((await search(demo.headToken, demo.workshop.id, '青明')).body)
    expect(found.households).toEqual([])
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})
