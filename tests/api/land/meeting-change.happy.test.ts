/**
 * Cancelling and postponing a meeting: the village is told, with the reason, on the land home; a
 * postponement gives ten days' notice again (or is urgent with a reason), and whoever checked in
 * on the first day checks in again on the new one.
 */
import { count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, landAttendance, landMeetingChanges } from '../../../db/schema'
import { currentMeeting, currentYearResponse, meetingChangeLine } from '../../../shared/land'
import { addDays } from '../../../shared/votes'
import { setupApi } from '../../harness/api'
import { cast, createYear, gaojingAdults, idOf, TODAY } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const adults = await gaojingAdults(api)

async function callMeeting(awardYearId: string, meetingDate = addDays(TODAY, 12)): Promise<string> {
  return idOf(
    await api.call('POST', '/api/land/meetings/create', {
      token: who.secretary,
      body: { awardYearId, type: 'assembly', title: '奖励耕地表决会议', meetingDate },
    }),
  )
}
const home = async (token = who.villager) =>
  currentYearResponse.parse((await api.call('GET', '/api/land/years/current', { token, query: { villageId: api.demo.gaojing } })).body).awardYear

describe('postponing', () => {
  it('moves the meeting, gives ten days from today, and a villager reads the notice with the reason', async () => {
    const awardYearId = await createYear(api, who.secretary, 2031)
    const meetingId = await callMeeting(awardYearId)
    const newDate = addDays(TODAY, 20)
    const res = await api.call('POST', '/api/land/meetings/postpone', {
      token: who.secretary,
      body: { meetingId, meetingDate: newDate, reason: '赶上秋收，很多人不在村里' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const meeting = (await home())?.meetings.find((candidate) => candidate.id === meetingId)
    expect(meeting).toMatchObject({ meetingDate: newDate, noticeDate: TODAY, status: 'scheduled', urgentReason: null })
    expect(meeting?.changes).toEqual([
      { kind: 'postponed', reason: '赶上秋收，很多人不在村里', fromDate: addDays(TODAY, 12), toDate: newDate, urgentReason: null, changedOn: TODAY },
    ])
    expect(meetingChangeLine(meeting?.changes[0] ?? { kind: 'cancelled', reason: '', fromDate: '', toDate: null, urgentReason: null, changedOn: '' })).toBe(
      `${TODAY}通知：会议由${addDays(TODAY, 12)}改到${newDate}。理由：赶上秋收，很多人不在村里`,
    )
    const [audit] = await api.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'land.meeting.postponed'))
    expect(audit?.n).toBe(1)
  })

  it('an open meeting that lacked a quorum moves to an urgent date with its reason; today’s check-ins do not carry over', async () => {
    const awardYearId = await createYear(api, who.secretary, 2032)
    const meetingId = idOf(
      await api.call('POST', '/api/land/meetings/create', {
        token: who.secretary,
        body: { awardYearId, type: 'assembly', title: '奖励耕地表决会议', meetingDate: TODAY, urgentReason: '春播在即' },
      }),
    )
    expect((await api.call('POST', '/api/land/meetings/open', { token: who.secretary, body: { meetingId } })).status).toBe(200)
    await api.call('POST', '/api/land/meetings/roll-call', {
      token: who.secretary,
      body: { meetingId, personIds: adults.slice(0, 5).map((adult) => adult.id) },
    })
    const newDate = addDays(TODAY, 3)
    const res = await api.call('POST', '/api/land/meetings/postpone', {
      token: who.deputy,
      body: { meetingId, meetingDate: newDate, reason: '到会人数不够，改期再开', urgentReason: '春播在即，须尽快确定奖励户' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const meeting = (await home())?.meetings.find((candidate) => candidate.id === meetingId)
    expect(meeting).toMatchObject({ status: 'scheduled', meetingDate: newDate, urgentReason: '春播在即，须尽快确定奖励户', present: 0 })
    const [left] = await api.db.select({ n: count() }).from(landAttendance).where(eq(landAttendance.meetingId, meetingId))
    expect(left?.n).toBe(0)
    const [change] = await api.db.select().from(landMeetingChanges).where(eq(landMeetingChanges.meetingId, meetingId))
    expect(change).toMatchObject({ kind: 'postponed', attendanceCleared: 5 })
  })
})

describe('cancelling', () => {
  it('calls the meeting off with its reason; a new meeting called after it is the one the screens show', async () => {
    const awardYearId = await createYear(api, who.secretary, 2033)
    const meetingId = await callMeeting(awardYearId)
    const res = await api.call('POST', '/api/land/meetings/cancel', { token: who.secretary, body: { meetingId, reason: '候选户名单有异议，重新评选后再开会' } })
    expect(res.status).toBe(200)
    let year = await home()
    const cancelled = year?.meetings.find((candidate) => candidate.id === meetingId)
    expect(cancelled).toMatchObject({ status: 'cancelled', changes: [{ kind: 'cancelled', reason: '候选户名单有异议，重新评选后再开会', toDate: null }] })
    expect(currentMeeting(year?.meetings ?? [])?.id).toBe(meetingId)
    const next = await callMeeting(awardYearId, addDays(TODAY, 15))
    year = await home()
    expect(currentMeeting(year?.meetings ?? [])?.id).toBe(next)
  })
})
