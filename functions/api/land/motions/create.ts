import { and, eq, inArray } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landMotions, landNominations } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createMotionInput, idResponse } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMeeting, loadYear, requireYearOpen } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/motions/create',
  summary: '拟定表决事项：整体名单、逐户表决，或获奖排序',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: createMotionInput,
  response: idResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_meeting_closed',
    'land_meeting_cancelled',
    'land_candidate_not_approved',
    'validation_failed',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const meeting = await loadMeeting(db, body.meetingId)
    authorize(meeting.villageId)
    if (meeting.status === 'closed') throw new AppError('land_meeting_closed')
    if (meeting.status === 'cancelled') throw new AppError('land_meeting_cancelled')
    requireYearOpen(await loadYear(db, meeting.awardYearId))
    const ids = [...new Set(body.candidateIds)]
    if (ids.length !== body.candidateIds.length) throw new AppError('validation_failed', '名单里有重复的户')
    if (body.kind === 'candidate' && ids.length !== 1) throw new AppError('validation_failed', '逐户表决每次只表决一户')
    const approved = await db
      .select({ id: landNominations.id })
      .from(landNominations)
      .where(and(inArray(landNominations.id, ids), eq(landNominations.awardYearId, meeting.awardYearId), eq(landNominations.status, 'approved')))
    if (approved.length !== ids.length) throw new AppError('land_candidate_not_approved')
    const [motion] = await db
      .insert(landMotions)
      .values({ villageId: meeting.villageId, meetingId: meeting.id, kind: body.kind, title: body.title, candidateIds: ids })
      .returning({ id: landMotions.id })
    if (!motion) throw new Error('motion insert returned nothing')
    await appendAudit(db, {
      villageId: meeting.villageId,
      actorPersonId: session.personId,
      action: 'land.motion.created',
      subjectType: 'land_motion',
      subjectId: motion.id,
      payload: { meetingId: meeting.id, kind: body.kind, title: body.title, candidateIds: ids },
    })
    return { id: motion.id }
  },
})

export const POST = toWebHandler(route)
