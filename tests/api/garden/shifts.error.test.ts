import { describe, expect, it } from 'vitest'
import { signupResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { auditCount, bookDirect, makeShift, signupsOf, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('sign-up refusals change nothing', () => {
  it('full shift', async () => {
    const shift = await makeShift(api, { startInMin: 600, capacity: 1 })
    await bookDirect(api, shift.id, VOLUNTEER_2)
    const before = await auditCount(api, villageId)
    const res = await api.call('POST', '/api/garden/shifts/sign-up', { token: await api.tokenFor(VOLUNTEER), body: { villageId, shiftId: shift.id } })
    expect(res.status).toBe(409)
    expect(errorCodeOf(res)).toBe('garden_shift_full')
    expect(await signupsOf(api, shift.id)).toHaveLength(1)
    expect(await auditCount(api, villageId)).toBe(before)
  })

  it('twice for the same shift', async () => {
    const shift = await makeShift(api, { startInMin: 700, capacity: 3 })
    const token = await api.tokenFor(VOLUNTEER)
    expect((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })).status).toBe(201)
    const res = await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })
    expect(errorCodeOf(res)).toBe('garden_already_signed_up')
    expect(await signupsOf(api, shift.id)).toHaveLength(1)
  })

  it('two overlapping shifts', async () => {
    const first = await makeShift(api, { startInMin: 2000, lengthMin: 60 })
    const second = await makeShift(api, { startInMin: 2030, lengthMin: 60, title: '门岗值守' })
    const token = await api.tokenFor(VOLUNTEER_3)
    expect((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: first.id } })).status).toBe(201)
    const res = await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: second.id } })
    expect(errorCodeOf(res)).toBe('garden_shift_overlap')
    expect(await signupsOf(api, second.id)).toHaveLength(0)
  })

  it('a shift that has already started', async () => {
    const shift = await makeShift(api, { startInMin: -10, capacity: 3 })
    const res = await api.call('POST', '/api/garden/shifts/sign-up', { token: await api.tokenFor(VOLUNTEER), body: { villageId, shiftId: shift.id } })
    expect(errorCodeOf(res)).toBe('garden_shift_closed')
  })

  it.each([
    ['unknown shift', { villageId, shiftId: '00000000-0000-4000-8000-000000000000' }, 404, 'not_found'],
    ['malformed id', { villageId, shiftId: 'abc' }, 400, 'validation_failed'],
    ['missing village', { shiftId: '00000000-0000-4000-8000-000000000000' }, 400, 'validation_failed'],
  ])('%s → %s', async (_name, body, status, code) => {
    const res = await api.call('POST', '/api/garden/shifts/sign-up', { token: await api.tokenFor(VOLUNTEER), body })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
  })
})

describe('one-off shifts', () => {
  it.each([
    ['in the past', -60, 'garden_shift_closed'],
    ['two years ahead', 2 * 365 * 24 * 60, 'validation_failed'],
  ])('%s → %s', async (_name, offsetMin, code) => {
    const startsAt = new Date(Date.now() + offsetMin * 60_000).toISOString()
    const res = await api.call('POST', '/api/garden/shifts/create', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, title: '临时', kind: 'watering', startsAt, durationMinutes: 60, capacity: 1 },
    })
    expect(errorCodeOf(res)).toBe(code)
  })
})

describe('check-in and done refusals', () => {
  it('long after the shift ended', async () => {
    const shift = await makeShift(api, { startInMin: -240, lengthMin: 60 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const res = await api.call('POST', '/api/garden/check-in', { token: await api.tokenFor(VOLUNTEER), body: { villageId, signupId: signup.id } })
    expect(res.status).toBe(409)
    expect(errorCodeOf(res)).toBe('garden_check_in_too_late')
    expect((await signupsOf(api, shift.id))[0]?.status).toBe('booked')
  })

  it('shortly after it ended is still fine', async () => {
    const shift = await makeShift(api, { startInMin: -90, lengthMin: 60 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER_2)
    const res = await api.call('POST', '/api/garden/check-in', { token: await api.tokenFor(VOLUNTEER_2), body: { villageId, signupId: signup.id } })
    expect(signupResponse.parse(res.body).status).toBe('checked_in')
  })

  it('too early', async () => {
    const shift = await makeShift(api, { startInMin: 3 * 60 })
    const token = await api.tokenFor(VOLUNTEER_3)
    const signUp = signupResponse.parse((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })).body)
    const res = await api.call('POST', '/api/garden/check-in', { token, body: { villageId, signupId: signUp.signupId } })
    expect(errorCodeOf(res)).toBe('garden_check_in_too_early')
  })

  it('done before checking in', async () => {
    const shift = await makeShift(api, { startInMin: -30, lengthMin: 60, title: '除草' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const res = await api.call('POST', '/api/garden/done', { token: await api.tokenFor(VOLUNTEER), body: { villageId, signupId: signup.id } })
    expect(errorCodeOf(res)).toBe('garden_not_checked_in')
    expect((await signupsOf(api, shift.id))[0]?.status).toBe('booked')
  })
})
