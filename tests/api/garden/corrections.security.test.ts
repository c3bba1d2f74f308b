import { describe, expect, it } from 'vitest'
import { gardenBeds, gardenHarvests, gardenPlantings } from '../../../db/schema'
import { errorCodeOf, setupApi } from '../../harness/api'
import { gardenSnapshot, OUTSIDER, STEWARD, todayKey, VOLUNTEER } from './fixture'

const api = await setupApi()
const caibei = api.demo.caibei
const guanli = api.demo.guanli
const steward = await api.tokenFor(STEWARD)

// Another village's garden facts, written straight into the database.
const [foreignBed] = await api.db.insert(gardenBeds).values({ villageId: guanli, name: '馆里菜畦', areaDm2: 500, positionLabel: '村口' }).returning()
const [foreignHarvest] = await api.db.insert(gardenHarvests).values({ villageId: guanli, crop: '小白菜', grams: 2000, harvestedOn: todayKey() }).returning()
if (!foreignBed || !foreignHarvest) throw new Error('insert failed')
const [foreignPlanting] = await api.db
  .insert(gardenPlantings)
  .values({ villageId: guanli, bedId: foreignBed.id, crop: '菠菜', sownOn: '2026-03-30' })
  .returning()
const [ownBed] = await api.db.insert(gardenBeds).values({ villageId: caibei, name: '安全测试畦', areaDm2: 500, positionLabel: '院里' }).returning()
const [ownPlanting] = await api.db
  .insert(gardenPlantings)
  .values({ villageId: caibei, bedId: ownBed?.id ?? '', crop: '生菜', sownOn: '2026-04-01' })
  .returning()
if (!foreignPlanting || !ownBed || !ownPlanting) throw new Error('insert failed')

async function refusedWithNothingChanged(path: string, token: string, body: Record<string, unknown>, status: number, code: string) {
  const before = [await gardenSnapshot(api, caibei), await gardenSnapshot(api, guanli)]
  const res = await api.call('POST', path, { token, body })
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(errorCodeOf(res)).toBe(code)
  expect([await gardenSnapshot(api, caibei), await gardenSnapshot(api, guanli)]).toEqual(before)
}

describe('corrections stay inside the steward’s own garden', () => {
  it.each([
    [
      'another village’s harvest, under my village',
      '/api/garden/harvests/correct',
      { villageId: caibei, harvestId: foreignHarvest.id, grams: 1000, reason: '改' },
      404,
      'not_found',
    ],
    [
      'another village’s harvest, under its village',
      '/api/garden/harvests/correct',
      { villageId: guanli, harvestId: foreignHarvest.id, grams: 1000, reason: '改' },
      403,
      'not_member_of_village',
    ],
    [
      'another village’s bed, under my village',
      '/api/garden/beds/correct',
      { villageId: caibei, bedId: foreignBed.id, areaDm2: 600, reason: '改' },
      404,
      'not_found',
    ],
    [
      'another village’s planting, under my village',
      '/api/garden/plantings/correct',
      { villageId: caibei, plantingId: foreignPlanting.id, crop: '油菜', reason: '改' },
      404,
      'not_found',
    ],
    [
      'my planting moved onto another village’s bed',
      '/api/garden/plantings/correct',
      { villageId: caibei, plantingId: ownPlanting.id, bedId: foreignBed.id, reason: '改' },
      404,
      'not_found',
    ],
  ] as const)('%s → %s', async (_label, path, body, status, code) => {
    await refusedWithNothingChanged(path, steward, body, status, code)
  })

  it.each([
    ['a volunteer', VOLUNTEER, 403, 'forbidden'],
    ['a member of another village', OUTSIDER, 403, 'not_member_of_village'],
  ] as const)('refuses %s with nothing changed', async (_label, name, status, code) => {
    await refusedWithNothingChanged(
      '/api/garden/beds/correct',
      await api.tokenFor(name),
      { villageId: caibei, bedId: ownBed.id, areaDm2: 600, reason: '改' },
      status,
      code,
    )
  })
})
