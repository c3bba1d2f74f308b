/**
 * Cancelling and postponing refused: once voting started, on a closed or cancelled meeting, with a
 * short notice and no urgent reason, to the same date, without a reason, by someone not a branch
 * leader. Each with its code and Chinese message; the meeting, its attendance, the notice list and
 * the audit log stay as they were.
 */
import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, landAttendance, landMeetingChanges, landMeetings } from '../../../db/schema'
import { errorCatalog, type ErrorCode } from '../../../shared/errors'
import { addDays } from '../../../shared/votes'
import { errorCodeOf, setupApi, type CallResult } from '../../harness/api'
import { cast, createYear, gaojingAdults, gaojingHouseholds, idOf, nominateAndApprove, openMotion, openUrgentMeeting, TODAY } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const adults = await gaojingAdults(api)

async function state(meetingId: string) {
  const [meeting] = await api.db.select().from(landMeetings).where(eq(landMeetings.id, meetingId))
  const [attendance] = await api.db.select({ n: count() }).from(landAttendance).where(eq(landAttendance.meetingId, meetingId))
  const [changes] = await api.db.select({ n: count() }).from(landMeetingChanges)
  const [audit] = await api.db.select({ n: count() }).from(auditLog).where(eq(auditLog.villageId, api.demo.gaojing))
  return { meeting, attendance: attendance?.n, changes: changes?.n, audit: audit?.n }
}

function expectRefusal(res: CallResult, code: ErrorCode): void {
  expect(res.status, JSON.stringify(res.body)).toBe(errorCatalog[code].status)
  expect(errorCodeOf(res)).toBe(code)
  expect((res.body as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/)
}

const postpone = (token: string, body: Record<string, unknown>) => api.call('POST', '/api/land/meetings/postpone', { token, body })
const cancel = (token: string, body: Record<string, unknown>) => api.call('POST', '/api/land/meetings/cancel', { token, body })

// A meeting whose hall has started voting.
const votingYear = await createYear(api, who.secretary, 2034)
const [candidate] = await nominateAndApprove(api, who.secretary, votingYear, [homes[0]?.id ?? ''])
const votingMeeting = await openUrgentMeeting(api, who.secretary, votingYear)
await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId: votingMeeting, personIds: adults.map((adult) => adult.id) } })
await openMotion(api, who.secretary, votingMeeting, [candidate ?? ''])

// A meeting ten days out, to be refused in other ways.
const plainYear = await createYear(api, who.secretary, 2035)
const plainMeeting = idOf(
  await api.call('POST', '/api/land/meetings/create', {
    token: who.secretary,
    body: { awardYearId: plainYear, type: 'assembly', title: '会议', meetingDate: addDays(TODAY, 10) },
  }),
)

describe.each([
  ['postpone', (token: string) => postpone(token, { meetingId: votingMeeting, meetingDate: addDays(TODAY, 20), reason: '改期' })],
  ['cancel', (token: string) => cancel(token, { meetingId: votingMeeting, reason: '取消' })],
] as const)('%s once voting has started', (_, send) => {
  it('is refused as land_meeting_voting_started, and nothing changes', async () => {
    const before = await state(votingMeeting)
    expectRefusal(await send(who.secretary), 'land_meeting_voting_started')
    expect(await state(votingMeeting)).toEqual(before)
  })
})

describe('the database backs the rule', () => {
  it('a direct update cancelling a meeting that has voted is refused by the trigger', async () => {
    await expect(api.db.update(landMeetings).set({ status: 'cancelled', cancelReason: 'x' }).where(eq(landMeetings.id, votingMeeting))).rejects.toThrow()
    await expect(
      api.db
        .update(landMeetings)
        .set({ meetingDate: addDays(TODAY, 30) })
        .where(eq(landMeetings.id, votingMeeting)),
    ).rejects.toThrow()
  })
})

describe('postponing is held to the notice rule', () => {
  it.each([
    ['fewer than ten days and no urgent reason', { meetingDate: addDays(TODAY, 9) }, 'land_meeting_notice_too_short'],
    ['a date in the past', { meetingDate: addDays(TODAY, -1) }, 'land_meeting_date_in_past'],
    ['more than a year ahead', { meetingDate: addDays(TODAY, 400) }, 'land_meeting_date_too_far'],
    ['the same date', { meetingDate: addDays(TODAY, 10) }, 'land_meeting_date_unchanged'],
  ] as const)('%s', async (_, change, code) => {
    const before = await state(plainMeeting)
    expectRefusal(await postpone(who.secretary, { meetingId: plainMeeting, reason: '改期', ...change }), code)
    expect(await state(plainMeeting)).toEqual(before)
  })

  it('a reason is required, for postponing and cancelling alike', async () => {
    const before = await state(plainMeeting)
    expectRefusal(await postpone(who.secretary, { meetingId: plainMeeting, meetingDate: addDays(TODAY, 20), reason: '  ' }), 'validation_failed')
    expectRefusal(await cancel(who.secretary, { meetingId: plainMeeting, reason: '' }), 'validation_failed')
    expect(await state(plainMeeting)).toEqual(before)
  })

  it('a villager, a committee member or another village’s secretary cannot change it', async () => {
    const before = await state(plainMeeting)
    const committee = await api.someone(api.demo.gaojing, 'committee_member').catch(() => null)
    for (const token of [who.villager, who.outsider, ...(committee ? [committee.token] : [])]) {
      const res = await cancel(token, { meetingId: plainMeeting, reason: '取消' })
      expect([403]).toContain(res.status)
    }
    expect(await state(plainMeeting)).toEqual(before)
  })
})

describe('a cancelled meeting stays cancelled', () => {
  it('cannot be cancelled again, postponed, opened or given motions', async () => {
    const year = await createYear(api, who.secretary, 2036)
    const meetingId = idOf(
      await api.call('POST', '/api/land/meetings/create', {
        token: who.secretary,
        body: { awardYearId: year, type: 'assembly', title: '会议', meetingDate: TODAY, urgentReason: '紧急' },
      }),
    )
    expect((await cancel(who.secretary, { meetingId, reason: '天降大雪，道路不通' })).status).toBe(200)
    const before = await state(meetingId)
    expectRefusal(await cancel(who.secretary, { meetingId, reason: '再取消' }), 'land_meeting_cancelled')
    expectRefusal(await postpone(who.secretary, { meetingId, meetingDate: addDays(TODAY, 20), reason: '改期' }), 'land_meeting_cancelled')
    expectRefusal(await api.call('POST', '/api/land/meetings/open', { token: who.secretary, body: { meetingId } }), 'land_meeting_cancelled')
    expectRefusal(await api.call('POST', '/api/land/meetings/check-in', { token: who.villager, body: { meetingId } }), 'land_meeting_not_open')
    expect(await state(meetingId)).toEqual(before)
    // The notice the village read is never edited or taken down.
    await expect(api.db.update(landMeetingChanges).set({ reason: '改过的理由' }).where(eq(landMeetingChanges.meetingId, meetingId))).rejects.toThrow()
    await expect(api.db.delete(landMeetingChanges).where(eq(landMeetingChanges.meetingId, meetingId))).rejects.toThrow()
  })
})
