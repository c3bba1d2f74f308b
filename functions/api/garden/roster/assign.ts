import { and, count, eq, ne } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenSignups } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { assignInput, signUpRefusal, signupResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { GARDEN_STEWARDS, bookingsOf, isVillageMember, loadShift, lockPeople, nowMinutes, requireSteward, shiftSpan } from '../_shared'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/roster/assign',
  summary: '主理人手动把某人排进一个班（同样不能超员、不能撞班）',
  tags: ['garden'],
  auth: 'user',
  roles: GARDEN_STEWARDS,
  body: assignInput,
  response: signupResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_shift_full', 'garden_already_signed_up', 'garden_shift_overlap', 'garden_shift_closed', 'garden_swap_target_invalid'],
  handler: async ({ db, session, body }) => {
    requireSteward(session, body.villageId)
    if (!(await isVillageMember(db, body.villageId, body.personId))) throw new AppError('garden_swap_target_invalid', '这个人不是本社区的志愿者')
    await lockPeople(db, [body.personId])
    const shift = await loadShift(db, body.villageId, body.shiftId, true)
    const [taken] = await db.select({ n: count() }).from(gardenSignups).where(and(eq(gardenSignups.shiftId, shift.id), ne(gardenSignups.status, 'no_show')))
    const mine = await bookingsOf(db, body.villageId, body.personId, shift.startsAt, shift.endsAt)
    const refusal = signUpRefusal({
      shift: { id: shift.id, ...shiftSpan(shift), capacity: shift.capacity, cancelled: shift.cancelled },
      filled: taken?.n ?? 0,
      alreadyOnShift: mine.some((m) => m.shiftId === shift.id),
      mine,
      nowMin: nowMinutes(),
    })
    if (refusal) throw new AppError(refusal)
    const [signup] = await db
      .insert(gardenSignups)
      .values({ villageId: body.villageId, shiftId: shift.id, personId: body.personId, source: 'steward' })
      .onConflictDoNothing()
      .returning()
    if (!signup) throw new AppError('garden_already_signed_up')
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
