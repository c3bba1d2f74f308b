import { and, eq } from 'drizzle-orm'
import { landVotes } from '../../../../db/schema'
import { motionIdInput, myVoteResponse } from '../../../../shared/land'
import { requireMember } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMotion } from '../_shared'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/votes/mine',
  summary: '我在这项表决中的投票',
  tags: ['land'],
  auth: 'user',
  query: motionIdInput,
  response: myVoteResponse,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ db, session, query }) => {
    const motion = await loadMotion(db, query.motionId)
    requireMember(session, motion.villageId)
    const [vote] = await db
      .select()
      .from(landVotes)
      .where(and(eq(landVotes.motionId, motion.id), eq(landVotes.personId, session.personId)))
    return { motionId: motion.id, choice: vote?.choice ?? null, assisted: vote?.assisted ?? false }
  },
})

export const GET = toWebHandler(route)
