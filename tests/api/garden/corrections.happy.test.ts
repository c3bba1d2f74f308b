import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenBedCorrections, gardenBeds, gardenHarvestCorrections, gardenHarvests, gardenPlantings, households } from '../../../db/schema'
import { bedsResponse, calendarResponse, correctionNote, correctionResponse, createdResponse, harvestsResponse, proposalResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { auditActions, STEWARD, todayKey, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const steward = await api.tokenFor(STEWARD)
const volunteer = await api.tokenFor(VOLUNTEER)
const elderly = (await api.db.select().from(households).where(eq(households.villageId, villageId))).filter((h) => h.elderly)

async function created(path: string, body: Record<string, unknown>): Promise<string> {
  const res = await api.call('POST', path, { token: steward, body: { villageId, ...body } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return createdResponse.parse(res.body).id
}
async function correct(path: string, body: Record<string, unknown>) {
  const res = await api.call('POST', path, { token: steward, body: { villageId, ...body } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return correctionResponse.parse(res.body)
}
const board = async () => harvestsResponse.parse((await api.call('GET', '/api/garden/harvests/list', { token: volunteer, query: { villageId } })).body)
const beds = async () => bedsResponse.parse((await api.call('GET', '/api/garden/beds/list', { token: volunteer, query: { villageId } })).body).beds

describe('a bed corrected: a new linked record, the original kept', () => {
  it('shows the corrected bed with 已更正（原为…，原因…）, keeps the original row, and chains a second correction', async () => {
    const bedId = await created('/api/garden/beds/create', { name: '更正测试畦', areaDm2: 450, positionLabel: '北墙根' })
    expect(await correct('/api/garden/beds/correct', { bedId, areaDm2: 520, reason: '拿卷尺重新量过' })).toMatchObject({ seq: 1 })
    expect(await correct('/api/garden/beds/correct', { bedId, name: '更正测试大畦', reason: '大家都这么叫' })).toMatchObject({ seq: 2 })

    const bed = (await beds()).find((b) => b.id === bedId)
    expect(bed).toMatchObject({ name: '更正测试大畦', areaDm2: 520, positionLabel: '北墙根' })
    expect(bed?.corrections.map((c) => ({ by: c.by, reason: c.reason, changes: c.changes }))).toEqual([
      { by: STEWARD, reason: '拿卷尺重新量过', changes: [{ field: 'areaDm2', label: '面积', from: '4.5平方米', to: '5.2平方米' }] },
      { by: STEWARD, reason: '大家都这么叫', changes: [{ field: 'name', label: '名称', from: '更正测试畦', to: '更正测试大畦' }] },
    ])
    expect(correctionNote(bed?.corrections[0] ?? { changes: [], reason: '' })).toBe('已更正（面积原为4.5平方米；原因：拿卷尺重新量过）')
    const [original] = await api.db.select().from(gardenBeds).where(eq(gardenBeds.id, bedId))
    expect(original).toMatchObject({ name: '更正测试畦', areaDm2: 450 })
    expect(await auditActions(api, bedId)).toEqual(['garden.bed.created', 'garden.bed.corrected', 'garden.bed.corrected'])

    // The old name is free again only in the sense that no bed is called it now.
    const clash = await api.call('POST', '/api/garden/beds/create', {
      token: steward,
      body: { villageId, name: '更正测试大畦', areaDm2: 300, positionLabel: '东' },
    })
    expect(clash.status).toBe(409)
  })
})

describe('a planting corrected', () => {
  it('moves to the bed it is really in, with the crop it really is; the calendar reads the same', async () => {
    const [first, second] = await beds()
    if (!first || !second) throw new Error('the demo has beds')
    const plantingId = await created('/api/garden/plantings/create', { bedId: first.id, crop: '测试菠菜', sownOn: '2026-03-30' })
    await correct('/api/garden/plantings/correct', {
      plantingId,
      bedId: second.id,
      crop: '测试油菜',
      expectedHarvestOn: '2026-05-30',
      reason: '记到隔壁畦上了',
    })
    const after = await beds()
    expect(after.find((b) => b.id === first.id)?.plantings.some((p) => p.id === plantingId)).toBe(false)
    const moved = after.find((b) => b.id === second.id)?.plantings.find((p) => p.id === plantingId)
    expect(moved).toMatchObject({ bedId: second.id, crop: '测试油菜', expectedHarvestOn: '2026-05-30' })
    expect(moved?.corrections[0]?.changes.map((c) => `${c.label}:${c.from}→${c.to}`)).toEqual([
      `菜畦:${first.name}→${second.name}`,
      '菜:测试菠菜→测试油菜',
      '预计采收:没填→2026-05-30',
    ])
    const calendar = calendarResponse.parse((await api.call('GET', '/api/garden/calendar', { token: volunteer, query: { villageId } })).body)
    expect(calendar.plantings).toContainEqual({ bedName: second.name, crop: '测试油菜', sownOn: '2026-03-30', expectedHarvestOn: '2026-05-30' })
    const [original] = await api.db.select().from(gardenPlantings).where(eq(gardenPlantings.id, plantingId))
    expect(original).toMatchObject({ bedId: first.id, crop: '测试菠菜' })
  })
})

describe('a harvest corrected', () => {
  it('reads the corrected weight everywhere: the board, the proposal and what is left to share', async () => {
    const harvestId = await created('/api/garden/harvests/log', { crop: '测试油麦菜', grams: 3000, harvestedOn: todayKey() })
    // The 头茬: every elderly household gets some first, then the weight may be corrected down.
    const shares = elderly.map((h) => ({ householdId: h.id, grams: 200 }))
    expect((await api.call('POST', '/api/garden/harvests/distribute', { token: steward, body: { villageId, harvestId, allocations: shares } })).status).toBe(
      201,
    )
    await correct('/api/garden/harvests/correct', { harvestId, grams: 2500, reason: '秤没归零，多称了半斤' })

    const shown = (await board()).harvests.find((h) => h.id === harvestId)
    expect(shown).toMatchObject({ grams: 2500, firstOfCrop: true, given: 200 * elderly.length })
    expect(shown?.corrections).toHaveLength(1)
    expect(correctionNote(shown?.corrections[0] ?? { changes: [], reason: '' })).toBe('已更正（数量原为3.0公斤；原因：秤没归零，多称了半斤）')
    const proposal = proposalResponse.parse((await api.call('GET', '/api/garden/harvests/proposal', { token: steward, query: { villageId, harvestId } })).body)
    expect(proposal).toMatchObject({ total: 2500, remaining: 2500 - 200 * elderly.length })

    // Sharing beyond the corrected weight is refused by the API and, underneath, by the trigger.
    const others = (await api.db.select().from(households).where(eq(households.villageId, villageId))).filter((h) => !h.elderly)
    const over = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: { villageId, harvestId, allocations: [{ householdId: others[0]?.id ?? '', grams: 2500 - 200 * elderly.length + 1 }] },
    })
    expect(errorCodeOf(over)).toBe('garden_harvest_over_distributed')
    const [original] = await api.db.select().from(gardenHarvests).where(eq(gardenHarvests.id, harvestId))
    expect(original?.grams).toBe(3000)
    expect(await auditActions(api, harvestId)).toEqual(['garden.harvest.logged', 'garden.harvest.distributed', 'garden.harvest.corrected'])
  })

  it('a later harvest renamed to a crop not yet harvested becomes that crop’s 头茬 (more for the elderly, never less)', async () => {
    await created('/api/garden/harvests/log', { crop: '测试苋菜', grams: 1000, harvestedOn: todayKey() })
    const later = await created('/api/garden/harvests/log', { crop: '测试苋菜', grams: 800, harvestedOn: todayKey() })
    expect((await board()).harvests.find((h) => h.id === later)?.firstOfCrop).toBe(false)
    await correct('/api/garden/harvests/correct', { harvestId: later, crop: '测试空心菜', reason: '菜名记错了' })
    expect((await board()).harvests.find((h) => h.id === later)).toMatchObject({ crop: '测试空心菜', firstOfCrop: true })
  })
})

describe('the facts and their corrections cannot be edited underneath', () => {
  it.each([
    ['update a harvest', sql`update garden_harvests set grams = 1 where village_id = ${villageId}`],
    ['delete a harvest', sql`delete from garden_harvests where village_id = ${villageId}`],
    ['rename a bed', sql`update garden_beds set name = 'x' where village_id = ${villageId}`],
    ['delete a planting', sql`delete from garden_plantings where village_id = ${villageId}`],
    ['edit a correction', sql`update garden_harvest_corrections set grams = 1`],
    ['delete a bed correction', sql`delete from garden_bed_corrections`],
    ['truncate the harvests', sql`truncate garden_harvests cascade`],
  ])('refuses to %s', async (_label, statement) => {
    const before = (await api.db.select().from(gardenHarvestCorrections)).length + (await api.db.select().from(gardenBedCorrections)).length
    await expect(api.db.execute(statement)).rejects.toThrow()
    expect((await api.db.select().from(gardenHarvestCorrections)).length + (await api.db.select().from(gardenBedCorrections)).length).toBe(before)
  })

  it('refuses a correction row out of its chain (a skipped number)', async () => {
    const harvestId = await created('/api/garden/harvests/log', { crop: '测试茼蒿', grams: 900, harvestedOn: todayKey() })
    const personId = await api.personId(STEWARD)
    await expect(
      api.db
        .insert(gardenHarvestCorrections)
        .values({ villageId, harvestId, seq: 2, crop: '测试茼蒿', grams: 800, harvestedOn: todayKey(), reason: '跳号', correctedBy: personId }),
    ).rejects.toThrow()
  })
})

describe('corrections at the same time', () => {
  it('two corrections of one harvest are numbered one after the other', async () => {
    const harvestId = await created('/api/garden/harvests/log', { crop: '测试韭黄', grams: 2000, harvestedOn: todayKey() })
    const results = await Promise.all(
      [2100, 2200].map((grams) =>
        api.call('POST', '/api/garden/harvests/correct', { token: steward, body: { villageId, harvestId, grams, reason: `改成${grams}克` } }),
      ),
    )
    expect(
      results.map((r) => r.status),
      JSON.stringify(results.map((r) => r.body)),
    ).toEqual([201, 201])
    expect(results.map((r) => correctionResponse.parse(r.body).seq).sort()).toEqual([1, 2])
  })

  it('a share and a correction below it, at once: never more given than the harvest as it stands', async () => {
    // A later harvest of a crop, so the elderly-first rule is not what decides.
    await created('/api/garden/harvests/log', { crop: '测试芥蓝', grams: 500, harvestedOn: todayKey() })
    const harvestId = await created('/api/garden/harvests/log', { crop: '测试芥蓝', grams: 1000, harvestedOn: todayKey() })
    const household = (await api.db.select().from(households).where(eq(households.villageId, villageId)))[0]
    if (!household) throw new Error('no household')
    const [share, correction] = await Promise.all([
      api.call('POST', '/api/garden/harvests/distribute', {
        token: steward,
        body: { villageId, harvestId, allocations: [{ householdId: household.id, grams: 600 }] },
      }),
      api.call('POST', '/api/garden/harvests/correct', { token: steward, body: { villageId, harvestId, grams: 500, reason: '其实只有一斤' } }),
    ])
    expect([share.status, correction.status].filter((s) => s === 201)).toHaveLength(1)
    const shown = (await board()).harvests.find((h) => h.id === harvestId)
    expect(shown?.given ?? 0).toBeLessThanOrEqual(shown?.grams ?? 0)
    if (share.status === 201) expect(errorCodeOf(correction)).toBe('garden_correction_below_shared')
    else expect(errorCodeOf(share)).toBe('garden_harvest_over_distributed')
  })
})
