import { and, count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  households,
  landAllocations,
  landAttendance,
  landMotions,
  landNominations,
  landNotices,
  landObjections,
  landVotes,
  memberships,
  people,
} from '../../../db/schema'
import { addDays } from '../../../shared/votes'
import { noticeSchema } from '../../../shared/land'
import { errorCodeOf, setupApi } from '../../harness/api'
import {
  cast,
  createYear,
  gaojingAdults,
  gaojingHouseholds,
  gaojingMinor,
  idOf,
  nominateAndApprove,
  openMotion,
  openUrgentMeeting,
  TODAY,
  tallyOf,
  tokenForId,
} from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const adults = await gaojingAdults(api)

async function rows(table: typeof landVotes | typeof landAttendance | typeof landObjections | typeof landAllocations) {
  const [row] = await api.db.select({ n: count() }).from(table)
  return row?.n ?? 0
}

describe('award year setup', () => {
  it.each([
    ['a pool smaller than one share', { perHouseholdTenthMu: 200, parcels: [{ name: '小块', areaTenthMu: 120 }] }, 'land_pool_too_small'],
    [
      'two parcels with one name',
      {
        perHouseholdTenthMu: 120,
        parcels: [
          { name: '甲', areaTenthMu: 120 },
          { name: '甲', areaTenthMu: 120 },
        ],
      },
      'validation_failed',
    ],
    ['a parcel of no area', { perHouseholdTenthMu: 120, parcels: [{ name: '乙', areaTenthMu: 0 }] }, 'validation_failed'],
    ['a fractional area', { perHouseholdTenthMu: 120, parcels: [{ name: '丙', areaTenthMu: 12.5 }] }, 'validation_failed'],
  ])('refuses %s', async (_label, patch, code) => {
    const res = await api.call('POST', '/api/land/years/create', {
      token: who.secretary,
      body: { villageId: api.demo.gaojing, year: 2040, season: '2040年', ...patch },
    })
    expect(errorCodeOf(res)).toBe(code)
  })
  it('refuses a second setup of the same year', async () => {
    await createYear(api, who.secretary, 2041)
    const res = await api.call('POST', '/api/land/years/create', {
      token: who.secretary,
      body: { villageId: api.demo.gaojing, year: 2041, perHouseholdTenthMu: 120, season: 'x', parcels: [{ name: 'y', areaTenthMu: 120 }] },
    })
    expect(res.status).toBe(409)
    expect(errorCodeOf(res)).toBe('land_year_exists')
  })
})

describe('nominations', () => {
  let awardYearId = ''
  beforeAll(async () => {
    awardYearId = await createYear(api, who.secretary, 2042)
  })
  it('refuses a household nominated twice, a household of another village and a bad date', async () => {
    const home = homes[0]
    if (!home) throw new Error('no home')
    const body = { awardYearId, householdId: home.id, deedKind: 'simple_funeral', deedDate: '2026-02-01' }
    expect((await api.call('POST', '/api/land/nominations/create', { token: who.secretary, body })).status).toBe(201)
    expect(errorCodeOf(await api.call('POST', '/api/land/nominations/create', { token: who.secretary, body }))).toBe('land_nomination_exists')
    const [foreign] = await api.db.select({ id: people.householdId }).from(people).where(eq(people.name, '马淑兰'))
    expect(errorCodeOf(await api.call('POST', '/api/land/nominations/create', { token: who.secretary, body: { ...body, householdId: foreign?.id } }))).toBe(
      'not_found',
    )
    expect(errorCodeOf(await api.call('POST', '/api/land/nominations/create', { token: who.secretary, body: { ...body, deedDate: '2026-02-30' } }))).toBe(
      'validation_failed',
    )
    const [n] = await api.db.select({ n: count() }).from(landNominations).where(eq(landNominations.awardYearId, awardYearId))
    expect(n?.n).toBe(1)
  })
  it('requires a reason to reject and reviews only once', async () => {
    const [nomination] = await api.db.select().from(landNominations).where(eq(landNominations.awardYearId, awardYearId))
    if (!nomination) throw new Error('no nomination')
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/nominations/review', { token: who.secretary, body: { nominationId: nomination.id, decision: 'rejected' } }),
      ),
    ).toBe('validation_failed')
    expect(
      (await api.call('POST', '/api/land/nominations/review', { token: who.secretary, body: { nominationId: nomination.id, decision: 'approved' } })).status,
    ).toBe(200)
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/nominations/review', {
          token: who.secretary,
          body: { nominationId: nomination.id, decision: 'rejected', reason: '改主意' },
        }),
      ),
    ).toBe('land_nomination_not_pending')
    const [after] = await api.db.select().from(landNominations).where(eq(landNominations.id, nomination.id))
    expect(after?.status).toBe('approved')
  })
})

describe('meetings and attendance', () => {
  let awardYearId = ''
  beforeAll(async () => {
    awardYearId = await createYear(api, who.secretary, 2043)
  })
  it.each([
    ['9 days without urgency', addDays(TODAY, 9), undefined, 'land_meeting_notice_too_short'],
    ['a blank urgent reason', addDays(TODAY, 1), '   ', 'land_meeting_notice_too_short'],
    ['a date in the past', addDays(TODAY, -1), '补开', 'land_meeting_date_in_past'],
    ['a date that does not exist', '2026-13-01', undefined, 'validation_failed'],
  ])('refuses a meeting with %s', async (_label, meetingDate, urgentReason, code) => {
    const res = await api.call('POST', '/api/land/meetings/create', {
      token: who.secretary,
      body: { awardYearId, type: 'assembly', title: '会议', meetingDate, ...(urgentReason === undefined ? {} : { urgentReason }) },
    })
    expect(errorCodeOf(res)).toBe(code)
  })
  it('will not open a meeting before its date, nor take check-ins before it opens', async () => {
    const meetingId = idOf(
      await api.call('POST', '/api/land/meetings/create', {
        token: who.secretary,
        body: { awardYearId, type: 'assembly', title: '按期会议', meetingDate: addDays(TODAY, 10) },
      }),
    )
    expect(errorCodeOf(await api.call('POST', '/api/land/meetings/open', { token: who.secretary, body: { meetingId } }))).toBe('land_meeting_not_yet')
    expect(errorCodeOf(await api.call('POST', '/api/land/meetings/check-in', { token: who.villager, body: { meetingId } }))).toBe('land_meeting_not_open')
  })
  it('refuses a check-in to a closed meeting and changes nothing', async () => {
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
    expect((await api.call('POST', '/api/land/meetings/close', { token: who.secretary, body: { meetingId } })).status).toBe(200)
    const before = await rows(landAttendance)
    const res = await api.call('POST', '/api/land/meetings/check-in', { token: who.villager, body: { meetingId } })
    expect(res.status).toBe(409)
    expect(errorCodeOf(res)).toBe('land_meeting_closed')
    expect(await rows(landAttendance)).toBe(before)
  })
  it('refuses a minor at roll call and a non-representative at a representatives’ meeting', async () => {
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
    const minor = await gaojingMinor(api)
    expect(errorCodeOf(await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: [minor.id] } }))).toBe(
      'vote_under_18',
    )
    const reps = await openUrgentMeeting(api, who.secretary, awardYearId, 'representatives')
    expect(errorCodeOf(await api.call('POST', '/api/land/meetings/check-in', { token: who.villager, body: { meetingId: reps } }))).toBe('vote_not_eligible')
  })
  it('counts a household once in the household-representative form', async () => {
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId, 'assembly_households')
    // Give the head's spouse the household_rep role too: only one of them may stand for the household.
    const home = homes[4]
    if (!home) throw new Error('no home')
    const members = await api.db.select().from(people).where(eq(people.householdId, home.id)).orderBy(people.birthYear)
    // The head is the household's representative; 梅荣 heads 一组5号, her husband is older.
    const [row] = await api.db.select({ headPersonId: households.headPersonId }).from(households).where(eq(households.id, home.id))
    const head = members.find((member) => member.id === row?.headPersonId)
    const spouse = members.find((member) => member.id !== row?.headPersonId)
    if (!head || !spouse) throw new Error('no couple')
    await api.db.insert(memberships).values({ personId: spouse.id, villageId: api.demo.gaojing, role: 'household_rep' }).onConflictDoNothing()
    expect((await api.call('POST', '/api/land/meetings/check-in', { token: await tokenForId(head.id), body: { meetingId } })).status).toBe(200)
    const res = await api.call('POST', '/api/land/meetings/check-in', { token: await tokenForId(spouse.id), body: { meetingId } })
    expect(errorCodeOf(res)).toBe('land_household_already_present')
  })
})

describe('motions, votes and hands', () => {
  let awardYearId = ''
  let meetingId = ''
  let candidates: string[] = []
  beforeAll(async () => {
    awardYearId = await createYear(api, who.secretary, 2044)
    candidates = await nominateAndApprove(
      api,
      who.secretary,
      awardYearId,
      homes.slice(0, 3).map((home) => home.id),
    )
    meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
    await api.call('POST', '/api/land/meetings/roll-call', {
      token: who.secretary,
      body: { meetingId, personIds: adults.slice(0, 20).map((adult) => adult.id) },
    })
  })
  it('refuses a motion over a pending or rejected nomination, and a per-candidate motion with two households', async () => {
    const home = homes[5]
    if (!home) throw new Error('no home')
    const pending = idOf(
      await api.call('POST', '/api/land/nominations/create', {
        token: who.secretary,
        body: { awardYearId, householdId: home.id, deedKind: 'other', deedDate: '2026-01-01' },
      }),
    )
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/motions/create', {
          token: who.secretary,
          body: { meetingId, kind: 'whole_list', title: '名单', candidateIds: [...candidates, pending] },
        }),
      ),
    ).toBe('land_candidate_not_approved')
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/motions/create', {
          token: who.secretary,
          body: { meetingId, kind: 'candidate', title: '逐户', candidateIds: candidates.slice(0, 2) },
        }),
      ),
    ).toBe('validation_failed')
  })
  it('refuses votes before the motion opens and from people not checked in', async () => {
    const motionId = idOf(
      await api.call('POST', '/api/land/motions/create', {
        token: who.secretary,
        body: { meetingId, kind: 'whole_list', title: '名单', candidateIds: candidates },
      }),
    )
    expect(errorCodeOf(await api.call('POST', '/api/land/votes/cast', { token: who.villager, body: { motionId, choice: 'for' } }))).toBe('land_motion_not_open')
    expect((await api.call('POST', '/api/land/motions/open', { token: who.secretary, body: { motionId } })).status).toBe(200)
    const absent = adults.at(-1)
    if (!absent) throw new Error('no adult')
    expect(errorCodeOf(await api.call('POST', '/api/land/votes/cast', { token: await tokenForId(absent.id), body: { motionId, choice: 'for' } }))).toBe(
      'land_not_checked_in',
    )
    const minor = await gaojingMinor(api)
    expect(errorCodeOf(await api.call('POST', '/api/land/votes/cast', { token: await tokenForId(minor.id), body: { motionId, choice: 'for' } }))).toBe(
      'vote_under_18',
    )
    expect(errorCodeOf(await api.call('POST', '/api/land/votes/cast', { token: who.villager, body: { motionId, choice: 'maybe' } }))).toBe('validation_failed')
    // a second motion cannot open while this one is open
    const other = idOf(
      await api.call('POST', '/api/land/motions/create', {
        token: who.secretary,
        body: { meetingId, kind: 'candidate', title: '逐户', candidateIds: candidates.slice(0, 1) },
      }),
    )
    expect(errorCodeOf(await api.call('POST', '/api/land/motions/open', { token: who.secretary, body: { motionId: other } }))).toBe('land_motion_still_open')
    expect(errorCodeOf(await api.call('POST', '/api/land/meetings/close', { token: who.secretary, body: { meetingId } }))).toBe('land_motion_still_open')
  })
  it('refuses hands above present − voted in app, with the arithmetic in the message, and changes nothing', async () => {
    const [motion] = await api.db
      .select()
      .from(landMotions)
      .where(and(eq(landMotions.meetingId, meetingId), eq(landMotions.status, 'open')))
    if (!motion) throw new Error('no open motion')
    const voters = adults.slice(0, 3)
    expect(await tallyOf(api, who.secretary, motion.id)).toMatchObject({ present: 20, votedInApp: 0 })
    for (const voter of voters) {
      expect((await api.call('POST', '/api/land/votes/cast', { token: await tokenForId(voter.id), body: { motionId: motion.id, choice: 'for' } })).status).toBe(
        200,
      )
    }
    const res = await api.call('POST', '/api/land/hands/enter', {
      token: who.secretary,
      body: { motionId: motion.id, hands: { for: 10, against: 5, abstain: 3 } },
    })
    expect(res.status).toBe(400)
    expect(errorCodeOf(res)).toBe('vote_hands_exceed_present')
    expect(JSON.stringify(res.body)).toContain('最多17人（实到20人，手机已投3人）')
    const [unchanged] = await api.db.select().from(landMotions).where(eq(landMotions.id, motion.id))
    expect(unchanged?.handsFor).toBeNull()
    const ok = await api.call('POST', '/api/land/hands/enter', {
      token: who.secretary,
      body: { motionId: motion.id, hands: { for: 10, against: 4, abstain: 3 } },
    })
    expect(ok.status).toBe(200)
    // after the hall count, someone new in the app would be counted twice; a change is fine
    const newcomer = adults[5]
    if (!newcomer) throw new Error('no adult')
    expect(
      errorCodeOf(await api.call('POST', '/api/land/votes/cast', { token: await tokenForId(newcomer.id), body: { motionId: motion.id, choice: 'for' } })),
    ).toBe('vote_hands_already_counted')
    const changer = voters[0]
    if (!changer) throw new Error('no voter')
    expect(
      (await api.call('POST', '/api/land/votes/cast', { token: await tokenForId(changer.id), body: { motionId: motion.id, choice: 'abstain' } })).status,
    ).toBe(200)
  })
  it('refuses a vote after close and keeps the ballot as it was', async () => {
    const [motion] = await api.db
      .select()
      .from(landMotions)
      .where(and(eq(landMotions.meetingId, meetingId), eq(landMotions.status, 'open')))
    if (!motion) throw new Error('no open motion')
    expect((await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId: motion.id } })).status).toBe(200)
    const voter = adults[1]
    if (!voter) throw new Error('no voter')
    const res = await api.call('POST', '/api/land/votes/cast', { token: await tokenForId(voter.id), body: { motionId: motion.id, choice: 'against' } })
    expect(res.status).toBe(409)
    expect(errorCodeOf(res)).toBe('land_motion_closed')
    const [ballot] = await api.db
      .select()
      .from(landVotes)
      .where(and(eq(landVotes.motionId, motion.id), eq(landVotes.personId, voter.id)))
    expect(ballot?.choice).toBe('for')
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/hands/enter', { token: who.secretary, body: { motionId: motion.id, hands: { for: 1, against: 0, abstain: 0 } } }),
      ),
    ).toBe('land_motion_closed')
    expect(errorCodeOf(await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId: motion.id } }))).toBe('land_motion_closed')
  })
})

describe('publishing, objections, lock and allocation', () => {
  it('refuses to cut silently when more households pass than the land carries, and follows an approved ranking', async () => {
    const awardYearId = await createYear(api, who.secretary, 2045)
    const twelve = await nominateAndApprove(
      api,
      who.secretary,
      awardYearId,
      homes.slice(0, 12).map((home) => home.id),
    )
    expect(errorCodeOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } }))).toBe('land_no_passed_motion')
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
    await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: adults.map((adult) => adult.id) } })
    const passAll = async (motionId: string) => {
      await api.call('POST', '/api/land/hands/enter', { token: who.secretary, body: { motionId, hands: { for: adults.length, against: 0, abstain: 0 } } })
      expect((await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId } })).body).toMatchObject({ tally: { passed: true } })
    }
    const listMotion = await openMotion(api, who.secretary, meetingId, twelve)
    expect(errorCodeOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } }))).toBe('land_motion_still_open')
    await passAll(listMotion)
    const refused = await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } })
    expect(errorCodeOf(refused)).toBe('land_ranking_required')
    expect(JSON.stringify(refused.body)).toContain('会议通过了12户，但耕地只够10户')
    const [notices] = await api.db.select({ n: count() }).from(landNotices).where(eq(landNotices.awardYearId, awardYearId))
    expect(notices?.n).toBe(0)
    const ranking = [...twelve].reverse()
    await passAll(await openMotion(api, who.secretary, meetingId, ranking, 'ranking'))
    const noticeId = idOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } }))
    const notice = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: who.villager, query: { noticeId } })).body)
    expect(notice.awards).toHaveLength(10)
    expect(notice.waitlisted).toHaveLength(2)
    expect(notice.waitlisted).toEqual([homes[1]?.label, homes[0]?.label])
  })

  it('refuses an objection after the period, confirmation with an open objection, edits after lock, and double allocation', async () => {
    const awardYearId = await createYear(api, who.secretary, 2046)
    const three = await nominateAndApprove(
      api,
      who.secretary,
      awardYearId,
      homes.slice(0, 3).map((home) => home.id),
    )
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
    await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: adults.map((adult) => adult.id) } })
    const motionId = await openMotion(api, who.secretary, meetingId, three)
    await api.call('POST', '/api/land/hands/enter', { token: who.secretary, body: { motionId, hands: { for: adults.length, against: 0, abstain: 0 } } })
    await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId } })
    const noticeId = idOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId, periodDays: 7 } }))
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/notices/correct', { token: who.secretary, body: { noticeId, reason: '更正', candidateIds: [homes[0]?.id] } }),
      ),
    ).toBe('land_notice_not_locked')
    const objectionId = idOf(await api.call('POST', '/api/land/objections/file', { token: who.villager, body: { noticeId, text: '有异议' } }))
    expect(errorCodeOf(await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'confirm' } }))).toBe(
      'land_notice_period_running',
    )
    await api.db
      .update(landNotices)
      .set({ endsOn: addDays(TODAY, -1) })
      .where(eq(landNotices.id, noticeId))
    const before = await rows(landObjections)
    const late = await api.call('POST', '/api/land/objections/file', { token: who.villager, body: { noticeId, text: '晚了的异议' } })
    expect(late.status).toBe(409)
    expect(errorCodeOf(late)).toBe('land_notice_period_over')
    expect(await rows(landObjections)).toBe(before)
    expect(errorCodeOf(await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'confirm' } }))).toBe(
      'land_objections_unanswered',
    )
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/allocations/assign', { token: who.secretary, body: { awardYearId, householdId: homes[0]?.id, parcelIds: [] } }),
      ),
    ).toBe('validation_failed')
    const year = (await api.call('GET', '/api/land/years/current', { token: who.secretary, query: { villageId: api.demo.gaojing } })).body as {
      awardYear: { id: string; parcels: { id: string }[] }
    }
    expect(year.awardYear.id).toBe(awardYearId)
    const [p1, p2] = year.awardYear.parcels
    if (!p1 || !p2) throw new Error('no parcels')
    const home0 = homes[0]?.id
    const home1 = homes[1]?.id
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/allocations/assign', { token: who.secretary, body: { awardYearId, householdId: home0, parcelIds: [p1.id] } }),
      ),
    ).toBe('land_notice_not_locked')
    await api.call('POST', '/api/land/objections/reply', { token: who.secretary, body: { objectionId, reply: '已核实，无误' } })
    expect(errorCodeOf(await api.call('POST', '/api/land/objections/reply', { token: who.secretary, body: { objectionId, reply: '再答一次' } }))).toBe(
      'land_objection_already_replied',
    )
    expect((await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'confirm' } })).status).toBe(200)
    expect(
      errorCodeOf(await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'reopen', reason: '重来' } })),
    ).toBe('land_result_locked')
    expect(errorCodeOf(await api.call('POST', '/api/land/objections/reply', { token: who.secretary, body: { objectionId, reply: '改答复' } }))).toBe(
      'land_result_locked',
    )
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/nominations/create', {
          token: who.secretary,
          body: { awardYearId, householdId: homes[9]?.id, deedKind: 'other', deedDate: '2026-01-01' },
        }),
      ),
    ).toBe('land_result_locked')

    expect(
      (await api.call('POST', '/api/land/allocations/assign', { token: who.secretary, body: { awardYearId, householdId: home0, parcelIds: [p1.id] } })).status,
    ).toBe(201)
    const allocationsBefore = await rows(landAllocations)
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/allocations/assign', { token: who.secretary, body: { awardYearId, householdId: home1, parcelIds: [p1.id] } }),
      ),
    ).toBe('land_parcel_already_allocated')
    expect(await rows(landAllocations)).toBe(allocationsBefore)
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/allocations/assign', { token: who.secretary, body: { awardYearId, householdId: home0, parcelIds: [p2.id] } }),
      ),
    ).toBe('land_award_exceeded')
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/allocations/assign', { token: who.secretary, body: { awardYearId, householdId: homes[20]?.id, parcelIds: [p2.id] } }),
      ),
    ).toBe('land_household_not_awarded')
    const otherYear = (await api.db.select({ id: landNotices.id }).from(landNotices)).length
    expect(otherYear).toBeGreaterThan(0)
    const foreignParcel = '00000000-0000-4000-8000-000000000000'
    expect(
      errorCodeOf(
        await api.call('POST', '/api/land/allocations/assign', { token: who.secretary, body: { awardYearId, householdId: home1, parcelIds: [foreignParcel] } }),
      ),
    ).toBe('land_parcel_not_in_pool')
  })

  it('the database itself refuses a parcel twice in one season', async () => {
    const [existing] = await api.db.select().from(landAllocations).limit(1)
    if (!existing) throw new Error('no allocation')
    const { id: _id, createdAt: _createdAt, ...copy } = existing
    await expect(api.db.insert(landAllocations).values(copy)).rejects.toThrow()
  })
})
