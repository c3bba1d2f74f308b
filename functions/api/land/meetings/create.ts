import { appendAudit } from '../../../../db/audit'
import { landMeetings } from '../../../../db/schema'
import { createMeetingInput, idResponse } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadYear, requireMeetingNotice, requireYearOpen } from '../../../queries/land'
import { todayInChina } from '../../../../shared/time'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/meetings/create',
  summary: '书记召集表决会议：会议类型、日期；提前十天通知，紧急须写明事由',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: createMeetingInput,
  response: idResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_meeting_notice_too_short',
    'land_meeting_date_in_past',
    'land_meeting_date_too_far',
    'land_result_locked',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const year = await loadYear(db, body.awardYearId)
    authorize(year.villageId)
    requireYearOpen(year)
    const noticeDate = todayInChina()
    const noticeDays = requireMeetingNotice(noticeDate, body.meetingDate, body.urgentReason)
    const urgentReason = body.urgentReason && body.urgentReason.length > 0 ? body.urgentReason : null
    const [meeting] = await db
      .insert(landMeetings)
      .values({
        villageId: year.villageId,
        awardYearId: year.id,
        type: body.type,
        title: body.title,
        meetingDate: body.meetingDate,
        noticeDate,
        urgentReason,
        createdBy: session.personId,
      })
      .returning({ id: landMeetings.id })
    if (!meeting) throw new Error('meeting insert returned nothing')
    await appendAudit(db, {
      villageId: year.villageId,
      actorPersonId: session.personId,
      action: 'land.meeting.called',
      subjectType: 'land_meeting',
      subjectId: meeting.id,
      payload: { type: body.type, meetingDate: body.meetingDate, noticeDate, noticeDays, urgentReason },
    })
    return { id: meeting.id }
  },
})

export const POST = toWebHandler(route)
