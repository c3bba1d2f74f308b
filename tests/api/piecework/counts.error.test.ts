import { describe, expect, it } from 'vitest'
import { errorCodeOf, setupApi } from '../../harness/api'
import { countedLine, demoWorkshop, freshLine, pieceworkState } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('孙玉芹')
const counted = await countedLine(api, demo.workshop.id, demo.headToken, worker.id, 100, 10)
const weighed = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)

const move = (extra: Record<string, unknown>, line = counted) => ({
  workshopId: demo.workshop.id,
  orderId: line.orderId,
  workerId: worker.id,
  kind: 'issue',
  movedOn: line.today,
  ...extra,
})

describe.each<[string, Record<string, unknown>, number, string, RegExp]>([
  ['grams and a count at once', move({ grams: 1000, count: 10, unit: '个' }), 400, 'validation_failed', /只填一种/],
  ['neither grams nor a count', move({}), 400, 'validation_failed', /重量（千克），或者个数和单位/],
  ['a count without its unit', move({ count: 10 }), 400, 'validation_failed', /单位/],
  ['a unit nobody counts in', move({ count: 10, unit: '根' }), 400, 'piecework_material_unit_mismatch', /「根」/],
  ['a count for a product none of whose operations counts', move({ count: 10, unit: '个' }, weighed), 400, 'piecework_material_unit_mismatch', /按个数/],
  ['a fractional count', move({ count: 1.5, unit: '个' }), 400, 'validation_failed', /只填一种/],
  ['returning more sinkers than held', move({ kind: 'return', count: 101, unit: '个' }), 409, 'piecework_return_exceeds', /退回/],
  ['returning sinkers as grams', move({ kind: 'return', grams: 50 }), 409, 'piecework_return_exceeds', /退回/],
])('refuses %s', (_label, body, status, code, message) => {
  it(`with ${code}, a Chinese message, and nothing changed`, async () => {
    const before = await pieceworkState(api, api.demo.guanli)
    const res = await api.call('POST', '/api/piecework/materials/move', { token: demo.headToken, body })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(JSON.stringify(res.body)).toMatch(message)
    expect(await pieceworkState(api, api.demo.guanli)).toEqual(before)
  })
})

describe('the database backs the rule', () => {
  it('a movement with both grams and a count, or neither, cannot be stored', async () => {
    const { materialMovements } = await import('../../../db/schema')
    const row = { workshopId: demo.workshop.id, orderId: counted.orderId, workerId: worker.id, kind: 'issue' as const, movedOn: counted.today }
    await expect(api.db.insert(materialMovements).values({ ...row, grams: 10, count: 10, unit: '个' })).rejects.toThrow()
    await expect(api.db.insert(materialMovements).values({ ...row, grams: null, count: null, unit: null })).rejects.toThrow()
    await expect(api.db.insert(materialMovements).values({ ...row, grams: null, count: 10, unit: null })).rejects.toThrow()
  })

  it('an operation cannot use material by weight and by count at once', async () => {
    const res = await api.call('POST', '/api/piecework/products/create', {
      token: demo.headToken,
      body: {
        workshopId: demo.workshop.id,
        name: '两样',
        materialName: '线',
        effectiveFrom: counted.today,
        operations: [{ name: '织', gramsPerPiece: 100, countPerPiece: 2, countUnit: '个', countMaterialName: '坠', rateFen: 100 }],
      },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/只能选一种/)
  })
})
