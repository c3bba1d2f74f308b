import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenSignups } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { doneResponse, markAttendanceInput } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { GARDEN_STEWARDS, awardShiftPoints, loadSignup, nowMinutes, requireSteward, shiftSpan } from '../_shared'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/attendance/mark',
  summary: '主理人确认出勤：完成（记积分）或未到（不记分）',
  tags: ['garden'],
  auth: 'user',
  roles: GARDEN_STEWARDS,
  body: markAttendanceInput,
  response: doneResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_shift_closed', 'garden_signup_withdrawn', 'conflict'],
  handler: async ({ db, session, body }) => {
    requireSteward(session, body.villageId)
    const { signup, shift } = await loadSignup(db, body.villageId, body.signupId, true)
    const span = shiftSpan(shift)
    const now = nowMinutes()
    const result = { signupId: signup.id, shiftId: shift.id, personId: signup.personId }
    // A place given back (or on a shift called off) earns nothing and is not a no-show either.
    if (signup.status === 'withdrawn') throw new AppError('garden_signup_withdrawn')
    if (signup.status === 'done' || signup.status === 'no_show') throw new AppError('garden_shift_closed', '这个班的出勤已经确认过了')
    let pointsAwarded = 0
    if (body.outcome === 'done') {
      if (now < span.startMin) throw new AppError('conflict', '班次还没开始，不能确认完成')
      await db.update(gardenSignups).set({ status: 'done', doneAt: new Date() }).where(eq(gardenSignups.id, signup.id))
      pointsAwarded = await awardShiftPoints(db, signup, shift, session.personId)
    } else {
      if (now < span.endMin) throw new AppError('conflict', '班次还没结束，不能记为未到')
      if (signup.status !== 'booked') throw new AppError('conflict', '这位志愿者已经签到了，不能记为未到')
      await db.update(gardenSignups).set({ status: 'no_show' }).where(eq(gardenSignups.id, signup.id))
    }
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: body.outcome === 'done' ? 'garden.attendance.done' : 'garden.attendance.no_show',
      subjectType: 'garden_signup',
      subjectId: signup.id,
      payload: { shiftId: shift.id, personId: signup.personId, pointsAwarded },
    })
    return { ...result, status: body.outcome, pointsAwarded }
  },
})

export const POST = toWebHandler(route)
