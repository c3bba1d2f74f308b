import { motionIdInput, tallyResponse } from '../../../../shared/land'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { computeTally, loadMeeting, loadMotion } from '../../../queries/land'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/motions/tally',
  summary: '计票：应到、实到、同意、反对、弃权、举手、手机投票',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  query: motionIdInput,
  response: tallyResponse,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const motion = await loadMotion(db, query.motionId)
    authorize(motion.villageId)
    const meeting = await loadMeeting(db, motion.meetingId)
    // A closed motion shows its frozen result, never a recount.
    const tally = motion.status === 'closed' && motion.result ? motion.result : await computeTally(db, motion, meeting)
    return { motionId: motion.id, status: motion.status, meetingType: meeting.type, tally }
  },
})

export const GET = toWebHandler(route)
