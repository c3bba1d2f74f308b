import { count } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditOutbox, households, landNotices, landObjections, people } from '../../../db/schema'
import { noticePaperSchema, noticeSchema } from '../../../shared/land'
import { errorCodeOf, setupApi } from '../../harness/api'
import { cast, createYear, gaojingAdults, gaojingHouseholds, idOf, nominateAndApprove, openMotion, openUrgentMeeting, tallyOf } from './_scenario'

// The 公示 on the bulletin board is public (村务公开, Art. 30): anyone who scans its QR code reads
// it, logged in or not. It must carry what the paper prints and nothing more personal.
const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const adults = await gaojingAdults(api)
const awardYearId = await createYear(api, who.secretary)
const nominations = await nominateAndApprove(
  api,
  who.secretary,
  awardYearId,
  homes.slice(0, 3).map((home) => home.id),
)
const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: adults.map((adult) => adult.id) } })
const motionId = await openMotion(api, who.secretary, meetingId, nominations)

// An own ballot and an assisted one asked for by a named family member: neither may surface.
expect((await api.call('POST', '/api/land/votes/cast', { token: who.villager, body: { motionId, choice: 'for' } })).status).toBe(200)
const elder = adults.find((adult) => adult.id !== who.villagerId)
if (!elder) throw new Error('no second adult')
const FAMILY_NAME = '乌兰其其格'
expect(
  (
    await api.call('POST', '/api/land/votes/cast', {
      token: who.deputy,
      body: {
        motionId,
        choice: 'for',
        onBehalfOfPersonId: elder.id,
        assistance: { requestedBy: 'family', familyMemberName: FAMILY_NAME, reason: '眼睛看不清' },
      },
    })
  ).status,
).toBe(200)
const before = await tallyOf(api, who.secretary, motionId)
await api.call('POST', '/api/land/hands/enter', { token: who.secretary, body: { motionId, hands: { for: before.maxHands, against: 0, abstain: 0 } } })
expect((await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId } })).status).toBe(200)
expect((await api.call('POST', '/api/land/meetings/close', { token: who.secretary, body: { meetingId } })).status).toBe(200)
const noticeId = idOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } }))
// An objection that names a person and gives a phone number: a member reads it, a stranger must not.
const PHONE = '13912345678'
const OBJECTION = `第二户的事迹有误，请联系我${PHONE}`
expect((await api.call('POST', '/api/land/objections/file', { token: who.villager, body: { noticeId, text: OBJECTION } })).status).toBe(201)

const anonymous = () => api.call('GET', '/api/land/notices/public', { query: { noticeId } })

describe('GET /api/land/notices/public — happy', () => {
  it('answers a reader with no login with the paper: period, awards, the tally and verdict, the QR code and its URL', async () => {
    const res = await anonymous()
    expect(res.status).toBe(200)
    const paper = noticePaperSchema.strict().parse(res.body)
    const member = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: who.villager, query: { noticeId } })).body)
    expect(paper).toMatchObject({
      id: noticeId,
      villageName: member.villageName,
      year: member.year,
      publishedOn: member.publishedOn,
      endsOn: member.endsOn,
      periodDays: 7,
      status: 'open',
    })
    expect(paper.awards.map((award) => award.householdLabel)).toEqual(member.awards.map((award) => award.householdLabel))
    expect(paper.awards).toHaveLength(3)
    expect(paper.motions).toHaveLength(1)
    expect(paper.motions[0]?.passed).toBe(true)
    expect(paper.motions[0]?.result.total.for).toBe(before.maxHands + 2)
    expect(paper.url).toBe(member.url)
    expect(paper.url).toContain(`/packages/land/notice/index?noticeId=${noticeId}`)
    expect(paper.qrSvg.startsWith('<svg')).toBe(true)
    expect(paper.isCorrection).toBe(false)
    expect(paper.isRepublication).toBe(false)
  })

  it('answers the same paper to a member of another village, and refuses a forged token', async () => {
    const plain = await anonymous()
    const outsider = await api.call('GET', '/api/land/notices/public', { token: who.outsider, query: { noticeId } })
    expect(outsider.status).toBe(200)
    expect(outsider.body).toEqual(plain.body)
    // A forged token is refused as everywhere (the app then drops it and reads the notice without one).
    const forged = await api.call('GET', '/api/land/notices/public', { token: 'not-a-real-token', query: { noticeId } })
    expect(forged.status).toBe(401)
    expect(errorCodeOf(forged)).toBe('unauthenticated')
  })
})

describe('GET /api/land/notices/public — security: nothing beyond the paper', () => {
  it('carries no person id, no household id, no objection, no phone number, no family name', async () => {
    const text = JSON.stringify((await anonymous()).body)
    const personIds = (await api.db.select({ id: people.id }).from(people)).map((row) => row.id)
    const householdIds = (await api.db.select({ id: households.id }).from(households)).map((row) => row.id)
    for (const id of [...personIds, ...householdIds]) expect(text).not.toContain(id)
    expect(text).not.toContain(PHONE)
    expect(text).not.toContain(OBJECTION)
    expect(text).not.toContain(FAMILY_NAME)
    expect(text).not.toContain('眼睛看不清')
    for (const key of ['objections', 'householdId', 'personId', 'mine', 'correctsNoticeId', 'replacesNoticeId']) expect(text).not.toContain(`"${key}"`)
  })

  it('the member route still shows the objection to a member, so the paper is the only thing cut', async () => {
    const member = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: who.villager, query: { noticeId } })).body)
    expect(member.objections.map((objection) => objection.text)).toEqual([OBJECTION])
  })
})

describe('GET /api/land/notices/public — error', () => {
  const counts = async () => ({
    notices: (await api.db.select({ n: count() }).from(landNotices))[0]?.n,
    objections: (await api.db.select({ n: count() }).from(landObjections))[0]?.n,
    audit: (await api.db.select({ n: count() }).from(auditOutbox))[0]?.n,
  })
  it.each([
    { name: 'a notice that does not exist', query: { noticeId: '00000000-0000-4000-8000-000000000001' }, status: 404, code: 'not_found' },
    { name: 'a malformed id', query: { noticeId: 'not-a-uuid' }, status: 400, code: 'validation_failed' },
    { name: 'an injection attempt', query: { noticeId: "' or 1=1 --" }, status: 400, code: 'validation_failed' },
    { name: 'no id at all', query: {} as Record<string, string>, status: 400, code: 'validation_failed' },
  ])('refuses $name with $status $code and changes nothing', async ({ query, status, code }) => {
    const seen = await counts()
    const res = await api.call('GET', '/api/land/notices/public', { query })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(JSON.stringify(res.body)).not.toContain('stack')
    expect(await counts()).toEqual(seen)
  })

  it('is read-only: a POST is refused and writes nothing', async () => {
    const seen = await counts()
    const res = await api.call('POST', '/api/land/notices/public', { body: { noticeId } })
    expect(res.status).toBe(405)
    expect(await counts()).toEqual(seen)
  })
})
