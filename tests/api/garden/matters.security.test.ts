import { describe, expect, it } from 'vitest'
import { errorCodeOf, setupApi } from '../../harness/api'
import { addToHousehold, endVoting, matterSnapshot, OUTSIDER, putMatter, RESIDENT, RESIDENT_2, RESIDENT_3, STEWARD } from './matters-fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString()
const matterBody = {
  title: '自己提',
  body: '内容',
  kind: 'yes_no',
  options: [],
  electorate: 'residents',
  threshold: 'voting',
  opensAt: inDays(0),
  closesAt: inDays(3),
}
const minor = await addToHousehold(api, RESIDENT_2, '张小宝', new Date().getFullYear() - 14, ['villager'])

type Case = () => Promise<{ method: 'GET' | 'POST'; path: string; who: string; params: Record<string, unknown>; villageId?: string }>

describe('who may do what with a courtyard matter', () => {
  it.each<[string, Case, number, string]>([
    ['a resident putting a matter', async () => ({ method: 'POST', path: '/api/garden/matters/create', who: RESIDENT, params: matterBody }), 403, 'forbidden'],
    [
      'a member of another village putting one to this courtyard',
      async () => ({ method: 'POST', path: '/api/garden/matters/create', who: OUTSIDER, params: matterBody }),
      403,
      'not_member_of_village',
    ],
    [
      'a resident closing and publishing',
      async () => {
        const matterId = await putMatter(api)
        await endVoting(api, matterId)
        return { method: 'POST', path: '/api/garden/matters/close', who: RESIDENT, params: { matterId } }
      },
      403,
      'forbidden',
    ],
    [
      'a resident entering hands',
      async () => ({
        method: 'POST',
        path: '/api/garden/matters/hands',
        who: RESIDENT,
        params: { matterId: await putMatter(api), presentKeys: [], hands: { for: 0, against: 0, abstain: 0 } },
      }),
      403,
      'forbidden',
    ],
    [
      'a resident reading the roll',
      async () => ({ method: 'GET', path: '/api/garden/matters/roll', who: RESIDENT, params: { matterId: await putMatter(api) } }),
      403,
      'forbidden',
    ],
    [
      'a member of another village voting',
      async () => ({ method: 'POST', path: '/api/garden/matters/vote', who: OUTSIDER, params: { matterId: await putMatter(api), choice: 'for' } }),
      403,
      'not_member_of_village',
    ],
    [
      'a member of another village reading it',
      async () => ({ method: 'GET', path: '/api/garden/matters/detail', who: OUTSIDER, params: { matterId: await putMatter(api) } }),
      403,
      'not_member_of_village',
    ],
    // A convener of their own village (高井嘎查's secretary) naming it with this courtyard's matter: not found there.
    [
      'another village’s secretary closing this courtyard’s matter through their own village',
      async () => {
        const matterId = await putMatter(api)
        await endVoting(api, matterId)
        return { method: 'POST', path: '/api/garden/matters/close', who: OUTSIDER, params: { matterId }, villageId: api.demo.gaojing }
      },
      404,
      'not_found',
    ],
    [
      'a steward of this courtyard closing a matter of another village',
      async () => {
        const matterId = await putMatter(api, {}, OUTSIDER, api.demo.gaojing)
        await endVoting(api, matterId)
        return { method: 'POST', path: '/api/garden/matters/close', who: STEWARD, params: { matterId }, villageId: api.demo.gaojing }
      },
      403,
      'not_member_of_village',
    ],
    [
      'voting on this courtyard’s matter through another village',
      async () => ({
        method: 'POST',
        path: '/api/garden/matters/vote',
        who: OUTSIDER,
        params: { matterId: await putMatter(api), choice: 'for' },
        villageId: api.demo.gaojing,
      }),
      404,
      'not_found',
    ],
    [
      'a resident under 18',
      async () => ({ method: 'POST', path: '/api/garden/matters/vote', who: '张小宝', params: { matterId: await putMatter(api), choice: 'for' } }),
      403,
      'vote_under_18',
    ],
    [
      'a resident on a council-only matter',
      async () => ({
        method: 'POST',
        path: '/api/garden/matters/vote',
        who: RESIDENT_3,
        params: { matterId: await putMatter(api, { electorate: 'council' }), choice: 'for' },
      }),
      403,
      'vote_not_eligible',
    ],
    [
      'a non-representative on a per-household matter',
      async () => ({
        method: 'POST',
        path: '/api/garden/matters/vote',
        who: '张小宝',
        params: { matterId: await putMatter(api, { electorate: 'households' }), choice: 'for' },
      }),
      403,
      'vote_under_18',
    ],
  ])('%s', async (_name, arrange, status, code) => {
    const request = await arrange()
    const before = await matterSnapshot(api)
    const token = await api.tokenFor(request.who)
    const params = { villageId: request.villageId ?? villageId, ...request.params }
    const res =
      request.method === 'GET'
        ? await api.call('GET', request.path, { token, query: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })
        : await api.call('POST', request.path, { token, body: params })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(await matterSnapshot(api)).toEqual(before)
  })

  it('says why a person may not vote, on the screen, before they try', async () => {
    const matterId = await putMatter(api, { electorate: 'council' })
    const res = await api.call('GET', '/api/garden/matters/detail', { token: await api.tokenFor(RESIDENT_3), query: { villageId, matterId } })
    expect(res.body).toMatchObject({ mayVote: false, notEligibleReason: '这件事由居民议事会成员投票，您不是议事会成员' })
    const steward = await api.call('GET', '/api/garden/matters/detail', { token: await api.tokenFor(STEWARD), query: { villageId, matterId } })
    expect(steward.body).toMatchObject({ mayVote: true, notEligibleReason: null, mayManage: true })
    expect(minor).toBeTruthy()
  })
})
