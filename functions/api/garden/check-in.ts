import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../db/audit'
import { gardenSignups } from '../../../db/schema'
import { AppError } from '../../../shared/errors'
import { checkInVerdict, signupIdInput, signupResponse } from '../../../shared/garden'

import { defineRoute, toWebHandler } from '../../lib/route'
import { loadSignup, nowMinutes, shiftSpan } from '../../queries/garden'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/check-in',
  summary: '志愿者到了菜园签到（只能签自己的班，开始前30分钟到结束后1小时内）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: signupIdInput,
  response: signupResponse,
  errors: [
    'not_member_of_village',
    'not_found',
    'garden_not_your_shift',
    'garden_check_in_too_early',
    'garden_check_in_too_late',
    'garden_shift_closed',
    'garden_signup_withdrawn',
    'garden_shift_cancelled',
  ],
  handler: async ({ db, session, body }) => {
    const { signup, shift } = await loadSignup(db, body.villageId, body.signupId, true)
    if (signup.personId !== session.personId) throw new AppError('garden_not_your_shift')
    const result = { signupId: signup.id, shiftId: shift.id, personId: signup.personId }
    // Pressing the button twice is not an error: the first check-in stands.
    if (signup.status === 'checked_in' || signup.status === 'done') return { ...result, status: signup.status }
    if (signup.status === 'withdrawn') throw new AppError('garden_signup_withdrawn')
    if (shift.cancelled) throw new AppError('garden_shift_cancelled')
    if (signup.status === 'no_show') throw new AppError('garden_shift_closed')
    const verdict = checkInVerdict(shiftSpan(shift), nowMinutes())
    if (verdict === 'too_early') throw new AppError('garden_check_in_too_early')
    if (verdict === 'too_late') throw new AppError('garden_check_in_too_late')
    const checkedInAt = new Date()
    await db.update(gardenSignups).set({ status: 'checked_in', checkedInAt }).where(eq(gardenSignups.id, signup.id))
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.shift.checked_in',
      subjectType: 'garden_signup',
      subjectId: signup.id,
      payload: { shiftId: shift.id, checkedInAt: checkedInAt.toISOString() },
    })
    return { ...result, status: 'checked_in' as const }
  },
})

export const POST = toWebHandler(route)
