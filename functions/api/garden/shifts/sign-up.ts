import { appendAudit } from '../../../../db/audit'
import { shiftIdInput, signupResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { bookShift, lockPeople } from '../../../queries/garden'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/shifts/sign-up',
  summary: '志愿者报名一个班（满员、重复报名、时间冲突都会被拒绝）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: shiftIdInput,
  response: signupResponse,
  successStatus: 201,
  errors: [
    'not_member_of_village',
    'not_found',
    'garden_shift_full',
    'garden_already_signed_up',
    'garden_shift_overlap',
    'garden_shift_closed',
    'garden_shift_cancelled',
  ],
  handler: async ({ db, session, body }) => {
    // Person row first, then the shift row: concurrent sign-ups for the last place queue on the
    // shift lock and count only after the winner has committed.
    await lockPeople(db, [session.personId])
    const { shift, signup } = await bookShift(db, { villageId: body.villageId, shiftId: body.shiftId, personId: session.personId, source: 'self' })
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.shift.signed_up',
      subjectType: 'garden_signup',
      subjectId: signup.id,
      payload: { shiftId: shift.id, personId: session.personId },
    })
    return { signupId: signup.id, shiftId: shift.id, personId: signup.personId, status: signup.status }
  },
})

export const POST = toWebHandler(route)
