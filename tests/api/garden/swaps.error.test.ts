import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenSignups, gardenSwaps } from '../../../db/schema'
import { swapResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { auditCount, bookDirect, makeShift, OUTSIDER, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('swap refusals', () => {
  it('a swap with yourself', async () => {
    const shift = await makeShift(api, { startInMin: 24 * 60 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const res = await api.call('POST', '/api/garden/swaps/request', {
      token: await api.tokenFor(VOLUNTEER),
      body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER) },
    })
    expect(res.status).toBe(400)
    expect(errorCodeOf(res)).toBe('garden_swap_self')
    expect(await api.db.select().from(gardenSwaps).where(eq(gardenSwaps.signupId, signup.id))).toHaveLength(0)
  })

  it('to someone busy at that time, already on the shift, or outside the village', async () => {
    const shift = await makeShift(api, { startInMin: 2 * 24 * 60 })
    const clash = await makeShift(api, { startInMin: 2 * 24 * 60 + 30, title: '门岗' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    await bookDirect(api, clash.id, VOLUNTEER_2)
    await bookDirect(api, shift.id, VOLUNTEER_3)
    const token = await api.tokenFor(VOLUNTEER)
    const ask = async (name: string) =>
      api.call('POST', '/api/garden/swaps/request', { token, body: { villageId, signupId: signup.id, toPersonId: await api.personId(name) } })
    expect(errorCodeOf(await ask(VOLUNTEER_2))).toBe('garden_shift_overlap')
    expect(errorCodeOf(await ask(VOLUNTEER_3))).toBe('garden_already_signed_up')
    expect(errorCodeOf(await ask(OUTSIDER))).toBe('garden_swap_target_invalid')
  })

  it('only the person asked can answer, and only once', async () => {
    const shift = await makeShift(api, { startInMin: 3 * 24 * 60 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const swap = swapResponse.parse(
      (
        await api.call('POST', '/api/garden/swaps/request', {
          token: await api.tokenFor(VOLUNTEER),
          body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER_2) },
        })
      ).body,
    )
    const body = { villageId, swapId: swap.swapId ?? '', accept: true }
    const wrong = await api.call('POST', '/api/garden/swaps/respond', { token: await api.tokenFor(VOLUNTEER_3), body })
    expect(errorCodeOf(wrong)).toBe('forbidden')
    const second = await api.call('POST', '/api/garden/swaps/request', {
      token: await api.tokenFor(VOLUNTEER),
      body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER_3) },
    })
    expect(errorCodeOf(second)).toBe('conflict')
    expect((await api.call('POST', '/api/garden/swaps/respond', { token: await api.tokenFor(VOLUNTEER_2), body })).status).toBe(200)
    const again = await api.call('POST', '/api/garden/swaps/respond', { token: await api.tokenFor(VOLUNTEER_2), body })
    expect(errorCodeOf(again)).toBe('garden_swap_not_pending')
  })

  it('accepting after taking an overlapping shift is refused and nothing moves', async () => {
    const shift = await makeShift(api, { startInMin: 5 * 24 * 60 })
    const other = await makeShift(api, { startInMin: 5 * 24 * 60 + 15, title: '垃圾分类' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const swap = swapResponse.parse(
      (
        await api.call('POST', '/api/garden/swaps/request', {
          token: await api.tokenFor(VOLUNTEER),
          body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER_2) },
        })
      ).body,
    )
    await bookDirect(api, other.id, VOLUNTEER_2)
    const res = await api.call('POST', '/api/garden/swaps/respond', {
      token: await api.tokenFor(VOLUNTEER_2),
      body: { villageId, swapId: swap.swapId ?? '', accept: true },
    })
    expect(errorCodeOf(res)).toBe('garden_shift_overlap')
    const [row] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signup.id))
    expect(row?.personId).toBe(await api.personId(VOLUNTEER))
  })

  it('a started shift cannot be swapped or reassigned', async () => {
    const shift = await makeShift(api, { startInMin: -5 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const res = await api.call('POST', '/api/garden/swaps/reassign', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER_2), reason: '本人生病了' },
    })
    expect(errorCodeOf(res)).toBe('garden_shift_closed')
  })

  it.each([
    ['no reason', {}],
    ['an empty reason', { reason: '' }],
    ['a blank reason', { reason: '   ' }],
    ['a reason over 100 characters', { reason: '因'.repeat(101) }],
  ])('a steward cannot reassign a place with %s: nothing changes', async (_label, extra) => {
    const shift = await makeShift(api, { startInMin: 3 * 24 * 60 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const audits = await auditCount(api, villageId)
    const swapsBefore = (await api.db.select().from(gardenSwaps).where(eq(gardenSwaps.signupId, signup.id))).length
    const res = await api.call('POST', '/api/garden/swaps/reassign', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER_2), ...extra },
    })
    expect(res.status).toBe(400)
    expect(errorCodeOf(res)).toBe('validation_failed')
    const [row] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signup.id))
    expect(row?.personId).toBe(await api.personId(VOLUNTEER))
    expect(await api.db.select().from(gardenSwaps).where(eq(gardenSwaps.signupId, signup.id))).toHaveLength(swapsBefore)
    expect(await auditCount(api, villageId)).toBe(audits)
  })

  it('the database refuses a reassignment without a reason', async () => {
    const shift = await makeShift(api, { startInMin: 3 * 24 * 60 + 120 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const insert = api.db
      .insert(gardenSwaps)
      .values({ villageId, signupId: signup.id, fromPersonId: signup.personId, toPersonId: await api.personId(VOLUNTEER_2), status: 'reassigned' })
    await expect(insert).rejects.toThrow()
  })
})
