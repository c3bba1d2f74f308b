import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landMotions } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { enterHandsInput, tallyResponse } from '../../../../shared/land'
import { branchLeaders, hasAnyRole } from '../../../../shared/roles'
import { checkHands } from '../../../../shared/votes'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { computeTally, loadMeeting, loadMotion } from '../../../queries/land'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/hands/enter',
  summary: '书记或副书记录入会场举手人数（不得超过 实到−手机已投）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  body: enterHandsInput,
  response: tallyResponse,
  errors: ['not_member_of_village', 'land_hands_secretary_only', 'not_found', 'land_motion_not_open', 'land_motion_closed', 'vote_hands_exceed_present'],
  handler: async ({ authorize, db, session, body }) => {
    const motion = await loadMotion(db, body.motionId, 'update')
    const held = authorize(motion.villageId)
    if (!hasAnyRole(held, branchLeaders)) throw new AppError('land_hands_secretary_only')
    if (motion.status === 'closed') throw new AppError('land_motion_closed')
    if (motion.status !== 'open') throw new AppError('land_motion_not_open')
    const meeting = await loadMeeting(db, motion.meetingId)
    const before = await computeTally(db, motion, meeting)
    const check = checkHands(before.present, before.votedInApp, body.hands)
    if (!check.ok) {
      throw new AppError(
        'vote_hands_exceed_present',
        `举手共${check.entered}人，超过了最多${check.max}人（实到${before.present}人，手机已投${before.votedInApp}人）`,
      )
    }
    const [updated] = await db
      .update(landMotions)
      .set({ handsFor: body.hands.for, handsAgainst: body.hands.against, handsAbstain: body.hands.abstain, handsEnteredBy: session.personId })
      .where(eq(landMotions.id, motion.id))
      .returning()
    if (!updated) throw new Error('motion update returned nothing')
    await appendAudit(db, {
      villageId: motion.villageId,
      actorPersonId: session.personId,
      action: 'land.hands.entered',
      subjectType: 'land_motion',
      subjectId: motion.id,
      payload: { hands: body.hands, present: before.present, votedInApp: before.votedInApp, maxHands: check.ok ? before.maxHands : 0 },
    })
    return { motionId: motion.id, status: updated.status, meetingType: meeting.type, tally: await computeTally(db, updated, meeting) }
  },
})

export const POST = toWebHandler(route)
