import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenDistributions, households } from '../../../db/schema'
import { bedsResponse, createdResponse, distributeResponse, harvestsResponse, proposalResponse } from '../../../shared/garden'
import { setupApi } from '../../harness/api'
import { auditActions, STEWARD, todayKey, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('harvests: the first of each crop goes to the elderly', () => {
  it('logs, proposes elderly households first, distributes, and shows who received', async () => {
    const steward = await api.tokenFor(STEWARD)
    const bed = createdResponse.parse((await api.call('POST', '/api/garden/beds/create', { token: steward, body: { villageId, name: '测试畦', areaDm2: 600, positionLabel: '北墙根' } })).body)
    const logged = await api.call('POST', '/api/garden/harvests/log', { token: steward, body: { villageId, bedId: bed.id, crop: '测试油麦菜', grams: 3000, harvestedOn: todayKey() } })
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
      (await api.call('POST', '/api/garden/harvests/log', { token: steward, body: { villageId, crop: '测试油麦菜', count: 20, harvestedOn: todayKey() } })).body,
    )
    const next = proposalResponse.parse((await api.call('GET', '/api/garden/harvests/proposal', { token: steward, query: { villageId, harvestId: second.id } })).body)
    expect(next.firstOfCrop).toBe(false)
    const nothingYet = next.recipients.filter((r) => r.priority === 'nothing_yet')
    expect(nothingYet.length).toBeGreaterThan(0)
    expect(next.recipients.slice(0, nothingYet.length).every((r) => r.receivedThisSeason === 0)).toBe(true)

    const list = harvestsResponse.parse((await api.call('GET', '/api/garden/harvests/list', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body)
    const first = list.harvests.find((h) => h.id === harvestId)
    expect(first).toMatchObject({ firstOfCrop: true, bedName: '测试畦', grams: 3000 })
    expect(first?.recipients.every((r) => r.elderly)).toBe(true)

    const beds = bedsResponse.parse((await api.call('GET', '/api/garden/beds/list', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body)
    expect(beds.beds.map((b) => b.name)).toContain('测试畦')
  })
})
