import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, gardenDistributions, households } from '../../../db/schema'
import { bedsResponse, createdResponse, distributeResponse, harvestsResponse, proposalResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { auditActions, STEWARD, todayKey, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('harvests: the first of each crop goes to the elderly', () => {
  it('logs, proposes elderly households first, distributes, and shows who received', async () => {
    const steward = await api.tokenFor(STEWARD)
    const bed = createdResponse.parse(
      (await api.call('POST', '/api/garden/beds/create', { token: steward, body: { villageId, name: '测试畦', areaDm2: 600, positionLabel: '北墙根' } })).body,
    )
    const logged = await api.call('POST', '/api/garden/harvests/log', {
      token: steward,
      body: { villageId, bedId: bed.id, crop: '测试油麦菜', grams: 3000, harvestedOn: todayKey() },
    })
    expect(logged.status).toBe(201)
    const harvestId = createdResponse.parse(logged.body).id
    expect(await auditActions(api, harvestId)).toEqual(['garden.harvest.logged'])

    const proposal = proposalResponse.parse((await api.call('GET', '/api/garden/harvests/proposal', { token: steward, query: { villageId, harvestId } })).body)
    expect(proposal.firstOfCrop).toBe(true)
    const elderly = (await api.db.select().from(households).where(eq(households.villageId, villageId))).filter((h) => h.elderly)
    expect(elderly.length).toBeGreaterThan(0)
    const head = proposal.recipients.slice(0, elderly.length)
    expect(head.every((r) => r.elderly && r.priority === 'elderly_first_harvest')).toBe(true)
    expect(proposal.recipients.slice(elderly.length).every((r) => !r.elderly)).toBe(true)

    const allocations = head.map((r) => ({ householdId: r.householdId, grams: 500 }))
    const res = await api.call('POST', '/api/garden/harvests/distribute', { token: steward, body: { villageId, harvestId, allocations } })
    expect(res.status).toBe(201)
    expect(distributeResponse.parse(res.body).recorded).toBe(allocations.length)
    expect(await api.db.select().from(gardenDistributions).where(eq(gardenDistributions.harvestId, harvestId))).toHaveLength(allocations.length)

    // A second harvest of the same crop is not the first: those who got nothing come first now.
    const second = createdResponse.parse(
      (await api.call('POST', '/api/garden/harvests/log', { token: steward, body: { villageId, crop: '测试油麦菜', count: 20, harvestedOn: todayKey() } }))
        .body,
    )
    const next = proposalResponse.parse(
      (await api.call('GET', '/api/garden/harvests/proposal', { token: steward, query: { villageId, harvestId: second.id } })).body,
    )
    expect(next.firstOfCrop).toBe(false)
    const nothingYet = next.recipients.filter((r) => r.priority === 'nothing_yet')
    expect(nothingYet.length).toBeGreaterThan(0)
    expect(next.recipients.slice(0, nothingYet.length).every((r) => r.receivedThisSeason === 0)).toBe(true)

    const list = harvestsResponse.parse(
      (await api.call('GET', '/api/garden/harvests/list', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body,
    )
    const first = list.harvests.find((h) => h.id === harvestId)
    expect(first).toMatchObject({ firstOfCrop: true, bedName: '测试畦', grams: 3000 })
    expect(first?.recipients.every((r) => r.elderly)).toBe(true)

    const beds = bedsResponse.parse((await api.call('GET', '/api/garden/beds/list', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body)
    expect(beds.beds.map((b) => b.name)).toContain('测试畦')
  })
})

describe("a first harvest given beyond the elderly, with the steward's written reason", () => {
  it('is recorded, and the harvest board shows the reason beside the households it went to', async () => {
    const steward = await api.tokenFor(STEWARD)
    const homes = await api.db.select().from(households).where(eq(households.villageId, villageId))
    const [oldest] = homes.filter((h) => h.elderly)
    const [neighbour] = homes.filter((h) => !h.elderly)
    if (!oldest || !neighbour) throw new Error('need an elderly and another household')
    const harvestId = createdResponse.parse(
      (await api.call('POST', '/api/garden/harvests/log', { token: steward, body: { villageId, crop: '测试樱桃萝卜', count: 30, harvestedOn: todayKey() } }))
        .body,
    ).id
    const reason = '老人家们说牙口不好，这批给刚生了孩子的王家'
    const res = await api.call('POST', '/api/garden/harvests/distribute', {
      token: steward,
      body: {
        villageId,
        harvestId,
        reason,
        allocations: [
          { householdId: oldest.id, count: 10 },
          { householdId: neighbour.id, count: 20 },
        ],
      },
    })
    expect(res.status).toBe(201)
    const rows = await api.db.select().from(gardenDistributions).where(eq(gardenDistributions.harvestId, harvestId))
    expect(rows.find((r) => r.householdId === neighbour.id)).toMatchObject({ count: 20, beyondElderlyReason: reason })
    expect(rows.find((r) => r.householdId === oldest.id)).toMatchObject({ count: 10, beyondElderlyReason: null })
    const [logged] = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, harvestId), eq(auditLog.action, 'garden.harvest.distributed')))
    expect(logged?.payload).toMatchObject({ firstOfCrop: true, beyondElderlyReason: reason, unit: 'count' })

    // Everyone can read it on the board.
    const board = harvestsResponse.parse(
      (await api.call('GET', '/api/garden/harvests/list', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body,
    )
    const shown = board.harvests.find((h) => h.id === harvestId)
    expect(shown).toMatchObject({ firstOfCrop: true, unit: 'count', count: 30 })
    expect(shown?.recipients.find((r) => r.householdId === neighbour.id)).toMatchObject({ elderly: false, count: 20, beyondElderlyReason: reason })
    expect(shown?.elderlyWaiting).toBe(homes.filter((h) => h.elderly).length - 1)
  })
})

describe('concurrent shares of the same harvest', () => {
  it('two requests racing for the last 300 g: exactly one is recorded, the harvest is never exceeded', async () => {
    const steward = await api.tokenFor(STEWARD)
    const elderly = (await api.db.select().from(households).where(eq(households.villageId, villageId))).filter((h) => h.elderly)
    const [a, b, c] = elderly
    if (!a || !b || !c) throw new Error('need three elderly households')
    const harvestId = createdResponse.parse(
      (await api.call('POST', '/api/garden/harvests/log', { token: steward, body: { villageId, crop: '测试秋葵', grams: 900, harvestedOn: todayKey() } })).body,
    ).id
    expect(
      (
        await api.call('POST', '/api/garden/harvests/distribute', {
          token: steward,
          body: { villageId, harvestId, allocations: [{ householdId: a.id, grams: 600 }] },
        })
      ).status,
    ).toBe(201)
    const results = await Promise.all(
      [b, c].map((h) =>
        api.call('POST', '/api/garden/harvests/distribute', {
          token: steward,
          body: { villageId, harvestId, allocations: [{ householdId: h.id, grams: 300 }] },
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    const loser = results.find((r) => r.status === 409)
    if (!loser) throw new Error('expected a refusal')
    expect(errorCodeOf(loser)).toBe('garden_harvest_over_distributed')
    const rows = await api.db.select().from(gardenDistributions).where(eq(gardenDistributions.harvestId, harvestId))
    expect(rows).toHaveLength(2)
    expect(rows.reduce((n, r) => n + (r.grams ?? 0), 0)).toBe(900)
    expect((await auditActions(api, harvestId)).filter((x) => x === 'garden.harvest.distributed')).toHaveLength(2)
  })
})
