import { removeFromShiftInput, withdrawResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { releasePlace } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/roster/remove',
  summary: '主理人把一位志愿者移出一个班（写明原因；班次结束前可以移出，已签到的不能移出）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: removeFromShiftInput,
  response: withdrawResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_already_checked_in', 'garden_shift_cancelled', 'garden_shift_closed', 'conflict'],
  handler: async ({ db, session, body }) => {
    return releasePlace(db, { villageId: body.villageId, signupId: body.signupId, actorPersonId: session.personId, via: 'steward', reason: body.reason })
  },
})

export const POST = toWebHandler(route)
