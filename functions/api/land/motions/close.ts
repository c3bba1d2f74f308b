import { eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landMotions } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { motionIdInput, tallyResponse } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { computeTally, loadMeeting, loadMotion } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/motions/close',
  summary: '结束表决并冻结计票结果',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: motionIdInput,
  response: tallyResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'land_motion_not_open', 'land_motion_closed'],
  handler: async ({ authorize, db, session, body }) => {
    // The exclusive lock waits for casts in flight (they hold a share lock) and keeps new ones out.
    const motion = await loadMotion(db, body.motionId, 'update')
    authorize(motion.villageId)
    if (motion.status === 'closed') throw new AppError('land_motion_closed')
    if (motion.status !== 'open') throw new AppError('land_motion_not_open')
    const meeting = await loadMeeting(db, motion.meetingId)
    const tally = await computeTally(db, motion, meeting)
    await db
      .update(landMotions)
      .set({ status: 'closed', passed: tally.passed, result: tally, closedAt: sql`now()` })
      .where(eq(landMotions.id, motion.id))
    await appendAudit(db, {
      villageId: motion.villageId,
      actorPersonId: session.personId,
      action: 'land.motion.closed',
      subjectType: 'land_motion',
      subjectId: motion.id,
      payload: {
        passed: tally.passed,
        eligible: tally.eligible,
        present: tally.present,
        total: tally.total,
        app: tally.app,
        hands: tally.hands,
        assisted: tally.assisted,
      },
    })
    return { motionId: motion.id, status: 'closed' as const, meetingType: meeting.type, tally }
  },
})

export const POST = toWebHandler(route)
