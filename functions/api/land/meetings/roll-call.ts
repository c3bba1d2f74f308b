import { appendAudit } from '../../../../db/audit'
import { AppError } from '../../../../shared/errors'
import { attendanceResponse, rollCallInput } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMeeting, presentCount, recordAttendance, requireEligible } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/meetings/roll-call',
  summary: '书记点名登记到会人员',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: rollCallInput,
  response: attendanceResponse,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_meeting_not_open',
    'land_meeting_closed',
    'vote_under_18',
    'vote_not_eligible',
    'land_household_already_present',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const meeting = await loadMeeting(db, body.meetingId, 'share')
    authorize(meeting.villageId)
    if (meeting.status === 'closed') throw new AppError('land_meeting_closed')
    if (meeting.status !== 'open') throw new AppError('land_meeting_not_open')
    const added: string[] = []
    for (const personId of new Set(body.personIds)) {
      const voter = await requireEligible(db, meeting, personId)
      if (await recordAttendance(db, meeting, voter, 'roll_call', session.personId)) added.push(personId)
    }
    if (added.length > 0) {
      await appendAudit(db, {
        villageId: meeting.villageId,
        actorPersonId: session.personId,
        action: 'land.meeting.roll_call',
        subjectType: 'land_meeting',
        subjectId: meeting.id,
        payload: { personIds: added, method: 'roll_call' },
      })
    }
    return { meetingId: meeting.id, present: await presentCount(db, meeting.id), added: added.length }
  },
})

export const POST = toWebHandler(route)
