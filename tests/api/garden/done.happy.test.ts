import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { auditLog, gardenPointsLedger, gardenSignups } from '../../../db/schema'
import { minutesServedBy } from '../../../functions/queries/garden'
import { doneResponse } from '../../../shared/garden'
import { setupApi } from '../../harness/api'
import { bookDirect, clockAt, earnings, makeShift, realClock, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const MIN = 60_000

afterEach(realClock)

async function auditPayload(signupId: string, action: string) {
  const [row] = await api.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, signupId), eq(auditLog.action, action)))
  return row?.payload as Record<string, unknown> | undefined
}

/** The hours the fair roster starts from (the function roster/generate calls). */
async function rosterMinutes(name: string): Promise<number> {
  const personId = await api.personId(name)
  return (await minutesServedBy(api.db, villageId, [personId])).get(personId) ?? 0
}

describe('done: credited for the time actually worked within the shift (default rule, 10 points an hour)', () => {
  it('checked in 10 minutes early to a 60-minute shift, done 45 minutes in: 45 minutes, 7 points, 45 on the roster', async () => {
    const token = await api.tokenFor(VOLUNTEER)
    const shift = await makeShift(api, { startInMin: 10, lengthMin: 60, title: '早上浇水' })
    const signUp = await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })
    const signupId = (signUp.body as { signupId: string }).signupId
    expect((await api.call('POST', '/api/garden/check-in', { token, body: { villageId, signupId } })).status).toBe(200)
    const before = await earnings(api, VOLUNTEER, token)
    const rosterBefore = await rosterMinutes(VOLUNTEER)

    clockAt(shift.startsAt.getTime() + 45 * MIN)
    const done = await api.call('POST', '/api/garden/done', { token, body: { villageId, signupId } })
    expect(done.status).toBe(200)
    expect(doneResponse.parse(done.body)).toMatchObject({ status: 'done', creditedMinutes: 45, pointsAwarded: 7 })
    realClock()

    const [row] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signupId))
    expect(row).toMatchObject({ status: 'done', creditedMinutes: 45, doneReason: null })
    const [entry] = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.signupId, signupId))
    expect(entry).toMatchObject({ kind: 'shift', minutes: 45, points: 7 })
    const after = await earnings(api, VOLUNTEER, token)
    expect(after.points).toBe(before.points + 7)
    expect(after.minutesServed).toBe(before.minutesServed + 45)
    expect(await rosterMinutes(VOLUNTEER)).toBe(rosterBefore + 45)
    expect(await auditPayload(signupId, 'garden.shift.done')).toMatchObject({ creditedMinutes: 45, pointsAwarded: 7 })
  })

  it('checked in 15 minutes late and pressed done half an hour after the end: the 45 minutes inside the shift', async () => {
    const token = await api.tokenFor(VOLUNTEER_2)
    const shift = await makeShift(api, { startInMin: 5, lengthMin: 60, title: '晚到的除草' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER_2)
    clockAt(shift.startsAt.getTime() + 15 * MIN)
    expect((await api.call('POST', '/api/garden/check-in', { token, body: { villageId, signupId: signup.id } })).status).toBe(200)
    clockAt(shift.endsAt.getTime() + 30 * MIN)
    const done = doneResponse.parse((await api.call('POST', '/api/garden/done', { token, body: { villageId, signupId: signup.id } })).body)
    expect(done).toMatchObject({ creditedMinutes: 45, pointsAwarded: 7 })
  })
})

describe('a steward confirms', () => {
  it('the whole shift for a volunteer who checked in: its full length, whenever after the start', async () => {
    const token = await api.tokenFor(VOLUNTEER_3)
    const steward = await api.tokenFor(STEWARD)
    const shift = await makeShift(api, { startInMin: 10, lengthMin: 60, title: '门岗值守' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER_3)
    expect((await api.call('POST', '/api/garden/check-in', { token, body: { villageId, signupId: signup.id } })).status).toBe(200)
    const before = await earnings(api, VOLUNTEER_3, token)
    const rosterBefore = await rosterMinutes(VOLUNTEER_3)
    clockAt(shift.startsAt.getTime() + 20 * MIN)
    const res = await api.call('POST', '/api/garden/attendance/mark', {
      token: steward,
      body: { villageId, signupId: signup.id, outcome: 'done', confirmFullShift: true },
    })
    expect(doneResponse.parse(res.body)).toMatchObject({ status: 'done', creditedMinutes: 60, pointsAwarded: 10 })
    realClock()
    const after = await earnings(api, VOLUNTEER_3, token)
    expect(after.points).toBe(before.points + 10)
    expect(after.minutesServed).toBe(before.minutesServed + 60)
    expect(await rosterMinutes(VOLUNTEER_3)).toBe(rosterBefore + 60)
    expect(await auditPayload(signup.id, 'garden.attendance.done')).toMatchObject({ checkedIn: true, fullShiftConfirmed: true, creditedMinutes: 60 })
  })

  it('without confirming the whole shift: the time from check-in until now', async () => {
    const steward = await api.tokenFor(STEWARD)
    const shift = await makeShift(api, { startInMin: 10, lengthMin: 90, title: '周六除草' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER_3)
    expect((await api.call('POST', '/api/garden/check-in', { token: await api.tokenFor(VOLUNTEER_3), body: { villageId, signupId: signup.id } })).status).toBe(
      200,
    )
    clockAt(shift.startsAt.getTime() + 30 * MIN)
    const res = await api.call('POST', '/api/garden/attendance/mark', { token: steward, body: { villageId, signupId: signup.id, outcome: 'done' } })
    expect(doneResponse.parse(res.body)).toMatchObject({ creditedMinutes: 30, pointsAwarded: 5 })
  })

  it('someone who never checked in, with a reason the volunteer reads and the log keeps', async () => {
    const token = await api.tokenFor(VOLUNTEER_2)
    const steward = await api.tokenFor(STEWARD)
    const shift = await makeShift(api, { startInMin: -90, lengthMin: 60, title: '周末卫生大扫除' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER_2)
    const before = await earnings(api, VOLUNTEER_2, token)
    const reason = '手机没电了，我亲眼看见她扫完了院子'
    const res = await api.call('POST', '/api/garden/attendance/mark', { token: steward, body: { villageId, signupId: signup.id, outcome: 'done', reason } })
    expect(res.status).toBe(200)
    expect(doneResponse.parse(res.body)).toMatchObject({ status: 'done', creditedMinutes: 60, pointsAwarded: 10 })
    const [row] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signup.id))
    expect(row).toMatchObject({ status: 'done', checkedInAt: null, creditedMinutes: 60, doneReason: reason, doneBy: await api.personId(STEWARD) })
    expect(await auditPayload(signup.id, 'garden.attendance.done')).toMatchObject({ checkedIn: false, fullShiftConfirmed: true, reason })
    const after = await earnings(api, VOLUNTEER_2, token)
    expect(after.points).toBe(before.points + 10)
    expect(after.minutesServed).toBe(before.minutesServed + 60)
    // The volunteer's own points list says why the steward counted it.
    const summary = await api.call('GET', '/api/garden/points/summary', { token, query: { villageId } })
    const entries = (summary.body as { entries: { reason: string; stewardReason: string | null; minutes: number }[] }).entries
    expect(entries.find((e) => e.reason.startsWith('周末卫生大扫除'))).toMatchObject({ stewardReason: reason, minutes: 60 })
  })
})
