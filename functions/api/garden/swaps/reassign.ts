import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenSignups, gardenSwaps } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { reassignInput, swapRefusal, swapResponse } from '../../../../shared/garden'
import { afterCommit } from '../../../lib/after-commit'
import { getDbHandle } from '../../../lib/db'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { deliverReminders, noteReassignment } from '../../../queries/garden-reminders'
import { bookingsOf, isVillageMember, loadSignup, lockPeople, nowMinutes, shiftSpan } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/swaps/reassign',
  summary: '主理人直接把一个班改派给另一位志愿者（必须写明原因，原来的志愿者在菜园首页看得到，也会收到提醒）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: reassignInput,
  response: swapResponse,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'garden_swap_self',
    'garden_swap_target_invalid',
    'garden_shift_closed',
    'garden_signup_withdrawn',
    'garden_already_signed_up',
    'garden_shift_overlap',
  ],
  handler: async ({ db, session, body }) => {
    await lockPeople(db, [body.toPersonId])
    const { signup, shift } = await loadSignup(db, body.villageId, body.signupId, true)
    const refusal = swapRefusal({
      signup,
      shift: { id: shift.id, ...shiftSpan(shift) },
      // The steward acts for the holder; a steward may hand the place to themselves.
      requesterId: signup.personId,
      toPersonId: body.toPersonId,
      toIsMember: await isVillageMember(db, body.villageId, body.toPersonId),
      toBookings: await bookingsOf(db, body.villageId, body.toPersonId, shift.startsAt, shift.endsAt),
      nowMin: nowMinutes(),
    })
    if (refusal) throw new AppError(refusal)
    const decided = { decidedBy: session.personId, decidedAt: new Date() }
    await db
      .update(gardenSwaps)
      .set({ status: 'cancelled', ...decided })
      .where(and(eq(gardenSwaps.signupId, signup.id), eq(gardenSwaps.status, 'pending')))
    const [swap] = await db
      .insert(gardenSwaps)
      .values({
        villageId: body.villageId,
        signupId: signup.id,
        fromPersonId: signup.personId,
        toPersonId: body.toPersonId,
        status: 'reassigned',
        reason: body.reason,
        ...decided,
      })
      .returning()
    if (!swap) throw new Error('swap insert returned nothing')
    await db.update(gardenSignups).set({ personId: body.toPersonId, source: 'steward' }).where(eq(gardenSignups.id, signup.id))
    // The volunteer who lost the place is told by a reminder too (in the app now, by WeChat with a
    // consent), sent once this change has committed.
    const reminderId = await noteReassignment(db, { villageId: body.villageId, personId: signup.personId, signupId: signup.id, shift, reason: body.reason })
    if (reminderId) afterCommit(db, async () => void (await deliverReminders((await getDbHandle()).db, { reminderIds: [reminderId] })))
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.swap.reassigned',
      subjectType: 'garden_swap',
      subjectId: swap.id,
      payload: { signupId: signup.id, shiftId: shift.id, fromPersonId: signup.personId, toPersonId: body.toPersonId, reason: body.reason },
    })
    return { swapId: swap.id, signupId: signup.id, status: 'reassigned' as const, personId: body.toPersonId }
  },
})

export const POST = toWebHandler(route)
