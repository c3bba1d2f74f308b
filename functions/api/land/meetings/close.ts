import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landMeetings, landMotions } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { idResponse, meetingIdInput } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMeeting, presentCount } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/meetings/close',
  summary: '宣布会议结束（所有表决须已结束）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: meetingIdInput,
  response: idResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'land_meeting_not_open', 'land_motion_still_open'],
  handler: async ({ authorize, db, session, body }) => {
    const meeting = await loadMeeting(db, body.meetingId, 'update')
    authorize(meeting.villageId)
    if (meeting.status === 'closed') return { id: meeting.id }
    if (meeting.status !== 'open') throw new AppError('land_meeting_not_open')
    const [open] = await db
      .select({ id: landMotions.id })
      .from(landMotions)
      .where(and(eq(landMotions.meetingId, meeting.id), eq(landMotions.status, 'open')))
    if (open) throw new AppError('land_motion_still_open')
    await db
      .update(landMeetings)
      .set({ status: 'closed', closedAt: sql`now()` })
      .where(eq(landMeetings.id, meeting.id))
    await appendAudit(db, {
      villageId: meeting.villageId,
      actorPersonId: session.personId,
      action: 'land.meeting.closed',
      subjectType: 'land_meeting',
      subjectId: meeting.id,
      payload: { present: await presentCount(db, meeting.id) },
    })
    return { id: meeting.id }
  },
})

export const POST = toWebHandler(route)
