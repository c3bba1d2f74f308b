import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../db/audit'
import { gardenSignups } from '../../../db/schema'
import { AppError } from '../../../shared/errors'
import { DONE_CLOSES_AFTER_MIN, doneResponse, signupIdInput } from '../../../shared/garden'
import { requireMember } from '../../lib/auth'
import { defineRoute, toWebHandler } from '../../lib/route'
import { awardShiftPoints, loadSignup, nowMinutes, shiftSpan } from './_shared'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/done',
  summary: '志愿者签到后标记任务完成，按规则记积分',
  tags: ['garden'],
  auth: 'user',
  body: signupIdInput,
  response: doneResponse,
  errors: ['not_member_of_village', 'not_found', 'garden_not_your_shift', 'garden_not_checked_in', 'garden_shift_closed', 'garden_signup_withdrawn'],
  handler: async ({ db, session, body }) => {
    requireMember(session, body.villageId)
    const { signup, shift } = await loadSignup(db, body.villageId, body.signupId, true)
    if (signup.personId !== session.personId) throw new AppError('garden_not_your_shift')
    const result = { signupId: signup.id, shiftId: shift.id, personId: signup.personId }
    if (signup.status === 'done') return { ...result, status: 'done' as const, pointsAwarded: 0 }
    if (signup.status === 'withdrawn') throw new AppError('garden_signup_withdrawn')
    if (signup.status !== 'checked_in') throw new AppError('garden_not_checked_in')
    if (nowMinutes() > shiftSpan(shift).endMin + DONE_CLOSES_AFTER_MIN) {
      throw new AppError('garden_shift_closed', '这个班结束太久了，请联系主理人确认完成')
    }
    const doneAt = new Date()
    await db.update(gardenSignups).set({ status: 'done', doneAt }).where(eq(gardenSignups.id, signup.id))
    const pointsAwarded = await awardShiftPoints(db, signup, shift, session.personId)
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.shift.done',
      subjectType: 'garden_signup',
      subjectId: signup.id,
      payload: { shiftId: shift.id, pointsAwarded },
    })
    return { ...result, status: 'done' as const, pointsAwarded }
  },
})

export const POST = toWebHandler(route)
