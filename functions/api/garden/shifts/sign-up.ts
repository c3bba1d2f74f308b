import { and, count, eq, ne } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenSignups } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { shiftIdInput, signUpRefusal, signupResponse } from '../../../../shared/garden'
import { requireMember } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { bookingsOf, loadShift, lockPeople, nowMinutes, shiftSpan } from '../_shared'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/shifts/sign-up',
  summary: '志愿者报名一个班（满员、重复报名、时间冲突都会被拒绝）',
  tags: ['garden'],
  auth: 'user',
  body: shiftIdInput,
  response: signupResponse,
  successStatus: 201,
  errors: ['not_member_of_village', 'not_found', 'garden_shift_full', 'garden_already_signed_up', 'garden_shift_overlap', 'garden_shift_closed'],
  handler: async ({ db, session, body }) => {
    requireMember(session, body.villageId)
    // Person row first, then the shift row: concurrent sign-ups for the last place queue on the
    // shift lock and count only after the winner has committed.
    await lockPeople(db, [session.personId])
    const shift = await loadShift(db, body.villageId, body.shiftId, true)
    const span = shiftSpan(shift)
    const [taken] = await db
      .select({ n: count() })
      .from(gardenSignups)
      .where(and(eq(gardenSignups.shiftId, shift.id), ne(gardenSignups.status, 'no_show')))
    const mine = await bookingsOf(db, body.villageId, session.personId, shift.startsAt, shift.endsAt)
    const refusal = signUpRefusal({
      shift: { id: shift.id, ...span, capacity: shift.capacity, cancelled: shift.cancelled },
      filled: taken?.n ?? 0,
      alreadyOnShift: mine.some((m) => m.shiftId === shift.id),
      mine,
      nowMin: nowMinutes(),
    })
    if (refusal) throw new AppError(refusal)
    const [signup] = await db
      .insert(gardenSignups)
      .values({ villageId: body.villageId, shiftId: shift.id, personId: session.personId, source: 'self' })
      .onConflictDoNothing()
      .returning()
    if (!signup) throw new AppError('garden_already_signed_up')
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
