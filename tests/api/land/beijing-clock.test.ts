/**
 * Issue item 4: at 02:00 Beijing time it is still yesterday in UTC. An objection filed then must be
 * dated the day the notice was published, not the day before. The server's clock is moved with
 * vitest's fake Date (everything else runs on real timers, so the database drivers are untouched).
 */
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { landNotices } from '../../../db/schema'
import { noticeSchema, voteResponse, myVoteResponse } from '../../../shared/land'
import { chinaDayStart, todayInChina } from '../../../shared/time'
import { setupApi } from '../../harness/api'
import { gaojingAdults, gaojingHouseholds, idOf, nominateAndApprove, openMotion, tokenForId } from './_scenario'
import { DEMO_PEOPLE } from '../../../db/seed/demo'

const api = await setupApi()
const homes = await gaojingHouseholds(api)
const adults = await gaojingAdults(api)

const HOUR = 3_600_000
/** 02:00 in Beijing today: 18:00 UTC of the day before. */
const twoAm = chinaDayStart(todayInChina()).getTime() + 2 * HOUR

afterAll(() => {
  vi.useRealTimers()
})

describe('dates at 02:00 Beijing time', () => {
  it('a notice published and objected to at 02:00 carry the Beijing date, the same day', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true })
    vi.setSystemTime(twoAm)
    const day = todayInChina()
    // The premise: in UTC it is still the day before.
    expect(new Date().toISOString().slice(0, 10)).not.toBe(day)

    const secretary = await api.tokenFor(DEMO_PEOPLE.secretary)
    const villager = await tokenForId(await api.personId('包巴特尔'))
    const awardYearId = idOf(
      await api.call('POST', '/api/land/years/create', {
        token: secretary,
        body: { villageId: api.demo.gaojing, year: 2081, perHouseholdTenthMu: 120, season: '2082年春播', parcels: [{ name: '凌晨地', areaTenthMu: 240 }] },
      }),
    )
    const candidates = await nominateAndApprove(
      api,
      secretary,
      awardYearId,
      homes.slice(0, 2).map((home) => home.id),
    )
    const meetingId = idOf(
      await api.call('POST', '/api/land/meetings/create', {
        token: secretary,
        body: { awardYearId, type: 'assembly', title: '凌晨的紧急会议', meetingDate: day, urgentReason: '防汛在即' },
      }),
    )
    expect((await api.call('POST', '/api/land/meetings/open', { token: secretary, body: { meetingId } })).status).toBe(200)
    await api.call('POST', '/api/land/meetings/roll-call', { token: secretary, body: { meetingId, personIds: adults.map((adult) => adult.id) } })
    const motionId = await openMotion(api, secretary, meetingId, candidates)
    const vote = await api.call('POST', '/api/land/votes/cast', { token: villager, body: { motionId, choice: 'for' } })
    expect(voteResponse.parse(vote.body).assisted).toBe(false)
    const mine = myVoteResponse.parse((await api.call('GET', '/api/land/votes/mine', { token: villager, query: { motionId } })).body)
    expect(mine.recordedAt?.slice(0, 13)).toBe(`${day} 02`)
    await api.call('POST', '/api/land/hands/enter', { token: secretary, body: { motionId, hands: { for: adults.length - 1, against: 0, abstain: 0 } } })
    expect((await api.call('POST', '/api/land/motions/close', { token: secretary, body: { motionId } })).status).toBe(200)

    const noticeId = idOf(await api.call('POST', '/api/land/notices/publish', { token: secretary, body: { awardYearId } }))
    const [row] = await api.db.select().from(landNotices).where(eq(landNotices.id, noticeId))
    expect(row?.publishedOn).toBe(day)

    vi.setSystemTime(twoAm + 5 * 60_000)
    expect((await api.call('POST', '/api/land/objections/file', { token: villager, body: { noticeId, text: '凌晨两点提的异议' } })).status).toBe(201)
    // 23:30 the same Beijing day, 15:30 UTC: still the same date.
    vi.setSystemTime(twoAm + 21.5 * HOUR)
    expect((await api.call('POST', '/api/land/objections/file', { token: villager, body: { noticeId, text: '深夜提的异议' } })).status).toBe(201)

    const notice = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: villager, query: { noticeId } })).body)
    expect(notice.publishedOn).toBe(day)
    expect(notice.objections.map((objection) => objection.filedOn)).toEqual([day, day])
  })
})
