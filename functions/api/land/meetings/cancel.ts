import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landMeetingChanges, landMeetings } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { cancelMeetingInput, idResponse, meetingChangeRefusal } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMeeting, motionStatuses } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/meetings/cancel',
  summary: '取消会议并写明理由，通知全村（开始表决后不能取消）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: cancelMeetingInput,
  response: idResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'land_meeting_closed', 'land_meeting_cancelled', 'land_meeting_voting_started'],
  handler: async ({ authorize, db, session, body }) => {
    // The exclusive lock waits for a motion being opened (which locks the meeting too) and keeps new ones out.
    const meeting = await loadMeeting(db, body.meetingId, 'update')
    authorize(meeting.villageId)
    const refusal = meetingChangeRefusal(meeting, await motionStatuses(db, meeting.id))
    if (refusal) throw new AppError(refusal)
    await db.update(landMeetings).set({ status: 'cancelled', cancelReason: body.reason }).where(eq(landMeetings.id, meeting.id))
    await db.insert(landMeetingChanges).values({
      villageId: meeting.villageId,
      meetingId: meeting.id,
      kind: 'cancelled',
      reason: body.reason,
      fromDate: meeting.meetingDate,
      changedBy: session.personId,
    })
    await appendAudit(db, {
      villageId: meeting.villageId,
      actorPersonId: session.personId,
      action: 'land.meeting.cancelled',
      subjectType: 'land_meeting',
      subjectId: meeting.id,
      payload: { reason: body.reason, meetingDate: meeting.meetingDate, wasOpen: meeting.status === 'open' },
    })
    return { id: meeting.id }
  },
})

export const POST = toWebHandler(route)
