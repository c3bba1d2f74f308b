import { appendAudit } from '../../../db/audit'
import { AppError } from '../../../shared/errors'
import { creditedMinutes, doneResponse, doneVerdict, signupIdInput } from '../../../shared/garden'
import { toEpochMinutes } from '../../../shared/time'

import { defineRoute, toWebHandler } from '../../lib/route'
import { completeShift, loadSignup, shiftSpan } from '../../queries/garden'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/done',
  summary: '志愿者签到后、班次开始以后标记任务完成，按实际在班时间记时长和积分',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: signupIdInput,
  response: doneResponse,
  errors: [
    'not_member_of_village',
    'not_found',
    'garden_not_your_shift',
    'garden_not_checked_in',
    'garden_done_before_start',
    'garden_shift_closed',
    'garden_signup_withdrawn',
    'conflict',
  ],
  handler: async ({ db, session, body }) => {
    const { signup, shift } = await loadSignup(db, body.villageId, body.signupId, true)
    if (signup.personId !== session.personId) throw new AppError('garden_not_your_shift')
    const result = { signupId: signup.id, shiftId: shift.id, personId: signup.personId, status: 'done' as const }
    const doneAt = new Date()
    const span = shiftSpan(shift)
    const verdict = doneVerdict({ by: 'self', status: signup.status, shift: span, nowMin: toEpochMinutes(doneAt) })
    // Pressing it again is not an error: the first press stands, nothing more is earned.
    if (verdict.kind === 'already') return { ...result, pointsAwarded: 0, creditedMinutes: signup.creditedMinutes ?? 0 }
    if (verdict.kind === 'refused') {
      throw verdict.code === 'garden_shift_closed' && signup.status === 'checked_in'
        ? new AppError('garden_shift_closed', '这个班结束太久了，请联系主理人确认完成')
        : new AppError(verdict.code)
    }
    const minutes = creditedMinutes(span, signup.checkedInAt ? toEpochMinutes(signup.checkedInAt) : null, toEpochMinutes(doneAt), false)
    const pointsAwarded = await completeShift(db, { signup, shift, actorPersonId: session.personId, doneAt, creditedMinutes: minutes, reason: null })
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.shift.done',
      subjectType: 'garden_signup',
      subjectId: signup.id,
      payload: { shiftId: shift.id, creditedMinutes: minutes, pointsAwarded },
    })
    return { ...result, pointsAwarded, creditedMinutes: minutes }
  },
})

export const POST = toWebHandler(route)
