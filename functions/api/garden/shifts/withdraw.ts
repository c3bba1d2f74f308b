import { withdrawInput, withdrawResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { releasePlace } from '../../../queries/garden'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/shifts/withdraw',
  summary: '志愿者在班次开始前取消自己的报名（名额让给别人，不扣积分；重复取消不会出错）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: withdrawInput,
  response: withdrawResponse,
  errors: [
    'not_member_of_village',
    'not_found',
    'garden_not_your_shift',
    'garden_shift_already_started',
    'garden_already_checked_in',
    'garden_shift_cancelled',
    'garden_shift_closed',
    'conflict',
  ],
  handler: async ({ db, session, body }) => {
    return releasePlace(db, { villageId: body.villageId, signupId: body.signupId, actorPersonId: session.personId, via: 'self', reason: null })
  },
})

export const POST = toWebHandler(route)
