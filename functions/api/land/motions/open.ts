import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landMotions } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { idResponse, motionIdInput } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMeeting, loadMotion } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/motions/open',
  summary: '开始表决（同一时间只进行一项）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: motionIdInput,
  response: idResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'land_meeting_not_open', 'land_meeting_closed', 'land_motion_closed', 'land_motion_still_open'],
  handler: async ({ authorize, db, session, body }) => {
    const motion = await loadMotion(db, body.motionId, 'update')
    authorize(motion.villageId)
    const meeting = await loadMeeting(db, motion.meetingId, 'update')
    if (motion.status === 'open') return { id: motion.id }
    if (motion.status === 'closed') throw new AppError('land_motion_closed')
    if (meeting.status === 'closed') throw new AppError('land_meeting_closed')
    if (meeting.status !== 'open') throw new AppError('land_meeting_not_open')
    const [other] = await db
      .select({ id: landMotions.id })
      .from(landMotions)
      .where(and(eq(landMotions.meetingId, meeting.id), eq(landMotions.status, 'open')))
    if (other) throw new AppError('land_motion_still_open', '上一项表决还没有结束')
    await db
      .update(landMotions)
      .set({ status: 'open', openedAt: sql`now()` })
      .where(eq(landMotions.id, motion.id))
    await appendAudit(db, {
      villageId: motion.villageId,
      actorPersonId: session.personId,
      action: 'land.motion.opened',
      subjectType: 'land_motion',
      subjectId: motion.id,
      payload: {},
    })
    return { id: motion.id }
  },
})

export const POST = toWebHandler(route)
