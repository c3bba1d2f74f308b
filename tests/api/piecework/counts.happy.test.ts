import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { materialMovements } from '../../../db/schema'
import { dashboardResponse, statementResponse, syncCollectionsResponse, workshopDetailResponse } from '../../../shared/piecework'
import { setupApi } from '../../harness/api'
import { countedLine, demoWorkshop, entry } from './fixture'

const api = await setupApi()
const demo = await demoWorkshop(api)
const worker = demo.workerByName('高秀兰')
const headToken = demo.headToken

describe('material counted, not weighed (sinkers, buttons, vents)', () => {
  it('issues {count: 200, unit: 个}, stores a count and no grams, and the pieces use it up', async () => {
    const line = await countedLine(api, demo.workshop.id, headToken, worker.id, 200, 10)
    const [movement] = await api.db.select().from(materialMovements).where(eq(materialMovements.orderId, line.orderId))
    expect(movement).toMatchObject({ grams: null, count: 200, unit: '个', kind: 'issue' })

    // 200 sinkers at 10 a net make 20 nets (21 with the 5 % tolerance): 15 fit, 7 more do not, 5 do.
    const first = entry(line, worker.id, { accepted: 14, rejected: 1, rejectReason: '坠子松' })
    const tooMany = entry(line, worker.id, { accepted: 7 })
    const rest = entry(line, worker.id, { accepted: 5 })
    const res = await api.call('POST', '/api/piecework/collections/sync', {
      token: headToken,
      body: { workshopId: demo.workshop.id, entries: [first, tooMany, rest] },
    })
    expect(res.status).toBe(200)
    const { results } = syncCollectionsResponse.parse(res.body)
    expect(results.map((r) => r.code ?? r.outcome)).toEqual(['ok', 'piecework_over_collection', 'ok'])
    expect(results[1]?.message).toContain('最多还能做 6 件')

    // Reconciliation in pieces: issued − returned − used by accepted + rejected.
    const board = dashboardResponse.parse(
      (await api.call('GET', '/api/piecework/dashboard', { token: headToken, query: { workshopId: demo.workshop.id } })).body,
    )
    const sinkers = board.material.find((m) => m.workerId === worker.id && m.unit === '个' && m.materialName === '铅坠' && m.issued === 200)
    expect(sinkers).toMatchObject({ issued: 200, returned: 0, used: 200, outstanding: 0 })
    // The household's weighed thread is still reconciled apart, in grams.
    expect(board.material.some((m) => m.workerId === worker.id && m.unit === 'g' && m.issued > 0)).toBe(true)
  })

  it('takes leftover sinkers back by count, never more than the household holds', async () => {
    const line = await countedLine(api, demo.workshop.id, headToken, worker.id, 100, 10)
    expect(
      (
        await api.call('POST', '/api/piecework/collections/create', {
          token: headToken,
          body: { workshopId: demo.workshop.id, ...entry(line, worker.id, { accepted: 6 }) },
        })
      ).status,
    ).toBe(201)
    const back = await api.call('POST', '/api/piecework/materials/move', {
      token: headToken,
      body: { workshopId: demo.workshop.id, orderId: line.orderId, workerId: worker.id, kind: 'return', count: 40, unit: '个', movedOn: line.today },
    })
    expect(back.status).toBe(201)
    const token = await api.tokenFor('高秀兰')
    const statement = statementResponse.parse((await api.call('GET', '/api/piecework/statement', { token, query: { workshopId: demo.workshop.id } })).body)
    const counted = statement.material.find((m) => m.unit === '个' && m.issued === 100)
    expect(counted).toMatchObject({ materialName: '铅坠', issued: 100, returned: 40, used: 60, outstanding: 0 })
  })

  it('gives the collect screen what its rule needs: each household’s material per product and unit', async () => {
    const line = await countedLine(api, demo.workshop.id, headToken, worker.id, 50, 10)
    const detail = workshopDetailResponse.parse(
      (await api.call('GET', '/api/piecework/workshops/detail', { token: headToken, query: { workshopId: demo.workshop.id } })).body,
    )
    expect(detail.material.find((m) => m.workerId === worker.id && m.productId === line.productId)).toEqual({
      workerId: worker.id,
      productId: line.productId,
      unit: '个',
      netIssued: 50,
      used: 0,
    })
    const operation = detail.products.find((p) => p.id === line.productId)?.operations[0]
    expect(operation).toMatchObject({ gramsPerPiece: 0, countPerPiece: 10, countUnit: '个', countMaterialName: '铅坠' })
  })
})
