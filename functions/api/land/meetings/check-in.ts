import { appendAudit } from '../../../../db/audit'
import { AppError } from '../../../../shared/errors'
import { attendanceResponse, meetingIdInput } from '../../../../shared/land'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMeeting, presentCount, recordAttendance, requireEligible } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/meetings/check-in',
  summary: '村民扫码签到（到会）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  body: meetingIdInput,
  response: attendanceResponse,
  errors: [
    'not_member_of_village',
    'not_found',
    'land_meeting_not_open',
    'land_meeting_closed',
    'vote_under_18',
    'vote_not_eligible',
    'land_household_already_present',
  ],
  handler: async ({ authorize, db, session, body }) => {
    // Shared lock: check-ins run side by side, but not across the meeting being closed.
    const meeting = await loadMeeting(db, body.meetingId, 'share')
    authorize(meeting.villageId)
    if (meeting.status === 'closed') throw new AppError('land_meeting_closed')
    if (meeting.status !== 'open') throw new AppError('land_meeting_not_open')
    const voter = await requireEligible(db, meeting, session.personId)
    const added = await recordAttendance(db, meeting, voter, 'self_check_in', session.personId)
    if (added) {
      await appendAudit(db, {
        villageId: meeting.villageId,
        actorPersonId: session.personId,
        action: 'land.meeting.checked_in',
        subjectType: 'land_meeting',
        subjectId: meeting.id,
        payload: { personId: session.personId, method: 'self_check_in' },
      })
    }
    return { meetingId: meeting.id, present: await presentCount(db, meeting.id), added: added ? 1 : 0 }
  },
})

export const POST = toWebHandler(route)
