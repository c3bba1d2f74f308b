import { eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landMeetings } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { idResponse, meetingIdInput } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { electorateSize, loadMeeting, meetingYear } from '../../../queries/land'
import { todayInChina } from '../../../../shared/time'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/meetings/open',
  summary: '宣布会议开始，开始签到',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: meetingIdInput,
  response: idResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'land_meeting_not_yet', 'land_meeting_closed', 'land_meeting_cancelled'],
  handler: async ({ authorize, db, session, body }) => {
    const meeting = await loadMeeting(db, body.meetingId, 'update')
    authorize(meeting.villageId)
    if (meeting.status === 'closed') throw new AppError('land_meeting_closed')
    if (meeting.status === 'cancelled') throw new AppError('land_meeting_cancelled')
    if (meeting.status === 'open') return { id: meeting.id }
    // Opening early would cut the notice the villagers were promised.
    if (meeting.meetingDate > todayInChina()) throw new AppError('land_meeting_not_yet', `会议定于${meeting.meetingDate}召开，还不能开始`)
    await db
      .update(landMeetings)
      .set({ status: 'open', openedAt: sql`now()` })
      .where(eq(landMeetings.id, meeting.id))
    await appendAudit(db, {
      villageId: meeting.villageId,
      actorPersonId: session.personId,
      action: 'land.meeting.opened',
      subjectType: 'land_meeting',
      subjectId: meeting.id,
      payload: { eligible: await electorateSize(db, meeting.villageId, meeting.type, meetingYear(meeting)) },
    })
    return { id: meeting.id }
  },
})

export const POST = toWebHandler(route)
