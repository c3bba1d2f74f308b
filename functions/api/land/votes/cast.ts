import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landVotes } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { castVoteInput, voteResponse } from '../../../../shared/land'
import { voteChoiceLabels } from '../../../../shared/votes'
import { requireMember, requireRole } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { ASSISTERS, isPresent, loadMeeting, loadMotion, requireEligible } from '../_shared'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/votes/cast',
  summary: '手机投票：同意、反对或弃权；表决结束前可以更改；干部可为请求帮助的老人代录（标记代投）',
  tags: ['land'],
  auth: 'user',
  body: castVoteInput,
  response: voteResponse,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'motion_not_open',
    'motion_closed',
    'meeting_closed',
    'voter_under_18',
    'not_eligible_voter',
    'not_checked_in',
    'hands_already_counted',
  ],
  handler: async ({ db, session, body }) => {
    // Share lock: many casts at once, but none slips in after the close (which takes it exclusively).
    const motion = await loadMotion(db, body.motionId, 'share')
    requireMember(session, motion.villageId)
    const assisted = body.onBehalfOfPersonId !== undefined && body.onBehalfOfPersonId !== session.personId
    if (assisted) requireRole(session, motion.villageId, ASSISTERS)
    const voterId = assisted && body.onBehalfOfPersonId ? body.onBehalfOfPersonId : session.personId
    if (motion.status === 'closed') throw new AppError('motion_closed')
    if (motion.status !== 'open') throw new AppError('motion_not_open')
    const meeting = await loadMeeting(db, motion.meetingId)
    if (meeting.status === 'closed') throw new AppError('meeting_closed')
    await requireEligible(db, meeting, voterId)
    if (!(await isPresent(db, meeting.id, voterId))) throw new AppError('not_checked_in')
    if (motion.handsFor !== null) {
      // After the hall count a new app ballot could count someone twice; changing one is still fine.
      const [existing] = await db
        .select({ id: landVotes.id })
        .from(landVotes)
        .where(and(eq(landVotes.motionId, motion.id), eq(landVotes.personId, voterId)))
      if (!existing) throw new AppError('hands_already_counted')
    }
    const [stored] = await db
      .insert(landVotes)
      .values({ motionId: motion.id, personId: voterId, choice: body.choice, assisted, recordedBy: session.personId })
      .onConflictDoUpdate({
        target: [landVotes.motionId, landVotes.personId],
        set: { choice: body.choice, assisted, recordedBy: session.personId, updatedAt: sql`now()` },
      })
      .returning({ choice: landVotes.choice, assisted: landVotes.assisted })
    if (!stored) throw new Error('vote upsert returned nothing')
    await appendAudit(db, {
      villageId: motion.villageId,
      actorPersonId: session.personId,
      action: assisted ? 'land.vote.cast_assisted' : 'land.vote.cast',
      subjectType: 'land_motion',
      subjectId: motion.id,
      payload: { personId: voterId, choice: body.choice, assisted },
    })
    return {
      motionId: motion.id,
      personId: voterId,
      choice: stored.choice,
      assisted: stored.assisted,
      message: `${assisted ? '已代为投票' : '您已投票'}：${voteChoiceLabels[stored.choice]}`,
    }
  },
})

export const POST = toWebHandler(route)
