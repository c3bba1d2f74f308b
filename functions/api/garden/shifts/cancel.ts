import { cancelShiftInput, cancelShiftResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { cancelShift } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/shifts/cancel',
  summary: '主理人取消一个还没开始的班（下雨、放假等，写明原因）：报了名的人全部释放，不再提醒',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: cancelShiftInput,
  response: cancelShiftResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_shift_already_started'],
  handler: async ({ db, session, body }) => {
    return cancelShift(db, { villageId: body.villageId, shiftId: body.shiftId, actorPersonId: session.personId, reason: body.reason })
  },
})

export const POST = toWebHandler(route)
