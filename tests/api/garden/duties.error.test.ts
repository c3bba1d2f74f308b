import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenDuties } from '../../../db/schema'
import { createdResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { gardenSnapshot, STEWARD, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

async function duty(startMinute = 7 * 60) {
  const res = await api.call('POST', '/api/garden/duties/create', {
    token: await api.tokenFor(STEWARD),
    body: {
      villageId,
      title: `错误测试${startMinute}`,
      kind: 'watering',
      weekdays: [1],
      startMinute,
      durationMinutes: 60,
      capacity: 2,
      activeFrom: '2026-03-01',
      activeUntil: '2026-11-30',
    },
  })
  expect(res.status).toBe(201)
  return createdResponse.parse(res.body).id
}

describe('editing a duty: refusals change nothing', () => {
  it.each([
    [
      'a range that ends before it starts',
      (id: string) => ({ dutyId: id, activeFrom: '2026-06-01', activeUntil: '2026-05-31' }),
      400,
      'garden_duty_range_invalid',
    ],
    ['moving the start past the end of the existing range', (id: string) => ({ dutyId: id, activeFrom: '2026-12-01' }), 400, 'garden_duty_range_invalid'],
    [
      'a new start time that crosses midnight with the existing length',
      (id: string) => ({ dutyId: id, startMinute: 23 * 60 + 30 }),
      400,
      'garden_duty_time_invalid',
    ],
    ['a season twice', (id: string) => ({ dutyId: id, seasons: ['spring', 'spring'] }), 400, 'garden_duty_time_invalid'],
    ['an unknown season', (id: string) => ({ dutyId: id, seasons: ['monsoon'] }), 400, 'validation_failed'],
    ['a date that does not exist', (id: string) => ({ dutyId: id, activeUntil: '2026-02-30' }), 400, 'validation_failed'],
    ['capacity 0', (id: string) => ({ dutyId: id, capacity: 0 }), 400, 'validation_failed'],
    ['a duty that does not exist', () => ({ dutyId: '00000000-0000-4000-8000-000000000000', paused: true }), 404, 'not_found'],
  ] as const)('%s', async (_label, body, status, code) => {
    const id = await duty()
    const [row] = await api.db.select().from(gardenDuties).where(eq(gardenDuties.id, id))
    const before = await gardenSnapshot(api)
    const res = await api.call('POST', '/api/garden/duties/update', { token: await api.tokenFor(STEWARD), body: { villageId, ...body(id) } })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(await gardenSnapshot(api)).toEqual(before)
    expect((await api.db.select().from(gardenDuties).where(eq(gardenDuties.id, id)))[0]).toEqual(row)
  })

  it('a volunteer cannot pause a duty', async () => {
    const id = await duty(8 * 60)
    const before = await gardenSnapshot(api)
    const res = await api.call('POST', '/api/garden/duties/update', { token: await api.tokenFor(VOLUNTEER), body: { villageId, dutyId: id, paused: true } })
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('forbidden')
    expect(await gardenSnapshot(api)).toEqual(before)
  })

  it('a steward of another village cannot reach this one’s duty', async () => {
    const id = await duty(9 * 60)
    const res = await api.call('POST', '/api/garden/duties/update', {
      token: await api.tokenFor(STEWARD),
      body: { villageId: api.demo.gaojing, dutyId: id, paused: true },
    })
    expect(res.status).toBe(403)
    const [row] = await api.db.select().from(gardenDuties).where(eq(gardenDuties.id, id))
    expect(row?.active).toBe(true)
  })

  it('the database refuses a range the wrong way round and an unknown season', async () => {
    const id = await duty(10 * 60)
    await expect(api.db.update(gardenDuties).set({ activeFrom: '2026-12-01', activeUntil: '2026-01-01' }).where(eq(gardenDuties.id, id))).rejects.toThrow()
    await expect(api.db.execute(`update garden_duties set seasons = '{monsoon}' where id = '${id}'`)).rejects.toThrow()
  })
})
