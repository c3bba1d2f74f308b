import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenSignups, gardenSwaps } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { respondSwapInput, swapRefusal, swapResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { bookingsOf, loadSignup, lockPeople, nowMinutes, shiftSpan } from '../../../queries/garden'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/swaps/respond',
  summary: '被请求的人同意或拒绝换班',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: respondSwapInput,
  response: swapResponse,
  errors: [
    'not_member_of_village',
    'not_found',
    'forbidden',
    'garden_swap_not_pending',
    'garden_shift_closed',
    'garden_signup_withdrawn',
    'garden_already_signed_up',
    'garden_shift_overlap',
  ],
  handler: async ({ db, session, body }) => {
    await lockPeople(db, [session.personId])
    const [swap] = await db
      .select()
      .from(gardenSwaps)
      .where(and(eq(gardenSwaps.id, body.swapId), eq(gardenSwaps.villageId, body.villageId)))
      .for('update')
    if (!swap) throw new AppError('not_found', '找不到这个换班申请')
    if (swap.toPersonId !== session.personId) throw new AppError('forbidden', '只有被请求的人才能回复这个换班')
    if (swap.status !== 'pending') throw new AppError('garden_swap_not_pending')
    const { signup, shift } = await loadSignup(db, body.villageId, swap.signupId, true)
    const decided = { decidedBy: session.personId, decidedAt: new Date() }
    if (!body.accept) {
      await db
        .update(gardenSwaps)
        .set({ status: 'declined', ...decided })
        .where(eq(gardenSwaps.id, swap.id))
    } else {
      // The place may have moved or the taker may have booked something else since the request.
      if (signup.personId !== swap.fromPersonId) throw new AppError('garden_swap_not_pending', '这个班已经换给别人了')
      const refusal = swapRefusal({
        signup,
        shift: { id: shift.id, ...shiftSpan(shift) },
        requesterId: swap.fromPersonId,
        toPersonId: session.personId,
        toIsMember: true,
        toBookings: await bookingsOf(db, body.villageId, session.personId, shift.startsAt, shift.endsAt),
        nowMin: nowMinutes(),
      })
      if (refusal) throw new AppError(refusal)
      await db.update(gardenSignups).set({ personId: session.personId, source: 'swap' }).where(eq(gardenSignups.id, signup.id))
      await db
        .update(gardenSwaps)
        .set({ status: 'accepted', ...decided })
        .where(eq(gardenSwaps.id, swap.id))
    }
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: body.accept ? 'garden.swap.accepted' : 'garden.swap.declined',
      subjectType: 'garden_swap',
      subjectId: swap.id,
      payload: { signupId: signup.id, shiftId: shift.id, fromPersonId: swap.fromPersonId, toPersonId: swap.toPersonId },
    })
    return {
      swapId: swap.id,
      signupId: signup.id,
      status: body.accept ? ('accepted' as const) : ('declined' as const),
      personId: body.accept ? session.personId : signup.personId,
    }
  },
})

export const POST = toWebHandler(route)
