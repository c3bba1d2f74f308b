import { appendAudit } from '../../../../db/audit'
import { gardenSwaps } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { requestSwapInput, swapRefusal, swapResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { bookingsOf, isVillageMember, loadSignup, nowMinutes, shiftSpan } from '../../../queries/garden'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/swaps/request',
  summary: '志愿者请别人替自己的班（对方同意后生效）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: requestSwapInput,
  response: swapResponse,
  successStatus: 201,
  errors: [
    'not_member_of_village',
    'not_found',
    'garden_not_your_shift',
    'garden_swap_self',
    'garden_swap_target_invalid',
    'garden_shift_closed',
    'garden_signup_withdrawn',
    'garden_already_signed_up',
    'garden_shift_overlap',
    'conflict',
  ],
  handler: async ({ db, session, body }) => {
    const { signup, shift } = await loadSignup(db, body.villageId, body.signupId, true)
    if (signup.personId !== session.personId) throw new AppError('garden_not_your_shift', '只能为自己的班申请换班')
    const refusal = swapRefusal({
      signup,
      shift: { id: shift.id, ...shiftSpan(shift) },
      requesterId: session.personId,
      toPersonId: body.toPersonId,
      toIsMember: await isVillageMember(db, body.villageId, body.toPersonId),
      toBookings: await bookingsOf(db, body.villageId, body.toPersonId, shift.startsAt, shift.endsAt),
      nowMin: nowMinutes(),
    })
    if (refusal) throw new AppError(refusal)
    const [swap] = await db
      .insert(gardenSwaps)
      .values({ villageId: body.villageId, signupId: signup.id, fromPersonId: session.personId, toPersonId: body.toPersonId })
      .onConflictDoNothing()
      .returning()
    if (!swap) throw new AppError('conflict', '这个班已经有一个换班申请在等回复了')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.swap.requested',
      subjectType: 'garden_swap',
      subjectId: swap.id,
      payload: { signupId: signup.id, shiftId: shift.id, toPersonId: body.toPersonId },
    })
    return { swapId: swap.id, signupId: signup.id, status: swap.status, personId: signup.personId }
  },
})

export const POST = toWebHandler(route)
