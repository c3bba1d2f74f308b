import { describe, expect, it } from 'vitest'
import { errorCodeOf, setupApi } from '../../harness/api'
import { STEWARD } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('roster and duty input is bounded', () => {
  it.each([
    ['bad month', '/api/garden/roster/generate', { villageId, month: '2026-13' }],
    ['month as text', '/api/garden/roster/generate', { villageId, month: 'next' }],
    ['month long past', '/api/garden/roster/generate', { villageId, month: '2001-01' }],
    ['month far ahead', '/api/garden/roster/generate', { villageId, month: '2099-01' }],
    [
      'duty over midnight',
      '/api/garden/duties/create',
      { villageId, title: '夜班', kind: 'gate', weekdays: [1], startMinute: 23 * 60, durationMinutes: 120, capacity: 1 },
    ],
    [
      'duty capacity 0',
      '/api/garden/duties/create',
      { villageId, title: '浇水', kind: 'watering', weekdays: [1], startMinute: 420, durationMinutes: 60, capacity: 0 },
    ],
    [
      'duty capacity absurd',
      '/api/garden/duties/create',
      { villageId, title: '浇水', kind: 'watering', weekdays: [1], startMinute: 420, durationMinutes: 60, capacity: 500 },
    ],
    [
      'weekday 8',
      '/api/garden/duties/create',
      { villageId, title: '浇水', kind: 'watering', weekdays: [8], startMinute: 420, durationMinutes: 60, capacity: 1 },
    ],
    [
      'repeated weekday',
      '/api/garden/duties/create',
      { villageId, title: '浇水', kind: 'watering', weekdays: [1, 1], startMinute: 420, durationMinutes: 60, capacity: 1 },
    ],
    [
      'unknown task kind',
      '/api/garden/duties/create',
      { villageId, title: '浇水', kind: 'dancing', weekdays: [1], startMinute: 420, durationMinutes: 60, capacity: 1 },
    ],
    ['availability window backwards', '/api/garden/availability/set', { villageId, windows: [{ weekday: 1, startMinute: 600, endMinute: 500 }] }],
  ])('%s → validation_failed', async (_name, path, body) => {
    const res = await api.call('POST', path, { token: await api.tokenFor(STEWARD), body })
    expect(res.status).toBe(400)
    expect(errorCodeOf(res)).toBe('validation_failed')
  })

  it('assigning to an unknown shift is not found', async () => {
    const res = await api.call('POST', '/api/garden/roster/assign', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, shiftId: '00000000-0000-4000-8000-000000000000', personId: await api.personId(STEWARD) },
    })
    expect(res.status).toBe(404)
  })
})
