import { describe, expect, it } from 'vitest'
import { createdResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { STEWARD } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

describe('setup refusals', () => {
  it('a duplicate bed name is a conflict', async () => {
    const token = await api.tokenFor(STEWARD)
    const body = { villageId, name: '重名畦', areaDm2: 300, positionLabel: '南' }
    expect((await api.call('POST', '/api/garden/beds/create', { token, body })).status).toBe(201)
    expect(errorCodeOf(await api.call('POST', '/api/garden/beds/create', { token, body }))).toBe('conflict')
  })

  it.each([
    ['bed too small', '/api/garden/beds/create', { villageId, name: '小', areaDm2: 1, positionLabel: '南' }],
    ['bed absurdly large', '/api/garden/beds/create', { villageId, name: '大', areaDm2: 9_999_999, positionLabel: '南' }],
    ['bed name too long', '/api/garden/beds/create', { villageId, name: '长'.repeat(31), areaDm2: 300, positionLabel: '南' }],
    ['bad sowing date', '/api/garden/plantings/create', { villageId, bedId: '00000000-0000-4000-8000-000000000000', crop: '菠菜', sownOn: '2026-02-30x' }],
    ['unknown season', '/api/garden/task-templates/create', { villageId, season: 'monsoon', kind: 'sowing', title: '播种' }],
  ])('%s → validation_failed', async (_name, path, body) => {
    const res = await api.call('POST', path, { token: await api.tokenFor(STEWARD), body })
    expect(errorCodeOf(res)).toBe('validation_failed')
  })

  it('planting on an unknown bed, or harvest before sowing', async () => {
    const token = await api.tokenFor(STEWARD)
    const unknown = await api.call('POST', '/api/garden/plantings/create', {
      token,
      body: { villageId, bedId: '00000000-0000-4000-8000-000000000000', crop: '菠菜', sownOn: '2026-03-30' },
    })
    expect(errorCodeOf(unknown)).toBe('not_found')
    const bed = createdResponse.parse(
      (await api.call('POST', '/api/garden/beds/create', { token, body: { villageId, name: '日期畦', areaDm2: 300, positionLabel: '东' } })).body,
    )
    const backwards = await api.call('POST', '/api/garden/plantings/create', {
      token,
      body: { villageId, bedId: bed.id, crop: '菠菜', sownOn: '2026-04-30', expectedHarvestOn: '2026-04-01' },
    })
    expect(errorCodeOf(backwards)).toBe('validation_failed')
  })
})
