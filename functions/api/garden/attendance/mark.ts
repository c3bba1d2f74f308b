import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenSignups } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { creditedMinutes, doneResponse, doneVerdict, markAttendanceInput } from '../../../../shared/garden'
import { toEpochMinutes } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { completeShift, loadSignup, nowMinutes, shiftSpan } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/attendance/mark',
  summary: '主理人确认出勤：完成（按实际在班时间，或确认整班；没签到的要写原因）或未到（不记分）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: markAttendanceInput,
  response: doneResponse,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'garden_shift_closed',
    'garden_signup_withdrawn',
    'garden_done_before_start',
    'garden_done_reason_required',
    'conflict',
  ],
  handler: async ({ db, session, body }) => {
    const { signup, shift } = await loadSignup(db, body.villageId, body.signupId, true)
    const span = shiftSpan(shift)
    const result = { signupId: signup.id, shiftId: shift.id, personId: signup.personId }
    if (body.outcome === 'done') {
      const doneAt = new Date()
      const verdict = doneVerdict({ by: 'steward', status: signup.status, shift: span, nowMin: toEpochMinutes(doneAt), reason: body.reason })
      if (verdict.kind !== 'go') {
        const code = verdict.kind === 'refused' ? verdict.code : 'garden_shift_closed'
        throw code === 'garden_shift_closed' ? new AppError(code, '这个班的出勤已经确认过了') : new AppError(code)
      }
      // Confirming someone who never checked in is vouching for the whole shift; the reason says why.
      const checkedIn = signup.checkedInAt ? toEpochMinutes(signup.checkedInAt) : null
      const confirmed = body.confirmFullShift || checkedIn === null
      const minutes = creditedMinutes(span, checkedIn, toEpochMinutes(doneAt), confirmed)
      const reason = body.reason ?? null
      const pointsAwarded = await completeShift(db, { signup, shift, actorPersonId: session.personId, doneAt, creditedMinutes: minutes, reason })
      await appendAudit(db, {
        villageId: body.villageId,
        actorPersonId: session.personId,
        action: 'garden.attendance.done',
        subjectType: 'garden_signup',
        subjectId: signup.id,
        payload: {
          shiftId: shift.id,
          personId: signup.personId,
          checkedIn: checkedIn !== null,
          fullShiftConfirmed: confirmed,
          creditedMinutes: minutes,
          pointsAwarded,
          reason,
        },
      })
      return { ...result, status: 'done' as const, pointsAwarded, creditedMinutes: minutes }
    }
    // A place given back (or on a shift called off) earns nothing and is not a no-show either.
    if (signup.status === 'withdrawn') throw new AppError('garden_signup_withdrawn')
    if (signup.status === 'done' || signup.status === 'no_show') throw new AppError('garden_shift_closed', '这个班的出勤已经确认过了')
    if (nowMinutes() < span.endMin) throw new AppError('conflict', '班次还没结束，不能记为未到')
    if (signup.status !== 'booked') throw new AppError('conflict', '这位志愿者已经签到了，不能记为未到')
    await db.update(gardenSignups).set({ status: 'no_show' }).where(eq(gardenSignups.id, signup.id))
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.attendance.no_show',
      subjectType: 'garden_signup',
      subjectId: signup.id,
      payload: { shiftId: shift.id, personId: signup.personId, pointsAwarded: 0 },
    })
    return { ...result, status: 'no_show' as const, pointsAwarded: 0, creditedMinutes: 0 }
  },
})

export const POST = toWebHandler(route)
