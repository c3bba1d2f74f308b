import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { households } from '../../../db/schema'
import { errorBodySchema, errorCatalog, type ErrorCode } from '../../../shared/errors'
import { bedsResponse, createdResponse } from '../../../shared/garden'
import { addDays, todayInChina } from '../../../shared/time'
import { errorCodeOf, setupApi } from '../../harness/api'
import { gardenSnapshot, STEWARD, todayKey } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const steward = await api.tokenFor(STEWARD)
const homes = await api.db.select().from(households).where(eq(households.villageId, villageId))
const elderly = homes.filter((h) => h.elderly)
const neighbour = homes.find((h) => !h.elderly)

async function created(path: string, body: Record<string, unknown>): Promise<string> {
  const res = await api.call('POST', path, { token: steward, body: { villageId, ...body } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return createdResponse.parse(res.body).id
}
const log = (crop: string, amount: { grams?: number; count?: number }) => created('/api/garden/harvests/log', { crop, harvestedOn: todayKey(), ...amount })
const share = async (harvestId: string, allocations: { householdId: string; grams?: number; count?: number }[], reason?: string) => {
  const res = await api.call('POST', '/api/garden/harvests/distribute', {
    token: steward,
    body: { villageId, harvestId, allocations, ...(reason ? { reason } : {}) },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
}

/** The steward's world before the refusals: each named harvest set up the way a bend needs it. */
const ids: Record<string, string> = {}
beforeAll(async () => {
  if (!neighbour || elderly.length < 2) throw new Error('the demo courtyard needs elderly and other households')
  // An old entry of another crop, logged before the real 头茬 of 测试小白菜.
  ids.older = await log('测试菠菜', { grams: 300 })
  ids.first = await log('测试小白菜', { grams: 5000 })
  await share(ids.first, [{ householdId: elderly[0]?.id ?? '', grams: 500 }])
  ids.later = await log('测试小白菜', { grams: 2000 })
  await share(ids.later, [{ householdId: neighbour.id, grams: 1600 }])
  ids.counted = await log('测试玉米', { count: 20 })
  await share(
    ids.counted,
    elderly.map((h) => ({ householdId: h.id, count: 1 })),
  )
  ids.bed = await created('/api/garden/beds/create', { name: '错误测试畦', areaDm2: 400, positionLabel: '西墙' })
  await created('/api/garden/beds/create', { name: '错误测试二畦', areaDm2: 400, positionLabel: '东墙' })
  ids.planting = await created('/api/garden/plantings/create', { bedId: ids.bed, crop: '测试生菜', sownOn: '2026-04-02' })
})

async function expectRefused(path: string, body: Record<string, unknown>, status: number, code: ErrorCode) {
  const before = await gardenSnapshot(api)
  const res = await api.call('POST', path, { token: steward, body: { villageId, ...body } })
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  expect(errorCodeOf(res)).toBe(code)
  const message = errorBodySchema.parse(res.body).error.message
  expect(message).toMatch(/[\u4e00-\u9fff]/)
  if (code !== 'validation_failed' && code !== 'not_found') expect(message).toBe(errorCatalog[code].message)
  expect(await gardenSnapshot(api)).toEqual(before)
}

describe('harvest corrections a steward might use to bend the rules, refused with nothing changed', () => {
  const cases: [string, () => Record<string, unknown>, number, ErrorCode][] = [
    [
      'the old 菠菜 entry renamed 测试小白菜, to take the 头茬 place',
      () => ({ harvestId: ids.older, crop: '测试小白菜' }),
      409,
      'garden_correction_moves_first_harvest',
    ],
    [
      'the 头茬 renamed to a crop already harvested, to free it',
      () => ({ harvestId: ids.first, crop: '测试菠菜' }),
      409,
      'garden_correction_moves_first_harvest',
    ],
    ['the 头茬 shrunk while elderly households still wait', () => ({ harvestId: ids.first, grams: 600 }), 409, 'garden_first_harvest_shrink'],
    ['a harvest corrected below what was handed out', () => ({ harvestId: ids.later, grams: 1500 }), 409, 'garden_correction_below_shared'],
    [
      'a counted harvest, already shared, turned into grams',
      () => ({ harvestId: ids.counted, count: null, grams: 3000 }),
      409,
      'garden_correction_unit_locked',
    ],
    ['a correction that changes nothing', () => ({ harvestId: ids.later, grams: 2000 }), 400, 'garden_correction_no_change'],
    ['a weight of zero', () => ({ harvestId: ids.later, grams: 0 }), 400, 'garden_harvest_weight_invalid'],
    ['no amount left at all', () => ({ harvestId: ids.later, grams: null }), 400, 'garden_harvest_weight_invalid'],
    ['dated tomorrow', () => ({ harvestId: ids.later, harvestedOn: addDays(todayInChina(), 1) }), 400, 'garden_harvest_date_future'],
    ['dated over a year back', () => ({ harvestId: ids.later, harvestedOn: addDays(todayInChina(), -400) }), 400, 'garden_harvest_date_too_old'],
    ['no reason', () => ({ harvestId: ids.later, grams: 2100, reason: '  ' }), 400, 'validation_failed'],
    ['a harvest that does not exist', () => ({ harvestId: '00000000-0000-4000-8000-000000000000', grams: 100 }), 404, 'not_found'],
    ['a bed that does not exist', () => ({ harvestId: ids.later, bedId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found'],
  ]
  it.each(cases)('%s → %s', async (_label, body, status, code) => {
    await expectRefused('/api/garden/harvests/correct', { reason: '更正', ...body() }, status, code)
  })

  it('the 头茬 may be made smaller once every elderly household has had some', async () => {
    await share(
      ids.first ?? '',
      elderly.slice(1).map((h) => ({ householdId: h.id, grams: 100 })),
    )
    const res = await api.call('POST', '/api/garden/harvests/correct', {
      token: steward,
      body: { villageId, harvestId: ids.first, grams: 4000, reason: '秤不准' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  })
})

describe('bed and planting corrections refused', () => {
  const cases: [string, string, () => Record<string, unknown>, number, ErrorCode][] = [
    ['a bed renamed to another bed’s name', '/api/garden/beds/correct', () => ({ bedId: ids.bed, name: '错误测试二畦' }), 409, 'garden_bed_name_taken'],
    ['a bed correction that changes nothing', '/api/garden/beds/correct', () => ({ bedId: ids.bed, areaDm2: 400 }), 400, 'garden_correction_no_change'],
    ['a bed of 200 m²', '/api/garden/beds/correct', () => ({ bedId: ids.bed, areaDm2: 20_000 }), 400, 'validation_failed'],
    ['a bed that does not exist', '/api/garden/beds/correct', () => ({ bedId: '00000000-0000-4000-8000-000000000000', areaDm2: 500 }), 404, 'not_found'],
    [
      'a harvest expected before the sowing',
      '/api/garden/plantings/correct',
      () => ({ plantingId: ids.planting, expectedHarvestOn: '2026-03-01' }),
      400,
      'garden_planting_dates_invalid',
    ],
    [
      'a planting moved to a bed that does not exist',
      '/api/garden/plantings/correct',
      () => ({ plantingId: ids.planting, bedId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'not_found',
    ],
    [
      'a planting correction that changes nothing',
      '/api/garden/plantings/correct',
      () => ({ plantingId: ids.planting, crop: '测试生菜' }),
      400,
      'garden_correction_no_change',
    ],
    [
      'a planting correction with no reason',
      '/api/garden/plantings/correct',
      () => ({ plantingId: ids.planting, crop: '测试油菜', reason: '' }),
      400,
      'validation_failed',
    ],
  ]
  it.each(cases)('%s → %s', async (_label, path, body, status, code) => {
    await expectRefused(path, { reason: '更正', ...body() }, status, code)
  })

  it('still lists the bed as first written', async () => {
    const beds = bedsResponse.parse((await api.call('GET', '/api/garden/beds/list', { token: steward, query: { villageId } })).body).beds
    expect(beds.find((b) => b.id === ids.bed)).toMatchObject({ name: '错误测试畦', areaDm2: 400, corrections: [] })
  })
})

describe('a one-off shift refused beside its field', () => {
  it.each([
    ['already started', { startsAt: new Date(Date.now() - 60_000).toISOString() }, 409, 'garden_shift_closed', 'startsAt'],
    ['more than a year ahead', { startsAt: new Date(Date.now() + 500 * 86_400_000).toISOString() }, 400, 'validation_failed', 'startsAt'],
    ['running past midnight', { startsAt: `${addDays(todayInChina(), 2)}T23:30:00+08:00`, durationMinutes: 60 }, 400, 'validation_failed', 'durationMinutes'],
    ['no places', { capacity: 0 }, 400, 'validation_failed', 'capacity'],
    ['no title', { title: '  ' }, 400, 'validation_failed', 'title'],
  ] as const)('%s → %s on %s', async (_label, patch, status, code, field) => {
    const before = await gardenSnapshot(api)
    const res = await api.call('POST', '/api/garden/shifts/create', {
      token: steward,
      body: {
        villageId,
        title: '临时采收',
        kind: 'harvesting',
        startsAt: `${addDays(todayInChina(), 2)}T09:00:00+08:00`,
        durationMinutes: 60,
        capacity: 3,
        ...patch,
      },
    })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    const fields = (errorBodySchema.parse(res.body).error as { fields?: { path: string }[] }).fields ?? []
    expect(fields.map((f) => f.path)).toContain(field)
    expect(await gardenSnapshot(api)).toEqual(before)
  })
})
