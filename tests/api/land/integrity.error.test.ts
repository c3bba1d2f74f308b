/**
 * The land-award integrity issue, one refusal per defect: each answer has its stable code and a
 * Chinese message, and after it nothing is stored and no audit entry is written.
 */
import { and, count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditLog, households, landAttendance, landMeetings, landNotices, landObjections, landVotes, memberships, people } from '../../../db/schema'
import { errorCatalog, type ErrorCode } from '../../../shared/errors'
import { myVoteResponse, noticeSchema } from '../../../shared/land'
import { addDays, ballotLine, latestMeetingDate } from '../../../shared/votes'
import { errorCodeOf, setupApi, type CallResult } from '../../harness/api'
import { cast, createYear, gaojingAdults, gaojingHouseholds, idOf, nominateAndApprove, openMotion, openUrgentMeeting, TODAY, tokenForId } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const adults = await gaojingAdults(api)

/** An award year whose whole-list motion passed in a full hall: ready to publish. */
async function passedYear(year: number, households = 2): Promise<string> {
  const awardYearId = await createYear(api, who.secretary, year)
  const candidates = await nominateAndApprove(
    api,
    who.secretary,
    awardYearId,
    homes.slice(0, households).map((home) => home.id),
  )
  const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
  await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: adults.map((adult) => adult.id) } })
  const motionId = await openMotion(api, who.secretary, meetingId, candidates)
  await api.call('POST', '/api/land/hands/enter', { token: who.secretary, body: { motionId, hands: { for: adults.length, against: 0, abstain: 0 } } })
  expect((await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId } })).body).toMatchObject({ tally: { passed: true } })
  return awardYearId
}

async function auditCount(): Promise<number> {
  const [row] = await api.db.select({ n: count() }).from(auditLog).where(eq(auditLog.villageId, api.demo.gaojing))
  return row?.n ?? 0
}

/** The refusal is the one asked for, in the catalogue's status, with a Chinese message. */
function expectRefusal(res: CallResult, code: ErrorCode): void {
  expect(res.status, JSON.stringify(res.body)).toBe(errorCatalog[code].status)
  expect(errorCodeOf(res)).toBe(code)
  const message = (res.body as { error: { message: string } }).error.message
  expect(message).toMatch(/[\u4e00-\u9fff]/)
}

/** A household of `n` adults (members of 高井嘎查), for rules that depend on who is marked as needing help. */
async function newHousehold(label: string, birthYears: number[], elderly = false): Promise<{ id: string; people: { id: string; token: string }[] }> {
  const [home] = await api.db.insert(households).values({ villageId: api.demo.gaojing, label, elderly }).returning({ id: households.id })
  if (!home) throw new Error('household insert failed')
  const rows = await api.db
    .insert(people)
    .values(birthYears.map((birthYear, i) => ({ name: `${label}成员${i + 1}`, birthYear, householdId: home.id })))
    .returning({ id: people.id })
  await api.db.insert(memberships).values(rows.map((row) => ({ personId: row.id, villageId: api.demo.gaojing, role: 'villager' as const })))
  return { id: home.id, people: await Promise.all(rows.map(async (row) => ({ id: row.id, token: await tokenForId(row.id) }))) }
}

describe('1. an assisted ballot never replaces the villager’s own', () => {
  let motionId = ''
  let young: { id: string; token: string }[] = []
  let elder: { id: string; token: string } = { id: '', token: '' }
  beforeAll(async () => {
    const awardYearId = await createYear(api, who.secretary, 2061)
    const candidates = await nominateAndApprove(
      api,
      who.secretary,
      awardYearId,
      homes.slice(0, 2).map((home) => home.id),
    )
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
    young = (await newHousehold('代投测试甲户', [1985, 1987, 1990, 1992])).people
    const old = (await newHousehold('代投测试乙户', [1940], true)).people
    elder = old[0] ?? elder
    await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: [...young, ...old].map((p) => p.id) } })
    motionId = await openMotion(api, who.secretary, meetingId, candidates)
  })

  const assisted = (personId: string, choice: string, assistance: Record<string, unknown> | undefined) =>
    api.call('POST', '/api/land/votes/cast', {
      token: who.deputy,
      body: { motionId, choice, onBehalfOfPersonId: personId, ...(assistance ? { assistance } : {}) },
    })

  it.each([
    ['over the villager’s own 反对', 0, { requestedBy: 'self', reason: '看不清' }, 'vote_assisted_voter_voted_self'],
    ['for a villager not marked as needing help, with no reason', 1, { requestedBy: 'self' }, 'vote_assisted_reason_required'],
    ['for a villager not marked, with a blank reason', 1, { requestedBy: 'self', reason: '   ' }, 'vote_assisted_reason_required'],
    ['without saying who asked', 1, undefined, 'validation_failed'],
    ['asked by a family member who is not named', 1, { requestedBy: 'family', reason: '不会用手机' }, 'validation_failed'],
  ] as const)('refuses a cadre’s ballot %s, and changes nothing', async (_label, index, assistance, code) => {
    const voter = young[index]
    if (!voter) throw new Error('no voter')
    if (index === 0 && !(await api.db.select().from(landVotes).where(eq(landVotes.personId, voter.id))).length) {
      expect((await api.call('POST', '/api/land/votes/cast', { token: voter.token, body: { motionId, choice: 'against' } })).status).toBe(200)
    }
    const before = await api.db.select().from(landVotes).where(eq(landVotes.motionId, motionId))
    const auditBefore = await auditCount()
    expectRefusal(await assisted(voter.id, 'for', assistance), code)
    expect(await api.db.select().from(landVotes).where(eq(landVotes.motionId, motionId))).toEqual(before)
    expect(await auditCount()).toBe(auditBefore)
    if (index === 0) {
      const mine = myVoteResponse.parse((await api.call('GET', '/api/land/votes/mine', { token: voter.token, query: { motionId } })).body)
      expect(mine).toMatchObject({ choice: 'against', assisted: false, assistedByName: null })
    }
  })

  it('takes a marked villager’s request; the villager sees it, replaces it with their own, and it cannot come back', async () => {
    // The household is marked elderly and he is over 60: no stated reason is needed.
    const first = await assisted(elder.id, 'for', { requestedBy: 'family', familyMemberName: '女儿' })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const [row] = await api.db
      .select()
      .from(landVotes)
      .where(and(eq(landVotes.motionId, motionId), eq(landVotes.personId, elder.id)))
    expect(row).toMatchObject({ assisted: true, requestedBy: 'family', familyMemberName: '女儿', choice: 'for' })
    const seen = myVoteResponse.parse((await api.call('GET', '/api/land/votes/mine', { token: elder.token, query: { motionId } })).body)
    expect(ballotLine({ choice: 'for', assisted: seen.assisted, assistedByName: seen.assistedByName }, seen.motionOpen)).toBe('由莫日根代为投票：同意，可以改')
    const own = await api.call('POST', '/api/land/votes/cast', { token: elder.token, body: { motionId, choice: 'abstain' } })
    expect(own.body).toMatchObject({ choice: 'abstain', assisted: false, message: '您已投票：弃权' })
    const auditBefore = await auditCount()
    expectRefusal(await assisted(elder.id, 'for', { requestedBy: 'self' }), 'vote_assisted_voter_voted_self')
    expect(await auditCount()).toBe(auditBefore)
    const [after] = await api.db
      .select()
      .from(landVotes)
      .where(and(eq(landVotes.motionId, motionId), eq(landVotes.personId, elder.id)))
    expect(after).toMatchObject({ assisted: false, choice: 'abstain', requestedBy: null, familyMemberName: null })
  })

  it('with a stated reason for an unmarked villager: the reason is in the audit log and the tally counts the ballot as assisted', async () => {
    const voter = young[2]
    if (!voter) throw new Error('no voter')
    expect((await assisted(voter.id, 'for', { requestedBy: 'self', reason: '右手骨折，不能点手机' })).status).toBe(200)
    const log = (await api.call('GET', '/api/land/motions/audit', { token: who.villager, query: { motionId } })).body as {
      entries: { action: string; payload: Record<string, unknown> }[]
    }
    expect(log.entries.find((entry) => entry.action === 'land.vote.cast_assisted' && entry.payload.personId === voter.id)?.payload).toMatchObject({
      requestedBy: 'self',
      reason: '右手骨折，不能点手机',
    })
    const tally = (await api.call('GET', '/api/land/motions/tally', { token: who.secretary, query: { motionId } })).body as {
      tally: { assisted: number; votedInApp: number }
    }
    expect(tally.tally).toMatchObject({ assisted: 1, votedInApp: 3 })
  })

  it('the database refuses an assisted row that names nobody who asked', async () => {
    const voter = young[3]
    if (!voter) throw new Error('no voter')
    await expect(api.db.insert(landVotes).values({ motionId, personId: voter.id, choice: 'for', assisted: true, recordedBy: voter.id })).rejects.toThrow()
  })
})

describe('2. the 公示 lasts at least 7 days', () => {
  let awardYearId = ''
  beforeAll(async () => {
    awardYearId = await passedYear(2062)
  })
  it.each([
    ['1 day', 1, 'land_notice_period_too_short'],
    ['6 days', 6, 'land_notice_period_too_short'],
    ['0 days', 0, 'land_notice_period_too_short'],
    ['−7 days', -7, 'land_notice_period_too_short'],
    ['31 days', 31, 'validation_failed'],
    ['half a day', 7.5, 'validation_failed'],
  ] as const)('refuses a period of %s and publishes nothing', async (_label, periodDays, code) => {
    const auditBefore = await auditCount()
    expectRefusal(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId, periodDays } }), code)
    expect(await api.db.select().from(landNotices).where(eq(landNotices.awardYearId, awardYearId))).toHaveLength(0)
    expect(await auditCount()).toBe(auditBefore)
  })
  it('accepts a longer period the village chose', async () => {
    const noticeId = idOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId, periodDays: 10 } }))
    const [row] = await api.db.select().from(landNotices).where(eq(landNotices.id, noticeId))
    expect(row).toMatchObject({ periodDays: 10, endsOn: addDays(TODAY, 10) })
  })
})

describe('3. an unanswered objection cannot be put out of the way', () => {
  let awardYearId = ''
  let noticeId = ''
  let objectionId = ''
  beforeAll(async () => {
    awardYearId = await passedYear(2063)
    noticeId = idOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } }))
    objectionId = idOf(await api.call('POST', '/api/land/objections/file', { token: who.villager, body: { noticeId, text: '第二户办过升学宴' } }))
  })

  it('refuses the withdrawal with land_objections_unanswered, changes nothing, and the database backs it', async () => {
    const auditBefore = await auditCount()
    expectRefusal(
      await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'reopen', reason: '重新表决' } }),
      'land_objections_unanswered',
    )
    expect(await api.db.select().from(landNotices).where(eq(landNotices.awardYearId, awardYearId))).toMatchObject([{ id: noticeId, status: 'open' }])
    expect(await auditCount()).toBe(auditBefore)
    await expect(api.db.update(landNotices).set({ status: 'withdrawn' }).where(eq(landNotices.id, noticeId))).rejects.toThrow()
    await expect(api.db.delete(landObjections).where(eq(landObjections.id, objectionId))).rejects.toThrow()
  })

  it('a republication links to the notice it replaces and carries its objections and replies', async () => {
    await api.call('POST', '/api/land/objections/reply', { token: who.secretary, body: { objectionId, reply: '已核实，确有其事，重新表决' } })
    expect(
      (await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'reopen', reason: '异议属实' } })).status,
    ).toBe(200)
    const again = idOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } }))
    const notice = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: who.villager, query: { noticeId: again } })).body)
    expect(notice.replacesNoticeId).toBe(noticeId)
    expect(notice.objections).toMatchObject([{ id: objectionId, text: '第二户办过升学宴', reply: '已核实，确有其事，重新表决', earlierNotice: true, noticeId }])
  })

  it('refuses a republication while an objection of a withdrawn notice is unanswered (older data)', async () => {
    const year = await passedYear(2064, 1)
    const first = idOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId: year } }))
    expect(
      (await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId: first, decision: 'reopen', reason: '重来' } })).status,
    ).toBe(200)
    // Filed before this rule existed: an objection left on a withdrawn notice.
    await api.db.insert(landObjections).values({ noticeId: first, personId: who.villagerId, text: '旧的异议' })
    const auditBefore = await auditCount()
    expectRefusal(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId: year } }), 'land_objections_unanswered')
    expect(await api.db.select().from(landNotices).where(eq(landNotices.awardYearId, year))).toHaveLength(1)
    expect(await auditCount()).toBe(auditBefore)
  })
})

describe('5. one household counts once in the household-representative form', () => {
  it('refuses the second representative and the database refuses a second row', async () => {
    const awardYearId = await createYear(api, who.secretary, 2065)
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId, 'assembly_households')
    const home = await newHousehold('户代表测试户', [1970, 1972])
    const [head, spouse] = home.people
    if (!head || !spouse) throw new Error('no couple')
    await api.db.insert(memberships).values(home.people.map((p) => ({ personId: p.id, villageId: api.demo.gaojing, role: 'household_rep' as const })))
    expect((await api.call('POST', '/api/land/meetings/check-in', { token: head.token, body: { meetingId } })).status).toBe(200)
    const auditBefore = await auditCount()
    expectRefusal(await api.call('POST', '/api/land/meetings/check-in', { token: spouse.token, body: { meetingId } }), 'land_household_already_present')
    expectRefusal(
      await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: [spouse.id] } }),
      'land_household_already_present',
    )
    expect(await auditCount()).toBe(auditBefore)
    expect(await api.db.select().from(landAttendance).where(eq(landAttendance.meetingId, meetingId))).toHaveLength(1)
    // Even a write that forgets the household is refused: the trigger fills it in, the key refuses it.
    await expect(api.db.insert(landAttendance).values({ meetingId, personId: spouse.id, householdId: null, method: 'roll_call' })).rejects.toThrow()
  })
})

describe('6. a meeting lies within a year', () => {
  let awardYearId = ''
  beforeAll(async () => {
    awardYearId = await createYear(api, who.secretary, 2066)
  })
  it.each([
    ['9999-12-31', '9999-12-31', 'validation_failed'],
    ['a year and a day ahead', addDays(latestMeetingDate(TODAY), 1), 'land_meeting_date_too_far'],
    ['400 days ahead', addDays(TODAY, 400), 'land_meeting_date_too_far'],
    ['2100-12-31', '2100-12-31', 'land_meeting_date_too_far'],
  ] as const)('refuses a meeting dated %s and calls nothing', async (_label, meetingDate, code) => {
    const auditBefore = await auditCount()
    expectRefusal(
      await api.call('POST', '/api/land/meetings/create', { token: who.secretary, body: { awardYearId, type: 'assembly', title: '远期会议', meetingDate } }),
      code,
    )
    expect(await api.db.select().from(landMeetings).where(eq(landMeetings.awardYearId, awardYearId))).toHaveLength(0)
    expect(await auditCount()).toBe(auditBefore)
  })
  it('accepts a meeting exactly a year ahead', async () => {
    const res = await api.call('POST', '/api/land/meetings/create', {
      token: who.secretary,
      body: { awardYearId, type: 'assembly', title: '明年的会议', meetingDate: latestMeetingDate(TODAY) },
    })
    expect(res.status).toBe(201)
  })
})
