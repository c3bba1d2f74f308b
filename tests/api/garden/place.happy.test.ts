import { describe, expect, it } from 'vitest'
import { createdResponse, gardenPlaceResponse, noGardenWords, shiftsResponse } from '../../../shared/garden'
import { addDays, todayInChina } from '../../../shared/time'
import { setupApi } from '../../harness/api'
import { OUTSIDER, STEWARD, VOLUNTEER } from './fixture'

const api = await setupApi()

describe('whether a village has a garden, and whom to ask', () => {
  it('41号院 has one, with its stewards', async () => {
    const res = await api.call('GET', '/api/garden/place', { token: await api.tokenFor(VOLUNTEER), query: { villageId: api.demo.caibei } })
    const place = gardenPlaceResponse.parse(res.body)
    expect(place).toMatchObject({ villageName: '菜北社区41号院', hasGarden: true, isSteward: false })
    expect(place.stewards).toContain(STEWARD)
  })
  it('高井嘎查 has none and no steward: a villager is told plainly, and to ask the branch', async () => {
    const res = await api.call('GET', '/api/garden/place', { token: await api.tokenFor(OUTSIDER), query: { villageId: api.demo.gaojing } })
    const place = gardenPlaceResponse.parse(res.body)
    expect(place).toMatchObject({ villageName: '高井嘎查', hasGarden: false, stewards: [] })
    expect(place.leaders[0]).toEqual({ name: OUTSIDER, roleLabel: '党支部书记' })
    expect(noGardenWords(place).title).toBe('高井嘎查还没有共享菜园')
    expect(noGardenWords(place).text).toContain(`党支部书记${OUTSIDER}`)
  })
})

describe('the month list keeps a called-off shift, with its reason', () => {
  it('a one-off shift created and then called off is listed as cancelled', async () => {
    const steward = await api.tokenFor(STEWARD)
    const day = addDays(todayInChina(), 3)
    const created = await api.call('POST', '/api/garden/shifts/create', {
      token: steward,
      body: {
        villageId: api.demo.caibei,
        title: '临时采收（月历测试）',
        kind: 'harvesting',
        startsAt: `${day}T15:00:00+08:00`,
        durationMinutes: 60,
        capacity: 3,
      },
    })
    expect(created.status).toBe(201)
    const shiftId = createdResponse.parse(created.body).id
    const cancel = await api.call('POST', '/api/garden/shifts/cancel', { token: steward, body: { villageId: api.demo.caibei, shiftId, reason: '要下大雨' } })
    expect(cancel.status).toBe(200)
    const list = shiftsResponse.parse(
      (
        await api.call('GET', '/api/garden/shifts/list', {
          token: await api.tokenFor(VOLUNTEER),
          query: { villageId: api.demo.caibei, month: day.slice(0, 7) },
        })
      ).body,
    )
    const shift = list.shifts.find((s) => s.id === shiftId)
    expect(shift).toMatchObject({ title: '临时采收（月历测试）', cancelReason: '要下大雨', date: day })
    expect(shift?.cancelledAt).not.toBeNull()
    expect(list.shifts.filter((s) => s.cancelledAt === null).every((s) => s.cancelReason === null)).toBe(true)
  })
})
