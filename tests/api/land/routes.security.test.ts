import { and, count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { landNominations, landVotes } from '../../../db/schema'
import { routes } from '../../../functions/routes'
import { errorCodeOf, setupApi } from '../../harness/api'
import { tinyJpegBase64 } from './_photos'
import { cast, createYear, gaojingAdults, gaojingHouseholds, idOf, nominateAndApprove, openMotion, openUrgentMeeting, tokenForId } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const adults = await gaojingAdults(api)

// One of everything, so each route can be called with real ids of 高井嘎查.
const awardYearId = await createYear(api, who.secretary)
const [nominationId] = await nominateAndApprove(
  api,
  who.secretary,
  awardYearId,
  homes.slice(0, 2).map((home) => home.id),
)
const pendingNomination = idOf(
  await api.call('POST', '/api/land/nominations/create', {
    token: who.secretary,
    body: { awardYearId, householdId: homes[2]?.id, deedKind: 'other', deedDate: '2026-01-01' },
  }),
)
const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: adults.map((adult) => adult.id) } })
const motionId = await openMotion(api, who.secretary, meetingId, [nominationId ?? ''])
const objectionless = '00000000-0000-4000-8000-000000000001'
const photoId = idOf(await api.call('POST', '/api/land/evidence/upload', { token: who.secretary, body: { awardYearId, dataBase64: tinyJpegBase64() } }))

type Case = { path: string; method: 'GET' | 'POST'; input: Record<string, unknown>; leaderOnly: boolean; roleCode?: string }
const cases: Case[] = [
  {
    method: 'POST',
    path: '/api/land/years/create',
    input: { villageId: api.demo.gaojing, year: 2050, perHouseholdTenthMu: 120, season: 's', parcels: [{ name: 'z', areaTenthMu: 120 }] },
    leaderOnly: true,
  },
  { method: 'GET', path: '/api/land/years/current', input: { villageId: api.demo.gaojing }, leaderOnly: false },
  { method: 'GET', path: '/api/land/history', input: { villageId: api.demo.gaojing }, leaderOnly: false },
  { method: 'GET', path: '/api/land/years/list', input: { villageId: api.demo.gaojing }, leaderOnly: false },
  {
    method: 'POST',
    path: '/api/land/nominations/create',
    input: { awardYearId, householdId: homes[3]?.id, deedKind: 'other', deedDate: '2026-01-01' },
    leaderOnly: true,
  },
  { method: 'POST', path: '/api/land/nominations/review', input: { nominationId: pendingNomination, decision: 'approved' }, leaderOnly: true },
  { method: 'POST', path: '/api/land/meetings/create', input: { awardYearId, type: 'assembly', title: 't', meetingDate: '2030-01-01' }, leaderOnly: true },
  { method: 'POST', path: '/api/land/meetings/open', input: { meetingId }, leaderOnly: true },
  { method: 'POST', path: '/api/land/meetings/close', input: { meetingId }, leaderOnly: true },
  { method: 'POST', path: '/api/land/meetings/roll-call', input: { meetingId, personIds: [who.villagerId] }, leaderOnly: true },
  { method: 'POST', path: '/api/land/meetings/check-in', input: { meetingId }, leaderOnly: false },
  { method: 'GET', path: '/api/land/meetings/roster', input: { meetingId }, leaderOnly: true },
  { method: 'POST', path: '/api/land/motions/create', input: { meetingId, kind: 'candidate', title: 't', candidateIds: [nominationId] }, leaderOnly: true },
  { method: 'POST', path: '/api/land/motions/open', input: { motionId }, leaderOnly: true },
  { method: 'POST', path: '/api/land/motions/close', input: { motionId }, leaderOnly: true },
  { method: 'GET', path: '/api/land/motions/tally', input: { motionId }, leaderOnly: false },
  { method: 'GET', path: '/api/land/motions/audit', input: { motionId }, leaderOnly: false },
  { method: 'POST', path: '/api/land/votes/cast', input: { motionId, choice: 'for' }, leaderOnly: false },
  { method: 'GET', path: '/api/land/votes/mine', input: { motionId }, leaderOnly: false },
  { method: 'GET', path: '/api/land/votes/assisted', input: { villageId: api.demo.gaojing }, leaderOnly: false },
  { method: 'POST', path: '/api/land/assistance/mark', input: { villageId: api.demo.gaojing, personId: who.villagerId, need: 'elderly' }, leaderOnly: true },
  {
    method: 'POST',
    path: '/api/land/hands/enter',
    input: { motionId, hands: { for: 1, against: 0, abstain: 0 } },
    leaderOnly: true,
    roleCode: 'land_hands_secretary_only',
  },
  { method: 'POST', path: '/api/land/notices/publish', input: { awardYearId }, leaderOnly: true },
  { method: 'GET', path: '/api/land/allocations/list', input: { awardYearId }, leaderOnly: false },
  { method: 'POST', path: '/api/land/evidence/upload', input: { awardYearId, dataBase64: tinyJpegBase64() }, leaderOnly: false },
  { method: 'GET', path: '/api/land/evidence/photo', input: { photoId }, leaderOnly: false },
  { method: 'GET', path: '/api/land/nominations/households', input: { awardYearId }, leaderOnly: false },
  { method: 'POST', path: '/api/land/meetings/cancel', input: { meetingId, reason: '测试' }, leaderOnly: true },
  { method: 'POST', path: '/api/land/meetings/postpone', input: { meetingId, meetingDate: '2030-01-01', reason: '测试' }, leaderOnly: true },
  { method: 'POST', path: '/api/land/allocations/assign', input: { awardYearId, householdId: homes[0]?.id, parcelIds: [objectionless] }, leaderOnly: true },
]

function request(c: Case, token?: string) {
  return c.method === 'GET'
    ? api.call('GET', c.path, { ...(token ? { token } : {}), query: c.input as Record<string, string> })
    : api.call('POST', c.path, { ...(token ? { token } : {}), body: c.input })
}

describe('every land route is covered here', () => {
  it('lists all registered /api/land routes except the notice/objection ones tested below', () => {
    const registered = routes.filter((route) => route.path.startsWith('/api/land/')).map((route) => route.path)
    // notices/public is public by law (村务公开) and proven in notices-public.test.ts.
    const covered = new Set([
      ...cases.map((c) => c.path),
      '/api/land/notices/public',
      '/api/land/notices/get',
      '/api/land/notices/confirm',
      '/api/land/notices/correct',
      '/api/land/objections/file',
      '/api/land/objections/reply',
    ])
    expect(registered.filter((path) => !covered.has(path))).toEqual([])
  })
})

describe.each(cases)('$method $path', (c) => {
  it('refuses an anonymous caller', async () => {
    const res = await request(c)
    expect(res.status).toBe(401)
    expect(errorCodeOf(res)).toBe('unauthenticated')
  })
  it('refuses a member of another village', async () => {
    const res = await request(c, who.outsider)
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('not_member_of_village')
  })
  if (c.leaderOnly) {
    it('refuses a plain villager', async () => {
      const res = await request(c, who.villager)
      expect(res.status).toBe(403)
      expect(errorCodeOf(res)).toBe(c.roleCode ?? 'forbidden')
    })
  }
})

describe('who may act for whom', () => {
  it('lets a villager apply for his own household only, marked as a self-application', async () => {
    const villagerHome = (await api.db.select({ id: landNominations.householdId }).from(landNominations)).length
    expect(villagerHome).toBeGreaterThan(0)
    const me = await api.call('GET', '/api/me', { token: who.villager })
    const householdId = (me.body as { person: { householdId: string } }).person.householdId
    const own = await api.call('POST', '/api/land/nominations/create', {
      token: who.villager,
      body: { awardYearId, householdId, deedKind: 'no_full_month_banquet', deedDate: '2026-04-01', notes: '孙子满月没有办酒' },
    })
    expect(own.status).toBe(201)
    const [row] = await api.db
      .select()
      .from(landNominations)
      .where(eq(landNominations.id, idOf(own)))
    expect(row).toMatchObject({ selfApplied: true, status: 'pending' })
  })
  it('does not let a villager vote for someone else, while a cadre may, marked assisted', async () => {
    const elder = adults.find((adult) => adult.id !== who.villagerId)
    if (!elder) throw new Error('no elder')
    const assistance = { requestedBy: 'self', reason: '眼睛看不清手机屏幕' }
    const res = await api.call('POST', '/api/land/votes/cast', {
      token: who.villager,
      body: { motionId, choice: 'for', onBehalfOfPersonId: elder.id, assistance },
    })
    expect(errorCodeOf(res)).toBe('forbidden')
    const [none] = await api.db
      .select({ n: count() })
      .from(landVotes)
      .where(and(eq(landVotes.motionId, motionId), eq(landVotes.personId, elder.id)))
    expect(none?.n).toBe(0)
    const cadre = await api.call('POST', '/api/land/votes/cast', {
      token: who.deputy,
      body: { motionId, choice: 'against', onBehalfOfPersonId: elder.id, assistance },
    })
    expect(cadre.status).toBe(200)
    const [ballot] = await api.db
      .select()
      .from(landVotes)
      .where(and(eq(landVotes.motionId, motionId), eq(landVotes.personId, elder.id)))
    expect(ballot).toMatchObject({ assisted: true, choice: 'against' })
  })
  it('does not let a cadre of another village record a vote here', async () => {
    const foreignSecretary = await api.someone(api.demo.guanli, 'secretary')
    const res = await api.call('POST', '/api/land/votes/cast', {
      token: foreignSecretary.token,
      body: { motionId, choice: 'for', onBehalfOfPersonId: who.villagerId, assistance: { requestedBy: 'self' } },
    })
    expect(errorCodeOf(res)).toBe('not_member_of_village')
  })
  it('lets the deputy secretary but not a committee member enter hands', async () => {
    const committee = await api.someone(api.demo.gaojing, 'committee_member')
    expect(
      errorCodeOf(await api.call('POST', '/api/land/hands/enter', { token: committee.token, body: { motionId, hands: { for: 1, against: 0, abstain: 0 } } })),
    ).toBe('land_hands_secretary_only')
    expect((await api.call('POST', '/api/land/hands/enter', { token: who.deputy, body: { motionId, hands: { for: 1, against: 0, abstain: 0 } } })).status).toBe(
      200,
    )
  })
  it('refuses oversized and malformed input without a 500', async () => {
    const big = await api.call('POST', '/api/land/objections/file', { token: who.villager, body: { noticeId: objectionless, text: '异'.repeat(501) } })
    expect(errorCodeOf(big)).toBe('validation_failed')
    const bad = await api.call('POST', '/api/land/votes/cast', {
      token: who.villager,
      rawBody: '{"motionId":',
      headers: { 'content-type': 'application/json' },
    })
    expect(errorCodeOf(bad)).toBe('invalid_json')
    const notUuid = await api.call('GET', '/api/land/motions/tally', { token: who.villager, query: { motionId: "1' or 1=1" } })
    expect(errorCodeOf(notUuid)).toBe('validation_failed')
    const hands = await api.call('POST', '/api/land/hands/enter', { token: who.secretary, body: { motionId, hands: { for: -1, against: 0, abstain: 0 } } })
    expect(errorCodeOf(hands)).toBe('validation_failed')
    const photos = await api.call('POST', '/api/land/nominations/create', {
      token: who.secretary,
      body: { awardYearId, householdId: homes[7]?.id, deedKind: 'other', deedDate: '2026-01-01', evidenceUrls: ['javascript:alert(1)'] },
    })
    expect(errorCodeOf(photos)).toBe('validation_failed')
  })
  it('keeps notices and objections to the village', async () => {
    const notice = await api.call('GET', '/api/land/notices/get', { token: who.outsider, query: { noticeId: objectionless } })
    expect(errorCodeOf(notice)).toBe('not_found')
    const voter = adults[3]
    if (!voter) throw new Error('no adult')
    // the other village's member cannot read this village's motion log either
    expect(errorCodeOf(await api.call('GET', '/api/land/motions/audit', { token: who.outsider, query: { motionId } }))).toBe('not_member_of_village')
    expect((await api.call('GET', '/api/land/motions/audit', { token: await tokenForId(voter.id), query: { motionId } })).status).toBe(200)
  })
})

describe('a ballot from a login whose person no longer exists', () => {
  it('is refused as unauthenticated, whether or not the motion exists, and stores nothing', async () => {
    const ghost = await tokenForId('00000000-0000-4000-8000-00000000dead')
    const [before] = await api.db.select({ n: count() }).from(landVotes)
    for (const target of [motionId, '00000000-0000-4000-8000-00000000beef']) {
      const res = await api.call('POST', '/api/land/votes/cast', { token: ghost, body: { motionId: target, choice: 'for' } })
      expect(res.status).toBe(401)
      expect(errorCodeOf(res)).toBe('unauthenticated')
    }
    const [after] = await api.db.select({ n: count() }).from(landVotes)
    expect(after?.n).toBe(before?.n)
  })
})
