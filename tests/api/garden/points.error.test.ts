import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenPointsLedger } from '../../../db/schema'
import { errorCodeOf, setupApi } from '../../harness/api'
import { STEWARD, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('points are never edited', () => {
  it.each([
    ['setTo', { setTo: 100 }],
    ['points', { points: 100 }],
    ['entryId', { entryId: '00000000-0000-4000-8000-000000000000' }],
  ])('an adjustment that tries to overwrite (%s) is refused', async (_name, extra) => {
    const personId = await api.personId(VOLUNTEER)
    const before = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, personId))
    const res = await api.call('POST', '/api/garden/points/adjust', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, personId, delta: 5, reason: '改分', ...extra },
    })
    expect(res.status).toBe(409)
    expect(errorCodeOf(res)).toBe('garden_points_append_only')
    expect(await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, personId))).toEqual(before)
  })

  it('the database itself refuses UPDATE and DELETE on the ledger', async () => {
    const personId = await api.personId(VOLUNTEER)
    const before = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, personId))
    const res = await api.call('POST', '/api/garden/points/adjust', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, personId, delta: 3, reason: '帮忙搬土' },
    })
    expect(res.status).toBe(201)
    await expect(api.db.update(gardenPointsLedger).set({ points: 999 }).where(eq(gardenPointsLedger.personId, personId))).rejects.toThrow()
    await expect(api.db.delete(gardenPointsLedger).where(eq(gardenPointsLedger.personId, personId))).rejects.toThrow()
    const rows = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, personId))
    expect(rows.map((r) => r.points).sort()).toEqual([...before.map((r) => r.points), 3].sort())
  })

  it.each([
    ['zero delta', { delta: 0, reason: '无' }],
    ['fractional delta', { delta: 1.5, reason: '半分' }],
    ['huge delta', { delta: 100000, reason: '很多' }],
    ['no reason', { delta: 5, reason: '' }],
  ])('%s → validation_failed', async (_name, extra) => {
    const res = await api.call('POST', '/api/garden/points/adjust', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, personId: await api.personId(VOLUNTEER), ...extra },
    })
    expect(errorCodeOf(res)).toBe('validation_failed')
  })

  it.each([
    [0, 150],
    [10, 90],
    [10, 1000],
    [2.5, 150],
  ])('rule %s/h, %s%% is refused', async (pointsPerHour, unpopularPercent) => {
    const res = await api.call('POST', '/api/garden/points/rule', { token: await api.tokenFor(STEWARD), body: { villageId, pointsPerHour, unpopularPercent } })
    expect(errorCodeOf(res)).toBe('validation_failed')
  })
})
