import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { setReminderSender, type ReminderMessage } from '../../../functions/queries/garden-reminders'
import { auditLog, gardenPointsLedger, gardenReminders, gardenShifts, gardenSwaps } from '../../../db/schema'
import {
  cancelShiftResponse,
  overviewResponse,
  remindersResponse,
  rosterResponse,
  runRemindersResponse,
  shiftsResponse,
  signupResponse,
  withdrawResponse,
} from '../../../shared/garden'
import { addDays, chinaDayStart, localDateKey, todayInChina, toEpochMinutes } from '../../../shared/time'
import { setupApi } from '../../harness/api'
import { auditActions, bookDirect, makeShift, nextMonthKey, signupsOf, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

afterEach(() => setReminderSender(null))

const monthOf = (date: Date) => date.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7)

async function payload(subjectId: string): Promise<Record<string, unknown>[]> {
  const rows = await api.db.select({ payload: auditLog.payload }).from(auditLog).where(eq(auditLog.subjectId, subjectId))
  return rows.map((r) => r.payload as Record<string, unknown>)
}

describe('a volunteer withdraws their own sign-up before the shift', () => {
  it('frees the place for someone else, keeps the row as history, moves no points and logs it', async () => {
    const token = await api.tokenFor(VOLUNTEER)
    const me = await api.personId(VOLUNTEER)
    const shift = await makeShift(api, { startInMin: 6 * 60, capacity: 1, title: '傍晚浇水' })
    const signup = signupResponse.parse((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })).body)
    const pointsBefore = (await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, me))).length

    const res = await api.call('POST', '/api/garden/shifts/withdraw', { token, body: { villageId, signupId: signup.signupId } })
    expect(res.status).toBe(200)
    expect(withdrawResponse.parse(res.body)).toMatchObject({
      signupId: signup.signupId,
      shiftId: shift.id,
      personId: me,
      status: 'withdrawn',
      placesLeft: 1,
      alreadyWithdrawn: false,
    })

    const [row] = await signupsOf(api, shift.id)
    expect(row).toMatchObject({ status: 'withdrawn', withdrawnBy: me, withdrawnVia: 'self', withdrawnReason: null })
    expect(row?.withdrawnAt).toBeInstanceOf(Date)
    expect((await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, me))).length).toBe(pointsBefore)
    expect(await auditActions(api, signup.signupId)).toEqual(['garden.shift.signed_up', 'garden.shift.withdrawn'])

    // The month no longer shows them on it, and their home page no longer lists it.
    const list = shiftsResponse.parse((await api.call('GET', '/api/garden/shifts/list', { token, query: { villageId, month: monthOf(shift.startsAt) } })).body)
    expect(list.shifts.find((s) => s.id === shift.id)?.people).toEqual([])
    const overview = overviewResponse.parse((await api.call('GET', '/api/garden/overview', { token, query: { villageId } })).body)
    expect(overview.upcoming.map((s) => s.id)).not.toContain(shift.id)
    expect(overview.released.map((r) => r.shiftId)).not.toContain(shift.id)

    // The one place is free again: someone else takes it.
    const other = await api.call('POST', '/api/garden/shifts/sign-up', { token: await api.tokenFor(VOLUNTEER_2), body: { villageId, shiftId: shift.id } })
    expect(other.status).toBe(201)
  })

  it('withdrawing twice is not an error, changes nothing the second time and never frees a place twice', async () => {
    const token = await api.tokenFor(VOLUNTEER_3)
    const shift = await makeShift(api, { startInMin: 8 * 60, capacity: 2 })
    await bookDirect(api, shift.id, VOLUNTEER)
    const signup = signupResponse.parse((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })).body)
    const first = withdrawResponse.parse(
      (await api.call('POST', '/api/garden/shifts/withdraw', { token, body: { villageId, signupId: signup.signupId } })).body,
    )
    const second = await api.call('POST', '/api/garden/shifts/withdraw', { token, body: { villageId, signupId: signup.signupId } })
    expect(second.status).toBe(200)
    const again = withdrawResponse.parse(second.body)
    expect(again).toMatchObject({ status: 'withdrawn', alreadyWithdrawn: true, placesLeft: 1, withdrawnAt: first.withdrawnAt })
    expect(first.placesLeft).toBe(1)
    expect(await auditActions(api, signup.signupId)).toEqual(['garden.shift.signed_up', 'garden.shift.withdrawn'])
  })

  it('a retry with the same Idempotency-Key replays the answer', async () => {
    const token = await api.tokenFor(VOLUNTEER_2)
    const shift = await makeShift(api, { startInMin: 9 * 60, capacity: 2 })
    const signup = signupResponse.parse((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })).body)
    const headers = { 'idempotency-key': 'withdraw-retry-0001' }
    const first = await api.call('POST', '/api/garden/shifts/withdraw', { token, headers, body: { villageId, signupId: signup.signupId } })
    const retry = await api.call('POST', '/api/garden/shifts/withdraw', { token, headers, body: { villageId, signupId: signup.signupId } })
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replay')).toBe('true')
    expect(retry.body).toEqual(first.body)
    expect(await auditActions(api, signup.signupId)).toEqual(['garden.shift.signed_up', 'garden.shift.withdrawn'])
  })

  it('may sign up again after withdrawing; the old row stays', async () => {
    const token = await api.tokenFor(VOLUNTEER)
    const shift = await makeShift(api, { startInMin: 10 * 60, capacity: 1 })
    const first = signupResponse.parse((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })).body)
    await api.call('POST', '/api/garden/shifts/withdraw', { token, body: { villageId, signupId: first.signupId } })
    const again = await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })
    expect(again.status).toBe(201)
    expect(signupResponse.parse(again.body).signupId).not.toBe(first.signupId)
    expect((await signupsOf(api, shift.id)).map((s) => s.status)).toEqual(['withdrawn', 'booked'])
  })

  it('a pending swap of the place is cancelled with it', async () => {
    const token = await api.tokenFor(VOLUNTEER)
    const shift = await makeShift(api, { startInMin: 11 * 60 })
    const signup = signupResponse.parse((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })).body)
    const swap = await api.call('POST', '/api/garden/swaps/request', {
      token,
      body: { villageId, signupId: signup.signupId, toPersonId: await api.personId(VOLUNTEER_2) },
    })
    expect(swap.status).toBe(201)
    await api.call('POST', '/api/garden/shifts/withdraw', { token, body: { villageId, signupId: signup.signupId } })
    const swaps = await api.db.select().from(gardenSwaps).where(eq(gardenSwaps.signupId, signup.signupId))
    expect(swaps.map((s) => s.status)).toEqual(['cancelled'])
  })
})

describe('a steward takes a volunteer off a shift', () => {
  it('with a reason, even shortly after the start (phoned in sick), and logs who and why', async () => {
    const steward = await api.tokenFor(STEWARD)
    const stewardId = await api.personId(STEWARD)
    const shift = await makeShift(api, { startInMin: -10, lengthMin: 60, capacity: 2 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER_2)
    const res = await api.call('POST', '/api/garden/roster/remove', { token: steward, body: { villageId, signupId: signup.id, reason: '  打电话说生病了 ' } })
    expect(res.status).toBe(200)
    expect(withdrawResponse.parse(res.body)).toMatchObject({ status: 'withdrawn', personId: signup.personId, placesLeft: 2, alreadyWithdrawn: false })
    const [row] = await signupsOf(api, shift.id)
    expect(row).toMatchObject({ status: 'withdrawn', withdrawnBy: stewardId, withdrawnVia: 'steward', withdrawnReason: '打电话说生病了' })
    expect(await auditActions(api, signup.id)).toEqual(['garden.roster.removed'])
    expect(await payload(signup.id)).toEqual([expect.objectContaining({ shiftId: shift.id, personId: signup.personId, reason: '打电话说生病了' })])
  })

  it('the volunteer sees on the home page that a steward took them off a coming shift, and why', async () => {
    const shift = await makeShift(api, { startInMin: 30 * 60, title: '周末大扫除' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER_3)
    await api.call('POST', '/api/garden/roster/remove', { token: await api.tokenFor(STEWARD), body: { villageId, signupId: signup.id, reason: '人手够了' } })
    const overview = overviewResponse.parse(
      (await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER_3), query: { villageId } })).body,
    )
    expect(overview.released).toContainEqual(expect.objectContaining({ shiftId: shift.id, via: 'steward', reason: '人手够了', title: '周末大扫除' }))
  })
})

describe('a steward calls a shift off', () => {
  it('releases every place, marks it called off on the month (with the reason), stops its reminders and logs the reason', async () => {
    const sent: ReminderMessage[] = []
    setReminderSender({ send: async (message) => (sent.push(message), { kind: 'sent' as const }) })
    const steward = await api.tokenFor(STEWARD)
    // Both tomorrow morning in Beijing, so the one reminder run for that day makes both reminders:
    // "in 24 h 30 min" and "in 27 h" fell on two different days when the suite ran after 21:00 there.
    const tomorrowEight = Math.round((chinaDayStart(addDays(todayInChina(), 1)).getTime() + 8 * 60 * 60_000 - Date.now()) / 60_000)
    const shift = await makeShift(api, { startInMin: tomorrowEight + 30, capacity: 3, title: '明早除草' })
    const kept = await makeShift(api, { startInMin: tomorrowEight + 180, capacity: 3, title: '明早门岗' })
    const a = await bookDirect(api, shift.id, VOLUNTEER)
    const b = await bookDirect(api, shift.id, VOLUNTEER_2)
    await bookDirect(api, kept.id, VOLUNTEER)
    // A reminder already made for the shift before it was called off.
    const date = localDateKey(toEpochMinutes(shift.startsAt))
    await api.call('POST', '/api/garden/reminders/run', { token: steward, body: { villageId, date } })
    expect(await api.db.select().from(gardenReminders).where(eq(gardenReminders.shiftId, shift.id))).toHaveLength(2)

    const res = await api.call('POST', '/api/garden/shifts/cancel', { token: steward, body: { villageId, shiftId: shift.id, reason: '明天有大雨' } })
    expect(res.status).toBe(200)
    expect(cancelShiftResponse.parse(res.body)).toMatchObject({ shiftId: shift.id, reason: '明天有大雨', released: 2, alreadyCancelled: false })

    const [row] = await api.db.select().from(gardenShifts).where(eq(gardenShifts.id, shift.id))
    expect(row).toMatchObject({ cancelled: true, cancelReason: '明天有大雨', cancelledBy: await api.personId(STEWARD) })
    expect((await signupsOf(api, shift.id)).map((s) => [s.id, s.status, s.withdrawnVia, s.withdrawnReason])).toEqual(
      expect.arrayContaining([
        [a.id, 'withdrawn', 'shift_cancelled', '明天有大雨'],
        [b.id, 'withdrawn', 'shift_cancelled', '明天有大雨'],
      ]),
    )
    expect(await auditActions(api, shift.id)).toEqual(['garden.shift.cancelled'])

    // Not in the month, not open for sign-up.
    const volunteer = await api.tokenFor(VOLUNTEER)
    const list = shiftsResponse.parse(
      (await api.call('GET', '/api/garden/shifts/list', { token: volunteer, query: { villageId, month: monthOf(shift.startsAt) } })).body,
    )
    // It stays on the month view, marked as called off with the reason, and with nobody on it.
    expect(list.shifts.find((s) => s.id === shift.id)).toMatchObject({ cancelReason: '明天有大雨', people: [] })
    expect(list.shifts.find((s) => s.id === shift.id)?.cancelledAt).not.toBeNull()
    expect(list.shifts.map((s) => s.id)).toContain(kept.id)

    // The reminder already made no longer shows; the one for the other shift does.
    const mine = remindersResponse.parse((await api.call('GET', '/api/garden/reminders/mine', { token: volunteer, query: { villageId } })).body)
    expect(mine.reminders.map((r) => r.shiftId)).not.toContain(shift.id)
    expect(mine.reminders.map((r) => r.shiftId)).toContain(kept.id)
    const overview = overviewResponse.parse((await api.call('GET', '/api/garden/overview', { token: volunteer, query: { villageId } })).body)
    expect(overview.reminders.map((r) => r.shiftId)).not.toContain(shift.id)
    expect(overview.upcoming.map((s) => s.id)).not.toContain(shift.id)
    expect(overview.released).toContainEqual(expect.objectContaining({ shiftId: shift.id, via: 'shift_cancelled', reason: '明天有大雨' }))

    // Reminders are made again (say the run is repeated after clearing): none for the cancelled shift.
    await api.db.delete(gardenReminders).where(eq(gardenReminders.shiftId, shift.id))
    sent.length = 0
    const rerun = runRemindersResponse.parse((await api.call('POST', '/api/garden/reminders/run', { token: steward, body: { villageId, date } })).body)
    expect(rerun.created).toBe(0)
    expect(sent).toEqual([])
    expect(await api.db.select().from(gardenReminders).where(eq(gardenReminders.shiftId, shift.id))).toEqual([])
  })

  it('calling it off twice changes nothing the second time', async () => {
    const steward = await api.tokenFor(STEWARD)
    const shift = await makeShift(api, { startInMin: 3 * 60 })
    await bookDirect(api, shift.id, VOLUNTEER_3)
    const first = cancelShiftResponse.parse(
      (await api.call('POST', '/api/garden/shifts/cancel', { token: steward, body: { villageId, shiftId: shift.id, reason: '国庆放假' } })).body,
    )
    const second = await api.call('POST', '/api/garden/shifts/cancel', { token: steward, body: { villageId, shiftId: shift.id, reason: '另一个原因' } })
    expect(second.status).toBe(200)
    expect(cancelShiftResponse.parse(second.body)).toMatchObject({ released: 0, alreadyCancelled: true, reason: '国庆放假', cancelledAt: first.cancelledAt })
    expect(await auditActions(api, shift.id)).toEqual(['garden.shift.cancelled'])
  })

  it('a committed roster never books anyone onto a called-off shift, nor back onto a place they gave up', async () => {
    const steward = await api.tokenFor(STEWARD)
    const month = nextMonthKey()
    // A preview writes nothing, so the month's shifts are made by a first commit.
    const made = rosterResponse.parse(
      (await api.call('POST', '/api/garden/roster/generate', { token: steward, body: { villageId, month, commit: true } })).body,
    )
    const first = made.assignments[0]
    const second = made.assignments.find((a) => a.shiftId !== first?.shiftId)
    if (!first || !second) throw new Error('the demo garden should give next month’s roster something to assign')
    expect(
      (await api.call('POST', '/api/garden/shifts/cancel', { token: steward, body: { villageId, shiftId: first.shiftId, reason: '测试：取消' } })).status,
    ).toBe(200)
    const [held] = (await signupsOf(api, second.shiftId)).filter((s) => s.personId === second.personId && s.status === 'booked')
    const removed = await api.call('POST', '/api/garden/roster/remove', { token: steward, body: { villageId, signupId: held?.id ?? '', reason: '测试：移出' } })
    expect(removed.status).toBe(200)
    const committed = rosterResponse.parse(
      (await api.call('POST', '/api/garden/roster/generate', { token: steward, body: { villageId, month, commit: true } })).body,
    )
    expect(committed.assignments.map((a) => a.shiftId)).not.toContain(first.shiftId)
    expect(committed.assignments).not.toContainEqual(expect.objectContaining({ shiftId: second.shiftId, personId: second.personId }))
    expect((await signupsOf(api, first.shiftId)).filter((s) => s.status !== 'withdrawn')).toEqual([])
    expect((await signupsOf(api, second.shiftId)).filter((s) => s.personId === second.personId).map((s) => s.status)).toEqual(['withdrawn'])
  })
})
