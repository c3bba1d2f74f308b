import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, gardenSignups, gardenSwaps } from '../../../db/schema'
import { overviewResponse, swapResponse, swapsResponse } from '../../../shared/garden'
import { setupApi } from '../../harness/api'
import { auditActions, bookDirect, makeShift, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('swaps', () => {
  it('the other volunteer accepts and the place moves to them', async () => {
    const shift = await makeShift(api, { startInMin: 2 * 24 * 60 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const to = await api.personId(VOLUNTEER_2)
    const req = await api.call('POST', '/api/garden/swaps/request', {
      token: await api.tokenFor(VOLUNTEER),
      body: { villageId, signupId: signup.id, toPersonId: to },
    })
    expect(req.status).toBe(201)
    const swap = swapResponse.parse(req.body)
    expect(swap.status).toBe('pending')

    const inbox = swapsResponse.parse((await api.call('GET', '/api/garden/swaps/list', { token: await api.tokenFor(VOLUNTEER_2), query: { villageId } })).body)
    expect(inbox.swaps.find((s) => s.id === swap.swapId)).toMatchObject({ fromName: VOLUNTEER, toName: VOLUNTEER_2, status: 'pending' })

    const accept = await api.call('POST', '/api/garden/swaps/respond', {
      token: await api.tokenFor(VOLUNTEER_2),
      body: { villageId, swapId: swap.swapId ?? '', accept: true },
    })
    expect(accept.status).toBe(200)
    expect(swapResponse.parse(accept.body)).toMatchObject({ status: 'accepted', personId: to })
    const [row] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signup.id))
    expect(row).toMatchObject({ personId: to, source: 'swap', status: 'booked' })
    expect(await auditActions(api, swap.swapId ?? '')).toEqual(['garden.swap.requested', 'garden.swap.accepted'])
  })

  it('a decline leaves the place where it was', async () => {
    const shift = await makeShift(api, { startInMin: 3 * 24 * 60 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const req = swapResponse.parse(
      (
        await api.call('POST', '/api/garden/swaps/request', {
          token: await api.tokenFor(VOLUNTEER),
          body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER_3) },
        })
      ).body,
    )
    const decline = await api.call('POST', '/api/garden/swaps/respond', {
      token: await api.tokenFor(VOLUNTEER_3),
      body: { villageId, swapId: req.swapId ?? '', accept: false },
    })
    expect(swapResponse.parse(decline.body).status).toBe('declined')
    const [row] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signup.id))
    expect(row?.personId).toBe(await api.personId(VOLUNTEER))
  })

  it('the steward reassigns directly and any open request is cancelled', async () => {
    const shift = await makeShift(api, { startInMin: 4 * 24 * 60 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const pending = swapResponse.parse(
      (
        await api.call('POST', '/api/garden/swaps/request', {
          token: await api.tokenFor(VOLUNTEER),
          body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER_2) },
        })
      ).body,
    )
    const to = await api.personId(VOLUNTEER_3)
    const res = await api.call('POST', '/api/garden/swaps/reassign', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, signupId: signup.id, toPersonId: to, reason: '  张师傅打电话说腰疼  ' },
    })
    expect(res.status).toBe(200)
    const reassigned = swapResponse.parse(res.body)
    expect(reassigned).toMatchObject({ status: 'reassigned', personId: to })
    const [old] = await api.db
      .select()
      .from(gardenSwaps)
      .where(eq(gardenSwaps.id, pending.swapId ?? ''))
    expect(old?.status).toBe('cancelled')
    const [row] = await api.db.select().from(gardenSignups).where(eq(gardenSignups.id, signup.id))
    expect(row).toMatchObject({ personId: to, source: 'steward' })
    const [swap] = await api.db
      .select()
      .from(gardenSwaps)
      .where(eq(gardenSwaps.id, reassigned.swapId ?? ''))
    expect(swap?.reason).toBe('张师傅打电话说腰疼')
    const [entry] = await api.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, reassigned.swapId ?? ''))
    expect(entry).toMatchObject({ action: 'garden.swap.reassigned' })
    expect(entry?.payload).toMatchObject({ fromPersonId: signup.personId, toPersonId: to, reason: '张师傅打电话说腰疼' })

    // The volunteer who lost the place reads it, and why, on their garden home; the new holder does not.
    const home = overviewResponse.parse((await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body)
    expect(home.released.filter((r) => r.shiftId === shift.id)).toEqual([
      { signupId: signup.id, shiftId: shift.id, title: shift.title, startsAt: shift.startsAt.toISOString(), via: 'reassigned', reason: '张师傅打电话说腰疼' },
    ])
    expect(home.upcoming.some((u) => u.id === shift.id)).toBe(false)
    const theirs = overviewResponse.parse(
      (await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER_3), query: { villageId } })).body,
    )
    expect(theirs.released.some((r) => r.shiftId === shift.id)).toBe(false)
    expect(theirs.upcoming.some((u) => u.id === shift.id)).toBe(true)

    // Handed back to the first volunteer later: they hold it again, so the notice goes.
    const back = await api.call('POST', '/api/garden/swaps/reassign', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, signupId: signup.id, toPersonId: signup.personId, reason: '腰好了' },
    })
    expect(back.status).toBe(200)
    const again = overviewResponse.parse((await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body)
    expect(again.released.some((r) => r.shiftId === shift.id)).toBe(false)
    const third = overviewResponse.parse((await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER_3), query: { villageId } })).body)
    expect(third.released.filter((r) => r.shiftId === shift.id).map((r) => r.reason)).toEqual(['腰好了'])
  })
})
