import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { gardenPointsLedger, gardenShifts } from '../../../db/schema'
import { createdResponse, doneResponse, overviewResponse, pointsResponse, shiftsResponse, signupResponse } from '../../../shared/garden'
import { addDays, chinaDayStart, todayInChina } from '../../../shared/time'
import { errorCodeOf, setupApi } from '../../harness/api'
import { auditActions, clockAt, makeShift, realClock, signupsOf, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

afterEach(realClock)

describe('a volunteer signs up, checks in, finishes and earns points', () => {
  it('walks the whole shift', async () => {
    const token = await api.tokenFor(VOLUNTEER)
    const me = await api.personId(VOLUNTEER)
    const shift = await makeShift(api, { startInMin: 10, lengthMin: 90, capacity: 2, title: '早上浇水' })

    const signUp = await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })
    expect(signUp.status).toBe(201)
    const signup = signupResponse.parse(signUp.body)
    expect(signup).toMatchObject({ shiftId: shift.id, personId: me, status: 'booked' })
    expect(await signupsOf(api, shift.id)).toHaveLength(1)

    const overview = overviewResponse.parse((await api.call('GET', '/api/garden/overview', { token, query: { villageId } })).body)
    expect(overview.upcoming.map((s) => s.id)).toContain(shift.id)
    expect(overview.isSteward).toBe(false)

    const checkIn = await api.call('POST', '/api/garden/check-in', { token, body: { villageId, signupId: signup.signupId } })
    expect(checkIn.status).toBe(200)
    expect(signupResponse.parse(checkIn.body).status).toBe('checked_in')
    // Pressing again changes nothing and is not an error.
    const again = await api.call('POST', '/api/garden/check-in', { token, body: { villageId, signupId: signup.signupId } })
    expect(signupResponse.parse(again.body).status).toBe('checked_in')

    // Not before the start: nothing worked yet, nothing earned.
    const early = await api.call('POST', '/api/garden/done', { token, body: { villageId, signupId: signup.signupId } })
    expect(errorCodeOf(early)).toBe('garden_done_before_start')

    // A minute after the end: the whole shift was worked.
    clockAt(shift.endsAt.getTime() + 60_000)
    const done = await api.call('POST', '/api/garden/done', { token, body: { villageId, signupId: signup.signupId } })
    expect(done.status).toBe(200)
    // 90 minutes at the default 10 points an hour
    expect(doneResponse.parse(done.body)).toMatchObject({ status: 'done', pointsAwarded: 15, creditedMinutes: 90 })
    const doneAgain = doneResponse.parse((await api.call('POST', '/api/garden/done', { token, body: { villageId, signupId: signup.signupId } })).body)
    expect(doneAgain).toMatchObject({ pointsAwarded: 0, creditedMinutes: 90 })
    realClock()
    const ledger = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.signupId, signup.signupId))
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ kind: 'shift', points: 15, minutes: 90, personId: me })

    const points = pointsResponse.parse((await api.call('GET', '/api/garden/points/summary', { token, query: { villageId } })).body)
    expect(points.me.points).toBeGreaterThanOrEqual(15)
    expect(points.me.minutesServed).toBeGreaterThanOrEqual(90)
    expect(points.entries.every((e) => e.personId === me)).toBe(true)

    expect(await auditActions(api, signup.signupId)).toEqual(['garden.shift.signed_up', 'garden.shift.checked_in', 'garden.shift.done'])
  })

  it('lists the month with the people on each shift', async () => {
    const shift = await makeShift(api, { startInMin: 24 * 60, capacity: 3 })
    const token = await api.tokenFor(VOLUNTEER_2)
    await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })
    const month = shift.startsAt.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7)
    const list = shiftsResponse.parse((await api.call('GET', '/api/garden/shifts/list', { token, query: { villageId, month } })).body)
    const found = list.shifts.find((s) => s.id === shift.id)
    expect(found?.people.map((p) => p.name)).toEqual([VOLUNTEER_2])
    expect(found?.capacity).toBe(3)
  })
})

describe('a steward adds a one-off shift', () => {
  it('creates it with its capacity and logs it', async () => {
    // Tomorrow 10:00 Beijing: a time two hours on could run past midnight, which the rule refuses.
    const startsAt = new Date(chinaDayStart(addDays(todayInChina(), 1)).getTime() + 10 * 3600_000).toISOString()
    const res = await api.call('POST', '/api/garden/shifts/create', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, title: '临时采收', kind: 'harvesting', startsAt, durationMinutes: 45, capacity: 3, unpopular: true },
    })
    expect(res.status).toBe(201)
    const id = createdResponse.parse(res.body).id
    const [row] = await api.db.select().from(gardenShifts).where(eq(gardenShifts.id, id))
    expect(row).toMatchObject({ title: '临时采收', capacity: 3, unpopular: true, dutyId: null })
    expect((row?.endsAt.getTime() ?? 0) - (row?.startsAt.getTime() ?? 0)).toBe(45 * 60_000)
    expect(await auditActions(api, id)).toEqual(['garden.shift.created'])
  })
})

describe('concurrent sign-ups for the last place', () => {
  it('exactly one of three wins and the shift never goes over capacity', async () => {
    const shift = await makeShift(api, { startInMin: 3 * 24 * 60, capacity: 1 })
    const tokens = await Promise.all([VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3].map((name) => api.tokenFor(name)))
    const results = await Promise.all(tokens.map((token) => api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    const losers = results.filter((r) => r.status !== 201)
    expect(losers.map((r) => errorCodeOf(r))).toEqual(['garden_shift_full', 'garden_shift_full'])
    expect(await signupsOf(api, shift.id)).toHaveLength(1)
  })

  it('the same person racing themselves gets one place', async () => {
    const shift = await makeShift(api, { startInMin: 4 * 24 * 60, capacity: 5 })
    const token = await api.tokenFor(VOLUNTEER_3)
    const results = await Promise.all([1, 2, 3].map(() => api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    for (const r of results.filter((x) => x.status !== 201)) expect(errorCodeOf(r)).toBe('garden_already_signed_up')
    expect(await signupsOf(api, shift.id)).toHaveLength(1)
  })
})
