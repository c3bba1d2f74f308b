import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, landAllocations, landAwardYears, landMotions, landNotices, landVotes } from '../../../db/schema'
import {
  allocationsResponse,
  currentYearResponse,
  historyResponse,
  motionAuditResponse,
  myAssistedVotesResponse,
  myVoteResponse,
  noticeSchema,
  rollCallRosterResponse,
  voteResponse,
} from '../../../shared/land'
import { ballotLine } from '../../../shared/votes'
import { setupApi } from '../../harness/api'
import { DEMO_PEOPLE } from '../../../db/seed/demo'
import { cast, createYear, gaojingAdults, gaojingHouseholds, idOf, openMotion, tallyOf, TODAY, tokenForId } from './_scenario'

const api = await setupApi()
const who = await cast(api)

describe('a whole award year through the API', () => {
  it('runs nominations, a lawful meeting, publication, objections, lock and allocation', async () => {
    const homes = await gaojingHouseholds(api)
    const awardYearId = await createYear(api, who.secretary)

    // 12 nominations by the council, 10 approved, 2 refused with a reason
    const council = await api.someone(api.demo.gaojing, 'council_member')
    const nominationIds: string[] = []
    for (const [index, home] of homes.slice(0, 12).entries()) {
      const res = await api.call('POST', '/api/land/nominations/create', {
        token: council.token,
        body: {
          awardYearId,
          householdId: home.id,
          deedKind: index % 2 === 0 ? 'no_birthday_banquet' : 'simple_wedding',
          deedDate: '2026-05-01',
          notes: '经红白理事会核实',
          evidenceUrls: ['https://example.org/photo-1.jpg'],
        },
      })
      expect(res.status).toBe(201)
      nominationIds.push(idOf(res))
    }
    for (const [index, nominationId] of nominationIds.entries()) {
      const decision = index < 10 ? 'approved' : 'rejected'
      const res = await api.call('POST', '/api/land/nominations/review', {
        token: council.token,
        body: { nominationId, decision, reason: decision === 'rejected' ? '当年办了升学宴' : '' },
      })
      expect(res.status).toBe(200)
    }
    const approved = nominationIds.slice(0, 10)

    // a meeting called with 10 days' notice cannot open early; an urgent one can open today
    const inTwelveDays = new Date(Date.parse(`${TODAY}T00:00:00Z`) + 12 * 86_400_000).toISOString().slice(0, 10)
    const later = await api.call('POST', '/api/land/meetings/create', {
      token: who.secretary,
      body: { awardYearId, type: 'assembly', title: '按期召开的村民会议', meetingDate: inTwelveDays },
    })
    expect(later.status).toBe(201)
    const meetingId = idOf(
      await api.call('POST', '/api/land/meetings/create', {
        token: who.deputy,
        body: { awardYearId, type: 'assembly', title: '2031年移风易俗奖励耕地村民会议', meetingDate: TODAY, urgentReason: '春播在即' },
      }),
    )
    expect((await api.call('POST', '/api/land/meetings/open', { token: who.secretary, body: { meetingId } })).status).toBe(200)

    // roll call of all adults but the villager, who checks in himself
    const adults = await gaojingAdults(api)
    const others = adults.filter((adult) => adult.id !== who.villagerId)
    const roll = await api.call('POST', '/api/land/meetings/roll-call', {
      token: who.secretary,
      body: { meetingId, personIds: others.map((adult) => adult.id) },
    })
    expect(roll.status).toBe(200)
    expect(roll.body).toMatchObject({ present: others.length, added: others.length })
    const checkIn = await api.call('POST', '/api/land/meetings/check-in', { token: who.villager, body: { meetingId } })
    expect(checkIn.body).toMatchObject({ present: adults.length, added: 1 })
    const roster = rollCallRosterResponse.parse((await api.call('GET', '/api/land/meetings/roster', { token: who.secretary, query: { meetingId } })).body)
    expect(roster.people).toHaveLength(adults.length)
    expect(roster.people.every((person) => person.present)).toBe(true)
    const again = await api.call('POST', '/api/land/meetings/check-in', { token: who.villager, body: { meetingId } })
    expect(again.body).toMatchObject({ present: adults.length, added: 0 })

    const motionId = await openMotion(api, who.secretary, meetingId, approved)

    // the villager votes, changes his mind, and sees an unmistakable confirmation
    const first = await api.call('POST', '/api/land/votes/cast', { token: who.villager, body: { motionId, choice: 'against' } })
    expect(voteResponse.parse(first.body).message).toBe('您已投票：反对')
    const second = await api.call('POST', '/api/land/votes/cast', { token: who.villager, body: { motionId, choice: 'for' } })
    expect(voteResponse.parse(second.body)).toMatchObject({ choice: 'for', assisted: false, message: '您已投票：同意' })
    expect((await api.call('GET', '/api/land/votes/mine', { token: who.villager, query: { motionId } })).body).toMatchObject({ choice: 'for' })

    // the village marks an elderly villager as needing help; a cadre enters the ballot his son asked for
    const elder = others[0]
    if (!elder) throw new Error('no elder')
    const mark = await api.call('POST', '/api/land/assistance/mark', {
      token: who.secretary,
      body: { villageId: api.demo.gaojing, personId: elder.id, need: 'illiterate', note: '不识字，由儿子陪同' },
    })
    expect(mark.status).toBe(200)
    const assisted = await api.call('POST', '/api/land/votes/cast', {
      token: who.deputy,
      body: { motionId, choice: 'for', onBehalfOfPersonId: elder.id, assistance: { requestedBy: 'family', familyMemberName: '儿子' } },
    })
    expect(voteResponse.parse(assisted.body)).toMatchObject({ assisted: true, message: '已代为投票：同意' })
    const ballots = await api.db.select().from(landVotes).where(eq(landVotes.motionId, motionId))
    expect(ballots).toHaveLength(2)
    expect(ballots.find((ballot) => ballot.personId === elder.id)).toMatchObject({ assisted: true, requestedBy: 'family', familyMemberName: '儿子' })
    // the villager is told, on the vote page and on 我的, and can change it
    const elderToken = await tokenForId(elder.id)
    const seen = myVoteResponse.parse((await api.call('GET', '/api/land/votes/mine', { token: elderToken, query: { motionId } })).body)
    expect(seen).toMatchObject({ choice: 'for', assisted: true, assistedByName: DEMO_PEOPLE.deputySecretary, requestedBy: 'family', motionOpen: true })
    expect(ballotLine({ choice: 'for', assisted: seen.assisted, assistedByName: seen.assistedByName }, seen.motionOpen)).toBe(
      `由${DEMO_PEOPLE.deputySecretary}代为投票：同意，可以改`,
    )
    const listed = myAssistedVotesResponse.parse(
      (await api.call('GET', '/api/land/votes/assisted', { token: elderToken, query: { villageId: api.demo.gaojing } })).body,
    )
    expect(listed.ballots.map((ballot) => ballot.motionId)).toEqual([motionId])

    // the secretary's screen: 应到 / 实到 / app / max hands
    const before = await tallyOf(api, who.secretary, motionId)
    expect(before).toMatchObject({ eligible: adults.length, present: adults.length, votedInApp: 2, assisted: 1, maxHands: adults.length - 2, quorum: true })

    const handsFor = Math.floor(adults.length / 2)
    const hands = await api.call('POST', '/api/land/hands/enter', {
      token: who.secretary,
      body: { motionId, hands: { for: handsFor, against: 3, abstain: 2 } },
    })
    expect(hands.status).toBe(200)
    const closed = await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId } })
    expect(closed.status).toBe(200)
    const [motionRow] = await api.db.select().from(landMotions).where(eq(landMotions.id, motionId))
    expect(motionRow).toMatchObject({ status: 'closed', passed: true })
    expect(motionRow?.result?.total).toEqual({ for: handsFor + 2, against: 3, abstain: 2 })
    expect((await api.call('POST', '/api/land/meetings/close', { token: who.secretary, body: { meetingId } })).status).toBe(200)

    // publish: notice with counts, households, parcels, period and a QR code
    const published = await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId } })
    expect(published.status).toBe(201)
    const noticeId = idOf(published)
    const notice = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: who.villager, query: { noticeId } })).body)
    expect(notice.awards).toHaveLength(10)
    expect(notice.awards.every((award) => award.parcels.length === 1 && award.tenthMu === 120)).toBe(true)
    expect(new Set(notice.awards.flatMap((award) => award.parcels)).size).toBe(10)
    expect(notice.motions[0]?.result.total.for).toBe(handsFor + 2)
    expect(notice.motions[0]?.result.assisted).toBe(1)
    expect(notice.periodDays).toBe(7)
    expect(notice.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
    expect(notice.url).toContain(noticeId)

    // an objection during the period and its written reply
    const objection = await api.call('POST', '/api/land/objections/file', {
      token: who.villager,
      body: { noticeId, text: '第3户去年办过满月酒，请核实' },
    })
    expect(objection.status).toBe(201)
    const early = await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'confirm' } })
    expect(early.status).toBe(409)
    const reply = await api.call('POST', '/api/land/objections/reply', {
      token: who.secretary,
      body: { objectionId: idOf(objection), reply: '经核实，满月酒系2024年，不在本年度评选范围内' },
    })
    expect(reply.status).toBe(200)

    // time passes: the period ends, the secretary confirms and the result locks
    await api.db.update(landNotices).set({ endsOn: '2026-01-01' }).where(eq(landNotices.id, noticeId))
    const lock = await api.call('POST', '/api/land/notices/confirm', { token: who.secretary, body: { noticeId, decision: 'confirm' } })
    expect(lock.status).toBe(200)
    const [yearRow] = await api.db.select().from(landAwardYears).where(eq(landAwardYears.id, awardYearId))
    expect(yearRow?.status).toBe('locked')

    // allocation: each household its parcel; the pool is exactly used
    const state = currentYearResponse.parse(
      (await api.call('GET', '/api/land/years/current', { token: who.villager, query: { villageId: api.demo.gaojing } })).body,
    ).awardYear
    if (!state) throw new Error('no year')
    for (const [index, award] of notice.awards.entries()) {
      const parcel = state.parcels.find((candidate) => award.parcels[0]?.startsWith(candidate.name))
      if (!parcel) throw new Error(`no parcel for award ${index}`)
      const res = await api.call('POST', '/api/land/allocations/assign', {
        token: who.secretary,
        body: { awardYearId, householdId: award.householdId, parcelIds: [parcel.id] },
      })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
    }
    const allocations = allocationsResponse.parse((await api.call('GET', '/api/land/allocations/list', { token: who.villager, query: { awardYearId } })).body)
    expect(allocations).toMatchObject({ poolTenthMu: 1200, allocatedTenthMu: 1200 })
    expect(await api.db.select().from(landAllocations).where(eq(landAllocations.awardYearId, awardYearId))).toHaveLength(10)

    // history lists this year's ten households
    const history = historyResponse.parse((await api.call('GET', '/api/land/history', { token: who.villager, query: { villageId: api.demo.gaojing } })).body)
    expect(history.years.find((year) => year.year === 2031)?.households).toHaveLength(10)

    // anyone in the village sees the motion's log, and the chain verifies
    const audit = motionAuditResponse.parse((await api.call('GET', '/api/land/motions/audit', { token: who.villager, query: { motionId } })).body)
    expect(audit.entries.map((entry) => entry.action)).toEqual([
      'land.motion.created',
      'land.motion.opened',
      'land.vote.cast',
      'land.vote.cast',
      'land.vote.cast_assisted',
      'land.hands.entered',
      'land.motion.closed',
    ])
    expect(audit.chain.ok).toBe(true)
    const actions = (await api.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.villageId, api.demo.gaojing))).map((row) => row.action)
    for (const action of [
      'land.year.created',
      'land.nomination.created',
      'land.nomination.reviewed',
      'land.meeting.checked_in',
      'land.meeting.roll_call',
      'land.notice.published',
      'land.objection.filed',
      'land.objection.replied',
      'land.notice.locked',
      'land.allocation.assigned',
    ]) {
      expect(actions).toContain(action)
    }

    // a correction of the locked result is a new, linked record; the original stays as it was
    const correction = await api.call('POST', '/api/land/notices/correct', {
      token: who.secretary,
      body: { noticeId, reason: '第10户户主姓名登记有误，重新公示', candidateIds: notice.awards.map((award) => award.householdId) },
    })
    expect(correction.status).toBe(201)
    const [original] = await api.db.select().from(landNotices).where(eq(landNotices.id, noticeId))
    expect(original?.status).toBe('locked')
    const [linked] = await api.db
      .select()
      .from(landNotices)
      .where(and(eq(landNotices.correctsNoticeId, noticeId)))
    expect(linked).toMatchObject({ correctionReason: '第10户户主姓名登记有误，重新公示', status: 'open' })
  })
})
