/**
 * Two jobs after the hall has voted. More households approved than the land carries: publishing
 * waits for a ranking the meeting approves, then awards the first ten and names the rest. And a
 * confirmed notice corrected: a new notice linked to it with its reason, which the old paper's QR
 * (public, no login) now points to.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { landNotices } from '../../../db/schema'
import { ballotResponse, currentYearResponse, meetingAwardOutcome, noticePaperSchema, noticeSchema } from '../../../shared/land'
import { addDays } from '../../../shared/votes'
import { errorCodeOf, setupApi } from '../../harness/api'
import { cast, createYear, gaojingAdults, gaojingHouseholds, idOf, nominateAndApprove, openMotion, openUrgentMeeting, TODAY } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const adults = await gaojingAdults(api)

async function pass(motionId: string): Promise<void> {
  await api.call('POST', '/api/land/hands/enter', { token: who.secretary, body: { motionId, hands: { for: adults.length, against: 0, abstain: 0 } } })
  const closed = await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId } })
  expect(closed.body).toMatchObject({ tally: { passed: true } })
}

const awardYearId = await createYear(api, who.secretary)
const twelve = await nominateAndApprove(
  api,
  who.secretary,
  awardYearId,
  homes.slice(0, 12).map((home) => home.id),
)
const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: adults.map((adult) => adult.id) } })
let noticeId = ''

describe('a ranking motion when twelve are approved for land enough for ten', () => {
  it('refuses to publish until the meeting approves an order, and says why in numbers', async () => {
    await pass(await openMotion(api, who.secretary, meetingId, twelve))
    const year = currentYearResponse.parse(
      (await api.call('GET', '/api/land/years/current', { token: who.secretary, query: { villageId: api.demo.gaojing } })).body,
    ).awardYear
    // The screen's rule, from the same data: what publishing would do.
    const outcome = meetingAwardOutcome(year?.meetings.flatMap((meeting) => meeting.motions) ?? [], year?.capacity ?? 0)
    expect(outcome.result).toEqual({ ok: false, reason: 'land_ranking_required', approved: 12, capacity: 10 })
    const refused = await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } })
    expect(refused.status).toBe(409)
    expect(errorCodeOf(refused)).toBe('land_ranking_required')
    expect(JSON.stringify(refused.body)).toContain('会议通过了12户，但耕地只够10户')
  })

  it('the ranking ballot names the order and how many the land carries; once passed, the first ten are awarded and two wait', async () => {
    const order = [...twelve].reverse()
    const rankingId = await openMotion(api, who.secretary, meetingId, order, 'ranking')
    const ballot = ballotResponse.parse((await api.call('GET', '/api/land/votes/mine', { token: who.villager, query: { motionId: rankingId } })).body)
    expect(ballot).toMatchObject({ motionKind: 'ranking', capacity: 10 })
    expect(ballot.candidates.map((candidate) => candidate.nominationId)).toEqual(order)
    await pass(rankingId)
    const published = await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } })
    expect(published.status, JSON.stringify(published.body)).toBe(201)
    noticeId = idOf(published)
    const notice = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: who.villager, query: { noticeId } })).body)
    const labelOf = (index: number) => homes[index]?.label
    expect(notice.awards.map((award) => award.householdLabel)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map(labelOf))
    expect(notice.waitlisted).toEqual([labelOf(1), labelOf(0)])
    expect(notice.motions.map((motion) => motion.kind)).toEqual(['whole_list', 'ranking'])
  })
})

describe('correcting the confirmed notice', () => {
  it('makes a new linked notice with its reason; the old paper (public) points to it, the new one says what it corrects', async () => {
    await api.db
      .update(landNotices)
      .set({ endsOn: addDays(TODAY, -1) })
      .where(eq(landNotices.id, noticeId))
    expect((await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'confirm' } })).status).toBe(200)
    const original = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: who.secretary, query: { noticeId } })).body)
    const households = original.awards.map((award) => award.householdId)
    // The 11th household turns out to have held a banquet after all; the first waiting one comes in.
    const corrected = [...households.slice(0, 9), homes[1]?.id ?? '']
    const res = await api.call('POST', '/api/land/notices/correct', {
      token: who.secretary,
      body: { noticeId, reason: '第10名户事后查实办了升学宴，由排序第11名递补', candidateIds: corrected },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const correctionId = idOf(res)

    const paper = noticePaperSchema.parse((await api.call('GET', '/api/land/notices/public', { query: { noticeId } })).body)
    expect(paper.status).toBe('locked')
    expect(paper.correctedBy).toEqual({ id: correctionId, publishedOn: TODAY, reason: '第10名户事后查实办了升学宴，由排序第11名递补' })

    const correction = noticePaperSchema.parse((await api.call('GET', '/api/land/notices/public', { query: { noticeId: correctionId } })).body)
    expect(correction).toMatchObject({
      isCorrection: true,
      correctsPublishedOn: original.publishedOn,
      correctionReason: '第10名户事后查实办了升学宴，由排序第11名递补',
      status: 'open',
      correctedBy: null,
    })
    expect(correction.awards.at(-1)?.householdLabel).toBe(homes[1]?.label)
    // The land home follows the notice in force: the correction.
    const year = currentYearResponse.parse(
      (await api.call('GET', '/api/land/years/current', { token: who.villager, query: { villageId: api.demo.gaojing } })).body,
    )
    expect(year.awardYear?.notice?.id).toBe(correctionId)
  })
})
