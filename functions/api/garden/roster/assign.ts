import { appendAudit } from '../../../../db/audit'
import { AppError } from '../../../../shared/errors'
import { assignInput, signupResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { bookShift, isVillageMember, lockPeople } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/roster/assign',
  summary: '主理人手动把某人排进一个班（同样不能超员、不能撞班）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: assignInput,
  response: signupResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'garden_shift_full',
    'garden_already_signed_up',
    'garden_shift_overlap',
    'garden_shift_closed',
    'garden_shift_cancelled',
    'garden_swap_target_invalid',
  ],
  handler: async ({ db, session, body }) => {
    if (!(await isVillageMember(db, body.villageId, body.personId))) throw new AppError('garden_swap_target_invalid', '这个人不是本社区的志愿者')
    await lockPeople(db, [body.personId])
    const { shift, signup } = await bookShift(db, { villageId: body.villageId, shiftId: body.shiftId, personId: body.personId, source: 'steward' })
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.roster.assigned',
      subjectType: 'garden_signup',
      subjectId: signup.id,
      payload: { shiftId: shift.id, personId: body.personId },
    })
    return { signupId: signup.id, shiftId: shift.id, personId: signup.personId, status: signup.status }
  },
})

export const POST = toWebHandler(route)
