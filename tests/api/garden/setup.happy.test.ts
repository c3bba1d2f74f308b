import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenPlantings } from '../../../db/schema'
import { availabilityResponse, bedsResponse, calendarResponse, createdResponse, dutiesResponse, membersResponse } from '../../../shared/garden'
import { setupApi } from '../../harness/api'
import { auditActions, STEWARD, STEWARD_2, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('the stewards set up the garden', () => {
  it('beds, plantings, the season calendar and duties', async () => {
    const steward = await api.tokenFor(STEWARD_2)
    const bed = createdResponse.parse(
      (await api.call('POST', '/api/garden/beds/create', { token: steward, body: { villageId, name: '九号畦', areaDm2: 450, positionLabel: '西侧花坛边' } }))
        .body,
    )
    const planting = await api.call('POST', '/api/garden/plantings/create', {
      token: steward,
      body: { villageId, bedId: bed.id, crop: '小葱', sownOn: '2026-03-30', expectedHarvestOn: '2026-05-20', note: '撒播' },
    })
    expect(planting.status).toBe(201)
    const plantingId = createdResponse.parse(planting.body).id
    const [row] = await api.db.select().from(gardenPlantings).where(eq(gardenPlantings.id, plantingId))
    expect(row).toMatchObject({ crop: '小葱', sownOn: '2026-03-30', expectedHarvestOn: '2026-05-20' })
    expect(await auditActions(api, plantingId)).toEqual(['garden.planting.created'])

    const beds = bedsResponse.parse((await api.call('GET', '/api/garden/beds/list', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body)
    expect(beds.beds.find((b) => b.id === bed.id)?.plantings.map((p) => p.crop)).toEqual(['小葱'])

    const template = await api.call('POST', '/api/garden/task-templates/create', {
      token: steward,
      body: { villageId, season: 'winter', kind: 'covering', title: '给菜畦盖防寒膜' },
    })
    expect(template.status).toBe(201)
    const calendar = calendarResponse.parse(
      (await api.call('GET', '/api/garden/calendar', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body,
    )
    expect(calendar.seasons.map((s) => s.label)).toEqual(['春播', '夏长', '秋收', '冬藏'])
    expect(calendar.seasons.find((s) => s.season === 'winter')?.tasks.map((t) => t.title)).toContain('给菜畦盖防寒膜')
    expect(calendar.plantings.some((p) => p.crop === '小葱' && p.bedName === '九号畦')).toBe(true)

    const duty = await api.call('POST', '/api/garden/duties/create', {
      token: steward,
      body: { villageId, title: '周六除草（新）', kind: 'weeding', weekdays: [6], startMinute: 9 * 60, durationMinutes: 120, capacity: 4 },
    })
    expect(duty.status).toBe(201)
    const duties = dutiesResponse.parse((await api.call('GET', '/api/garden/duties/list', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body)
    expect(duties.duties.find((d) => d.title === '周六除草（新）')).toMatchObject({ weekdays: [6], startMinute: 540, durationMinutes: 120, capacity: 4 })
  })

  it('volunteers set their weekly availability (replacing the old one) and see the member list', async () => {
    const token = await api.tokenFor(VOLUNTEER)
    const first = [{ weekday: 2, startMinute: 420, endMinute: 600 }]
    await api.call('POST', '/api/garden/availability/set', { token, body: { villageId, windows: first } })
    const second = [
      { weekday: 6, startMinute: 480, endMinute: 720 },
      { weekday: 1, startMinute: 360, endMinute: 540 },
    ]
    await api.call('POST', '/api/garden/availability/set', { token, body: { villageId, windows: second } })
    const mine = availabilityResponse.parse((await api.call('GET', '/api/garden/availability/mine', { token, query: { villageId } })).body)
    expect(mine.windows).toEqual([second[1], second[0]])
    const members = membersResponse.parse((await api.call('GET', '/api/garden/members', { token, query: { villageId } })).body)
    expect(members.members.find((m) => m.name === STEWARD)?.steward).toBe(true)
    expect(members.members.find((m) => m.name === VOLUNTEER)?.steward).toBe(false)
  })
})
