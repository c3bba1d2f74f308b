import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landAttendance, landMeetingChanges, landMeetings } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { idResponse, meetingChangeRefusal, postponeMeetingInput } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'
import { todayInChina } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMeeting, loadYear, motionStatuses, requireMeetingNotice, requireYearOpen } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/meetings/postpone',
  summary: '会议改期并写明理由，通知全村：新日期仍须提前十天通知，紧急须写明事由（开始表决后不能改期）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: postponeMeetingInput,
  response: idResponse,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_meeting_closed',
    'land_meeting_cancelled',
    'land_meeting_voting_started',
    'land_meeting_date_unchanged',
    'land_meeting_notice_too_short',
    'land_meeting_date_in_past',
    'land_meeting_date_too_far',
    'land_result_locked',
    'land_nomination_closed',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const meeting = await loadMeeting(db, body.meetingId, 'update')
    authorize(meeting.villageId)
    const refusal = meetingChangeRefusal(meeting, await motionStatuses(db, meeting.id))
    if (refusal) throw new AppError(refusal)
    requireYearOpen(await loadYear(db, meeting.awardYearId))
    if (body.meetingDate === meeting.meetingDate) throw new AppError('land_meeting_date_unchanged')
    // The village is told today of the new date: the ten days run from today, as for a new call.
    const noticeDate = todayInChina()
    const noticeDays = requireMeetingNotice(noticeDate, body.meetingDate, body.urgentReason)
    const urgentReason = body.urgentReason && body.urgentReason.length > 0 ? body.urgentReason : null
    // Whoever came to the hall today comes again on the new day: today's check-ins do not carry over.
    const cleared = await db.delete(landAttendance).where(eq(landAttendance.meetingId, meeting.id)).returning({ personId: landAttendance.personId })
    await db
      .update(landMeetings)
      .set({ meetingDate: body.meetingDate, noticeDate, urgentReason, status: 'scheduled', openedAt: null })
      .where(eq(landMeetings.id, meeting.id))
    await db.insert(landMeetingChanges).values({
      villageId: meeting.villageId,
      meetingId: meeting.id,
      kind: 'postponed',
      reason: body.reason,
      fromDate: meeting.meetingDate,
      toDate: body.meetingDate,
      urgentReason,
      attendanceCleared: cleared.length,
      changedBy: session.personId,
    })
    await appendAudit(db, {
      villageId: meeting.villageId,
      actorPersonId: session.personId,
      action: 'land.meeting.postponed',
      subjectType: 'land_meeting',
      subjectId: meeting.id,
      payload: {
        reason: body.reason,
        fromDate: meeting.meetingDate,
        toDate: body.meetingDate,
        noticeDate,
        noticeDays,
        urgentReason,
        attendanceCleared: cleared.length,
      },
    })
    return { id: meeting.id }
  },
})

export const POST = toWebHandler(route)
