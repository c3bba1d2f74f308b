import { describe, expect, it } from 'vitest'
import { errorCatalog } from '../../../shared/errors'
import { errorCodeOf, setupApi } from '../../harness/api'
import { close, endVoting, hands, matterSnapshot, putMatter, RESIDENT, RESIDENT_2, STEWARD, vote } from './matters-fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString()
const create = (body: Record<string, unknown>) => ({
  path: '/api/garden/matters/create',
  who: STEWARD,
  body: {
    title: '测试',
    body: '内容',
    kind: 'yes_no',
    options: [],
    electorate: 'residents',
    threshold: 'voting',
    opensAt: inDays(0),
    closesAt: inDays(3),
    ...body,
  },
})

type Case = () => Promise<{ path: string; who: string; body: Record<string, unknown> }>

describe('courtyard matter refusals: status, code, message, and nothing changed', () => {
  it.each<[string, Case, number, string, string?]>([
    ['named options on a yes/no matter', async () => create({ options: ['甲', '乙'] }), 400, 'garden_matter_options_invalid'],
    ['a choice with one option', async () => create({ kind: 'choice', options: ['只种西红柿'] }), 400, 'garden_matter_options_invalid'],
    ['a choice with the same option twice', async () => create({ kind: 'choice', options: ['黄瓜', '黄瓜'] }), 400, 'garden_matter_options_invalid'],
    ['closing before it opens', async () => create({ opensAt: inDays(3), closesAt: inDays(1) }), 400, 'garden_matter_window_invalid'],
    ['a window already past', async () => create({ opensAt: inDays(-5), closesAt: inDays(-1) }), 400, 'garden_matter_window_invalid'],
    ['a window of more than 60 days', async () => create({ closesAt: inDays(61) }), 400, 'garden_matter_window_invalid'],
    ['an unknown threshold', async () => create({ threshold: 'two_thirds' }), 400, 'validation_failed'],
    ['a duty that does not exist', async () => create({ pausesDutyId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found', '找不到这项值班'],
    [
      'voting before it opens',
      async () => ({
        path: '/api/garden/matters/vote',
        who: RESIDENT,
        body: { matterId: await putMatter(api, { opensAt: inDays(1), closesAt: inDays(3) }), choice: 'for' },
      }),
      409,
      'garden_matter_not_open',
    ],
    [
      'voting after it closed',
      async () => {
        const matterId = await putMatter(api)
        await endVoting(api, matterId)
        return { path: '/api/garden/matters/vote', who: RESIDENT, body: { matterId, choice: 'for' } }
      },
      409,
      'garden_matter_voting_ended',
    ],
    [
      'changing a vote after the result is published',
      async () => {
        const matterId = await putMatter(api)
        await vote(api, RESIDENT, matterId, 'for')
        await endVoting(api, matterId)
        await close(api, matterId)
        return { path: '/api/garden/matters/vote', who: RESIDENT, body: { matterId, choice: 'against' } }
      },
      409,
      'garden_matter_decided',
    ],
    [
      'an option the matter does not have',
      async () => ({ path: '/api/garden/matters/vote', who: RESIDENT, body: { matterId: await putMatter(api), choice: 'o1' } }),
      400,
      'garden_matter_choice_invalid',
    ],
    [
      'an option that is not an option at all',
      async () => ({ path: '/api/garden/matters/vote', who: RESIDENT, body: { matterId: await putMatter(api), choice: 'yes' } }),
      400,
      'validation_failed',
    ],
    [
      'an app ballot from someone whose hand was counted',
      async () => {
        const matterId = await putMatter(api)
        await hands(api, matterId, [RESIDENT], { for: 1, against: 0, abstain: 0 })
        return { path: '/api/garden/matters/vote', who: RESIDENT, body: { matterId, choice: 'against' } }
      },
      409,
      'vote_hands_already_counted',
      '您在居民会议上已经举手表决过了，不能再在手机上投票',
    ],
    [
      'more hands than people at the meeting who have not voted in the app',
      async () => {
        const matterId = await putMatter(api)
        await vote(api, RESIDENT, matterId, 'for')
        return {
          path: '/api/garden/matters/hands',
          who: STEWARD,
          body: { matterId, presentKeys: [await api.personId(RESIDENT), await api.personId(RESIDENT_2)], hands: { for: 2, against: 0, abstain: 0 } },
        }
      },
      400,
      'vote_hands_exceed_present',
      '举手共2人，超过了最多1人（到会2人，其中已在手机投票1人）',
    ],
    [
      'hands without every option',
      async () => ({ path: '/api/garden/matters/hands', who: STEWARD, body: { matterId: await putMatter(api), presentKeys: [], hands: { for: 0 } } }),
      400,
      'garden_matter_choice_invalid',
      '每个选项都要填举手人数（没有人举手填0）',
    ],
    [
      'someone at the meeting who may not vote on it',
      async () => ({
        path: '/api/garden/matters/hands',
        who: STEWARD,
        body: {
          matterId: await putMatter(api, { electorate: 'council' }),
          presentKeys: [await api.personId('李永强')],
          hands: { for: 1, against: 0, abstain: 0 },
        },
      }),
      400,
      'garden_matter_present_invalid',
    ],
    [
      'the same person twice at the meeting',
      async () => ({
        path: '/api/garden/matters/hands',
        who: STEWARD,
        body: {
          matterId: await putMatter(api),
          presentKeys: [await api.personId(RESIDENT_2), await api.personId(RESIDENT_2)],
          hands: { for: 2, against: 0, abstain: 0 },
        },
      }),
      400,
      'garden_matter_present_invalid',
      '到会名单里有人重复了',
    ],
    [
      'closing early with no meeting held',
      async () => ({ path: '/api/garden/matters/close', who: STEWARD, body: { matterId: await putMatter(api) } }),
      409,
      'garden_matter_still_voting',
    ],
    [
      'closing twice',
      async () => {
        const matterId = await putMatter(api)
        await endVoting(api, matterId)
        await close(api, matterId)
        return { path: '/api/garden/matters/close', who: STEWARD, body: { matterId } }
      },
      409,
      'garden_matter_decided',
    ],
    [
      'hands after the result is published',
      async () => {
        const matterId = await putMatter(api)
        await endVoting(api, matterId)
        await close(api, matterId)
        return { path: '/api/garden/matters/hands', who: STEWARD, body: { matterId, presentKeys: [], hands: { for: 0, against: 0, abstain: 0 } } }
      },
      409,
      'garden_matter_decided',
    ],
    [
      'a matter that does not exist',
      async () => ({ path: '/api/garden/matters/vote', who: RESIDENT, body: { matterId: '00000000-0000-4000-8000-000000000000', choice: 'for' } }),
      404,
      'not_found',
      '找不到这件事',
    ],
  ])('%s', async (_name, arrange, status, code, message) => {
    const request = await arrange()
    const before = await matterSnapshot(api)
    const res = await api.call('POST', request.path, { token: await api.tokenFor(request.who), body: { villageId, ...request.body } })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    const expected = message ?? (code in errorCatalog ? errorCatalog[code as keyof typeof errorCatalog].message : '')
    if (code !== 'validation_failed') expect(res.body).toMatchObject({ error: { message: expected } })
    expect(await matterSnapshot(api)).toEqual(before)
  })
})
