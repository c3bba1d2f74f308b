import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenDistributions, gardenHarvests, households } from '../../../db/schema'
import { createdResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { STEWARD, todayKey } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('harvest refusals', () => {
  it.each([
    ['negative weight', { grams: -500 }, 'garden_harvest_weight_invalid'],
    ['zero weight', { grams: 0 }, 'garden_harvest_weight_invalid'],
    ['absurd weight (5 tonnes)', { grams: 5_000_000 }, 'garden_harvest_weight_invalid'],
    ['negative count', { count: -3 }, 'garden_harvest_weight_invalid'],
    ['fractional grams', { grams: 12.5 }, 'validation_failed'],
    ['neither weight nor count', {}, 'validation_failed'],
  ])('%s → %s, nothing stored', async (_name, amount, code) => {
    const before = (await api.db.select().from(gardenHarvests).where(eq(gardenHarvests.villageId, villageId))).length
    const res = await api.call('POST', '/api/garden/harvests/log', { token: await api.tokenFor(STEWARD), body: { villageId, crop: '韭菜', harvestedOn: todayKey(), ...amount } })
    expect(res.status).toBe(400)
    expect(errorCodeOf(res)).toBe(code)
    expect((await api.db.select().from(gardenHarvests).where(eq(gardenHarvests.villageId, villageId))).length).toBe(before)
  })

  it('cannot give away more than was picked, nor to the same household twice', async () => {
    const steward = await api.tokenFor(STEWARD)
    const harvestId = createdResponse.parse(
      (await api.call('POST', '/api/garden/harvests/log', { token: steward, body: { villageId, crop: '西红柿', grams: 1000, harvestedOn: todayKey() } })).body,
    ).id
    const homes = await api.db.select().from(households).where(eq(households.villageId, villageId))
    const [a, b] = homes
    if (!a || !b) throw new Error('need two households')
    const over = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: { villageId, harvestId, allocations: [{ householdId: a.id, grams: 600 }, { householdId: b.id, grams: 600 }] },
    })
    expect(errorCodeOf(over)).toBe('garden_harvest_over_distributed')
    expect(await api.db.select().from(gardenDistributions).where(eq(gardenDistributions.harvestId, harvestId))).toHaveLength(0)
    expect((await api.call('POST', '/api/garden/harvests/distribute', { token: steward, body: { villageId, harvestId, allocations: [{ householdId: a.id, grams: 300 }] } })).status).toBe(201)
    const twice = await api.call('POST', '/api/garden/harvests/distribute', { token: steward, body: { villageId, harvestId, allocations: [{ householdId: a.id, grams: 100 }] } })
    expect(errorCodeOf(twice)).toBe('conflict')
    const foreign = (await api.db.select().from(households).where(eq(households.villageId, api.demo.gaojing)))[0]
    const outside = await api.call('POST', '/api/garden/harvests/distribute', { token: steward, body: { villageId, harvestId, allocations: [{ householdId: foreign?.id ?? '', grams: 100 }] } })
    expect(errorCodeOf(outside)).toBe('not_found')
    expect(await api.db.select().from(gardenDistributions).where(eq(gardenDistributions.harvestId, harvestId))).toHaveLength(1)
  })
})
