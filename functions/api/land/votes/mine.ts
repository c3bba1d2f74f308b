import { motionIdInput, myVoteResponse } from '../../../../shared/land'
import { requireMember } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMotion } from '../_shared'
import { myBallots } from './_ballot'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/votes/mine',
  summary: '我在这项表决中的投票；别人代为投的，写明是谁代投、应谁请求、何时',
  tags: ['land'],
  auth: 'user',
  query: motionIdInput,
  response: myVoteResponse,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ db, session, query }) => {
    const motion = await loadMotion(db, query.motionId)
    requireMember(session, motion.villageId)
    const [mine] = await myBallots(db, [motion], session.personId)
    if (!mine) throw new Error('myBallots returned nothing for one motion')
    return mine
  },
})

export const GET = toWebHandler(route)
