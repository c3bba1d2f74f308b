import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenDistributions, gardenHarvests, households } from '../../../db/schema'
import { errorBodySchema, errorCatalog, type ErrorCode } from '../../../shared/errors'
import { createdResponse, harvestsResponse, proposalResponse } from '../../../shared/garden'
import { addDays, todayInChina } from '../../../shared/time'
import { errorCodeOf, setupApi } from '../../harness/api'
import { auditCount, STEWARD, todayKey, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

const homes = await api.db.select().from(households).where(eq(households.villageId, villageId))
const elderly = homes.filter((h) => h.elderly)
const others = homes.filter((h) => !h.elderly)
if (elderly.length < 3 || others.length < 2) throw new Error('the demo courtyard needs 3 elderly and 2 other households')

let cropNo = 0
/** A harvest of a crop not seen before this season, so it is the first (头茬) of its crop. */
async function logHarvest(amount: { grams?: number; count?: number }, crop = `测试菜${++cropNo}`): Promise<string> {
  const res = await api.call('POST', '/api/garden/harvests/log', {
    token: await api.tokenFor(STEWARD),
    body: { villageId, crop, harvestedOn: todayKey(), ...amount },
  })
  expect(res.status).toBe(201)
  return createdResponse.parse(res.body).id
}

async function sharesOf(harvestId: string) {
  return api.db.select().from(gardenDistributions).where(eq(gardenDistributions.harvestId, harvestId))
}

/** A refused request: the status, the code, a Chinese message — and nothing stored, nothing logged. */
async function expectRefused(res: Awaited<ReturnType<typeof api.call>>, status: number, code: ErrorCode) {
  expect(res.status).toBe(status)
  expect(errorCodeOf(res)).toBe(code)
  const message = errorBodySchema.parse(res.body).error.message
  expect(message).toMatch(/[\u4e00-\u9fff]/)
  if (code !== 'validation_failed') expect(message).toBe(errorCatalog[code].message)
}

describe('harvest refusals', () => {
  it.each([
    ['negative weight', { grams: -500 }, 'garden_harvest_weight_invalid'],
    ['zero weight', { grams: 0 }, 'garden_harvest_weight_invalid'],
    ['absurd weight (5 tonnes)', { grams: 5_000_000 }, 'garden_harvest_weight_invalid'],
    ['negative count', { count: -3 }, 'garden_harvest_weight_invalid'],
    ['fractional grams', { grams: 12.5 }, 'validation_failed'],
    ['neither weight nor count', {}, 'validation_failed'],
    ['dated tomorrow (Beijing)', { grams: 500, harvestedOn: addDays(todayInChina(), 1) }, 'garden_harvest_date_future'],
    ['dated next year', { grams: 500, harvestedOn: addDays(todayInChina(), 365) }, 'garden_harvest_date_future'],
    ['dated over a year ago', { grams: 500, harvestedOn: addDays(todayInChina(), -367) }, 'garden_harvest_date_too_old'],
    ['dated in 2003', { grams: 500, harvestedOn: '2003-06-01' }, 'garden_harvest_date_too_old'],
  ] as const)('%s → %s, nothing stored', async (_name, amount, code) => {
    const before = (await api.db.select().from(gardenHarvests).where(eq(gardenHarvests.villageId, villageId))).length
    const auditBefore = await auditCount(api, villageId)
    const res = await api.call('POST', '/api/garden/harvests/log', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, crop: '韭菜', harvestedOn: todayKey(), ...amount },
    })
    await expectRefused(res, 400, code)
    expect((await api.db.select().from(gardenHarvests).where(eq(gardenHarvests.villageId, villageId))).length).toBe(before)
    expect(await auditCount(api, villageId)).toBe(auditBefore)
  })

  it('a harvest dated today or a year back is fine', async () => {
    await logHarvest({ grams: 300 })
    const res = await api.call('POST', '/api/garden/harvests/log', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, crop: '补记的萝卜', grams: 300, harvestedOn: addDays(todayInChina(), -366) },
    })
    expect(res.status).toBe(201)
  })
})

describe('share refusals: nothing stored, nobody counted as having received', () => {
  const [e1, e2] = elderly
  it.each([
    ['a share with no amount', { grams: 900 }, [{ householdId: e1?.id }], 400, 'garden_share_amount_invalid'],
    ['a share of zero grams', { grams: 900 }, [{ householdId: e1?.id, grams: 0 }], 400, 'garden_share_amount_invalid'],
    ['a share of minus 100 grams', { grams: 900 }, [{ householdId: e1?.id, grams: -100 }], 400, 'garden_share_amount_invalid'],
    ['a share in grams and pieces at once', { grams: 900 }, [{ householdId: e1?.id, grams: 100, count: 2 }], 400, 'garden_share_amount_invalid'],
    ['5000 pieces of a 900 g harvest', { grams: 900 }, [{ householdId: e1?.id, count: 5000 }], 400, 'garden_share_wrong_unit'],
    ['grams of a harvest counted in pieces', { count: 20 }, [{ householdId: e1?.id, grams: 500 }], 400, 'garden_share_wrong_unit'],
    [
      'a share with no amount beside a good one',
      { count: 20 },
      [{ householdId: e1?.id, count: 5 }, { householdId: e2?.id }],
      400,
      'garden_share_amount_invalid',
    ],
    ['1000 g of a 900 g harvest', { grams: 900 }, [{ householdId: e1?.id, grams: 1000 }], 409, 'garden_harvest_over_distributed'],
    [
      'two shares that together exceed it',
      { count: 20 },
      [
        { householdId: e1?.id, count: 12 },
        { householdId: e2?.id, count: 9 },
      ],
      409,
      'garden_harvest_over_distributed',
    ],
  ] as const)('%s → %s', async (_name, amount, allocations, status, code) => {
    const harvestId = await logHarvest(amount)
    const steward = await api.tokenFor(STEWARD)
    const proposalBefore = proposalResponse.parse(
      (await api.call('GET', '/api/garden/harvests/proposal', { token: steward, query: { villageId, harvestId } })).body,
    )
    const auditBefore = await auditCount(api, villageId)
    const res = await api.call('POST', '/api/garden/harvests/distribute', { token: steward, body: { villageId, harvestId, allocations } })
    await expectRefused(res, status, code)
    expect(await sharesOf(harvestId)).toHaveLength(0)
    expect(await auditCount(api, villageId)).toBe(auditBefore)
    const proposalAfter = proposalResponse.parse(
      (await api.call('GET', '/api/garden/harvests/proposal', { token: steward, query: { villageId, harvestId } })).body,
    )
    expect(proposalAfter).toEqual(proposalBefore)
    expect(proposalAfter.remaining).toBe('grams' in amount ? amount.grams : amount.count)
  })

  it('cannot give away more than was picked, nor to the same household twice, nor outside the courtyard', async () => {
    const steward = await api.tokenFor(STEWARD)
    const harvestId = await logHarvest({ grams: 1000 })
    const [a, b] = elderly
    if (!a || !b) throw new Error('need two elderly households')
    const over = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: {
        villageId,
        harvestId,
        allocations: [
          { householdId: a.id, grams: 600 },
          { householdId: b.id, grams: 600 },
        ],
      },
    })
    expect(errorCodeOf(over)).toBe('garden_harvest_over_distributed')
    expect(await sharesOf(harvestId)).toHaveLength(0)
    expect(
      (
        await api.call('POST', '/api/garden/harvests/distribute', {
          token: steward,
          body: { villageId, harvestId, allocations: [{ householdId: a.id, grams: 300 }] },
        })
      ).status,
    ).toBe(201)
    const twice = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: { villageId, harvestId, allocations: [{ householdId: a.id, grams: 100 }] },
    })
    expect(errorCodeOf(twice)).toBe('conflict')
    const rest = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: { villageId, harvestId, allocations: [{ householdId: b.id, grams: 701 }] },
    })
    expect(errorCodeOf(rest)).toBe('garden_harvest_over_distributed')
    const foreign = (await api.db.select().from(households).where(eq(households.villageId, api.demo.gaojing)))[0]
    const outside = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: { villageId, harvestId, allocations: [{ householdId: foreign?.id ?? '', grams: 100 }] },
    })
    expect(errorCodeOf(outside)).toBe('not_found')
    expect(await sharesOf(harvestId)).toHaveLength(1)
  })
})

describe('the first harvest of a crop goes to the elderly first', () => {
  it.each([
    ['all of it to a household that is not elderly', (o: string[]) => [{ householdId: o[0], grams: 900 }]],
    [
      'some to the elderly and some elsewhere while other elderly have none',
      (o: string[], e: string[]) => [
        { householdId: e[0], grams: 300 },
        { householdId: o[0], grams: 300 },
      ],
    ],
  ])('%s, with no reason → garden_first_harvest_elderly_first', async (_name, shares) => {
    const harvestId = await logHarvest({ grams: 900 })
    const steward = await api.tokenFor(STEWARD)
    const auditBefore = await auditCount(api, villageId)
    const allocations = shares(
      others.map((h) => h.id),
      elderly.map((h) => h.id),
    )
    const res = await api.call('POST', '/api/garden/harvests/distribute', { token: steward, body: { villageId, harvestId, allocations } })
    await expectRefused(res, 409, 'garden_first_harvest_elderly_first')
    expect(await sharesOf(harvestId)).toHaveLength(0)
    expect(await auditCount(api, villageId)).toBe(auditBefore)
    const board = harvestsResponse.parse(
      (await api.call('GET', '/api/garden/harvests/list', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body,
    )
    expect(board.harvests.find((h) => h.id === harvestId)).toMatchObject({ firstOfCrop: true, recipients: [], elderlyWaiting: elderly.length })
  })

  it('after the elderly have had some, the rest may go elsewhere without a reason; a later harvest of the crop is free', async () => {
    const steward = await api.tokenFor(STEWARD)
    const crop = '测试苋菜'
    const first = await logHarvest({ grams: 200 * elderly.length + 500 }, crop)
    const toElderly = elderly.map((h) => ({ householdId: h.id, grams: 200 }))
    expect(
      (await api.call('POST', '/api/garden/harvests/distribute', { token: steward, body: { villageId, harvestId: first, allocations: toElderly } })).status,
    ).toBe(201)
    const rest = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: { villageId, harvestId: first, allocations: [{ householdId: others[0]?.id, grams: 500 }] },
    })
    expect(rest.status).toBe(201)
    const second = await logHarvest({ grams: 400 }, crop)
    const later = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: { villageId, harvestId: second, allocations: [{ householdId: others[1]?.id, grams: 400 }] },
    })
    expect(later.status).toBe(201)
    expect((await sharesOf(first)).every((s) => s.beyondElderlyReason === null)).toBe(true)
  })
})

describe('the database backs the share rules', () => {
  it('refuses a share with no amount, in the wrong unit, or over the harvest, even written directly', async () => {
    const harvestId = await logHarvest({ grams: 900 })
    const [a, b] = elderly
    if (!a || !b) throw new Error('need two elderly households')
    const row = { villageId, harvestId, householdId: a.id }
    await expect(api.db.insert(gardenDistributions).values(row)).rejects.toThrow()
    await expect(api.db.insert(gardenDistributions).values({ ...row, count: 5000 })).rejects.toThrow()
    await expect(api.db.insert(gardenDistributions).values({ ...row, grams: 0 })).rejects.toThrow()
    await expect(api.db.insert(gardenDistributions).values({ ...row, grams: 901 })).rejects.toThrow()
    await expect(
      api.db.insert(gardenDistributions).values([
        { ...row, grams: 500 },
        { ...row, householdId: b.id, grams: 401 },
      ]),
    ).rejects.toThrow()
    await api.db.insert(gardenDistributions).values([
      { ...row, grams: 500 },
      { ...row, householdId: b.id, grams: 400 },
    ])
    expect(await sharesOf(harvestId)).toHaveLength(2)
  })
})
