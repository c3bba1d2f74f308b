import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenSignups } from '../../../db/schema'
import { errorBodySchema, errorCatalog, type ErrorCode } from '../../../shared/errors'
import { errorCodeOf, setupApi } from '../../harness/api'
import { auditCount, bookDirect, earnings, makeShift, STEWARD, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

interface Case {
  name: string
  /** Makes the shift and the sign-up as the case needs; returns the request that must be refused. */
  arrange: () => Promise<{ path: string; token: string; body: Record<string, unknown>; signupId: string }>
  status: number
  code: ErrorCode
}

const cases: Case[] = [
  {
    // The reported defect: 10 minutes early to a 60-minute shift, 活干完了 a second later.
    name: 'the volunteer marks done before the shift starts, checked in 10 minutes early',
    arrange: async () => {
      const token = await api.tokenFor(VOLUNTEER)
      const shift = await makeShift(api, { startInMin: 10, lengthMin: 60, title: '早到的浇水' })
      const signup = await bookDirect(api, shift.id, VOLUNTEER)
      expect((await api.call('POST', '/api/garden/check-in', { token, body: { villageId, signupId: signup.id } })).status).toBe(200)
      return { path: '/api/garden/done', token, body: { villageId, signupId: signup.id }, signupId: signup.id }
    },
    status: 409,
    code: 'garden_done_before_start',
  },
  {
    name: 'a steward confirms a checked-in volunteer before the shift starts, even the whole shift',
    arrange: async () => {
      const shift = await makeShift(api, { startInMin: 20, lengthMin: 60, title: '早到的除草' })
      const signup = await bookDirect(api, shift.id, VOLUNTEER)
      expect((await api.call('POST', '/api/garden/check-in', { token: await api.tokenFor(VOLUNTEER), body: { villageId, signupId: signup.id } })).status).toBe(
        200,
      )
      return {
        path: '/api/garden/attendance/mark',
        token: await api.tokenFor(STEWARD),
        body: { villageId, signupId: signup.id, outcome: 'done', confirmFullShift: true },
        signupId: signup.id,
      }
    },
    status: 409,
    code: 'garden_done_before_start',
  },
  {
    name: 'a steward marks done someone who never checked in, without a reason',
    arrange: async () => {
      const shift = await makeShift(api, { startInMin: -70, lengthMin: 60, title: '没签到的门岗' })
      const signup = await bookDirect(api, shift.id, VOLUNTEER)
      return {
        path: '/api/garden/attendance/mark',
        token: await api.tokenFor(STEWARD),
        body: { villageId, signupId: signup.id, outcome: 'done', confirmFullShift: true },
        signupId: signup.id,
      }
    },
    status: 400,
    code: 'garden_done_reason_required',
  },
  {
    name: 'a steward marks done someone who never checked in, with a blank reason',
    arrange: async () => {
      const shift = await makeShift(api, { startInMin: -150, lengthMin: 60, title: '没签到的扫除' })
      const signup = await bookDirect(api, shift.id, VOLUNTEER)
      return {
        path: '/api/garden/attendance/mark',
        token: await api.tokenFor(STEWARD),
        body: { villageId, signupId: signup.id, outcome: 'done', reason: '   ' },
        signupId: signup.id,
      }
    },
    status: 400,
    code: 'validation_failed',
  },
]

describe('marking a shift done: refusals change nothing', () => {
  it.each(cases)('$name → $code', async ({ arrange, status, code }) => {
    const { path, token, body, signupId } = await arrange()
    const volunteerToken = await api.tokenFor(VOLUNTEER)
    const [rowBefore] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signupId))
    const earnedBefore = await earnings(api, VOLUNTEER, volunteerToken)
    const auditBefore = await auditCount(api, villageId)

    const res = await api.call('POST', path, { token, body })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    const message = errorBodySchema.parse(res.body).error.message
    expect(message).toMatch(/[\u4e00-\u9fff]/)
    if (code !== 'validation_failed') expect(message).toBe(errorCatalog[code].message)

    const [rowAfter] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signupId))
    expect(rowAfter).toEqual(rowBefore)
    expect(rowAfter?.status).not.toBe('done')
    expect(rowAfter?.creditedMinutes).toBeNull()
    expect(await earnings(api, VOLUNTEER, volunteerToken)).toEqual(earnedBefore)
    expect(await auditCount(api, villageId)).toBe(auditBefore)
  })
})
