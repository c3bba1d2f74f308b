import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import {
  customerOrders,
  households,
  materialMovements,
  pieceCollections,
  pieceOperations,
  pieceProducts,
  pieceRates,
  villages,
  workshopNeighbourVillages,
  workshopWorkers,
  workshops,
} from '../../../db/schema'
import { workshopDetailResponse, workshopListResponse } from '../../../shared/piecework'
import { setupApi } from '../../harness/api'
import { auditActions, demoWorkshop } from './fixture'
import { todayInChina } from '../../../shared/time'

const api = await setupApi()
const demo = await demoWorkshop(api)
const today = todayInChina()
const [qianyang] = await api.db.select({ id: villages.id }).from(villages).where(eq(villages.name, '前杨村'))

describe('demo workshop', () => {
  it('has 30 worker households, some from neighbouring villages, two products with rates, three orders, one closed period', async () => {
    const res = await api.call('GET', '/api/piecework/workshops/detail', { token: demo.headToken, query: { workshopId: demo.workshop.id } })
    expect(res.status).toBe(200)
    const detail = workshopDetailResponse.parse(res.body)
    expect(detail.workers).toHaveLength(30)
    const neighbours = detail.workers.filter((w) => w.fromOtherVillage)
    expect(neighbours.length).toBeGreaterThan(0)
    expect(new Set(neighbours.map((w) => w.villageName))).toEqual(new Set(['前杨村', '后李村']))
    expect(detail.products).toHaveLength(2)
    expect(detail.products.every((p) => p.operations.every((o) => o.currentRateFen !== null))).toBe(true)
    expect(detail.orders).toHaveLength(3)
    expect(detail.orders.every((o) => o.acceptedPieces > 0)).toBe(true)
    expect(detail.periods.filter((p) => p.status === 'closed')).toHaveLength(1)
    expect(detail.workshop.isHead).toBe(true)
    expect(detail.neighbourVillages.map((v) => v.name).sort()).toEqual(['前杨村', '后李村'].sort())
  })

  it('keeps its own rules: no order collected beyond its quantity, every piece in a pay period and with a rate', async () => {
    const res = await api.call('GET', '/api/piecework/workshops/detail', { token: demo.headToken, query: { workshopId: demo.workshop.id } })
    const detail = workshopDetailResponse.parse(res.body)
    for (const order of detail.orders) {
      expect(order.acceptedPieces).toBeLessThanOrEqual(order.quantity)
      for (const op of order.countedByOperation) expect(op.counted, `${order.customer}`).toBeLessThanOrEqual(order.quantity)
    }
    expect(detail.uncoveredDays).toEqual([])
    const collections = await api.db.select().from(pieceCollections).where(eq(pieceCollections.workshopId, demo.workshop.id))
    expect(collections.length).toBeGreaterThan(1000)
    for (const period of detail.periods) {
      const sheet = await api.call<{ unratedPieces: number }>('GET', '/api/piecework/pay-sheet', { token: demo.headToken, query: { periodId: period.id } })
      expect(sheet.body.unratedPieces).toBe(0)
    }
  })

  it('is listed for its head, and for a worker from a neighbouring village with their own worker id', async () => {
    const head = workshopListResponse.parse((await api.call('GET', '/api/piecework/workshops/list', { token: demo.headToken })).body)
    expect(head.workshops).toEqual([expect.objectContaining({ id: demo.workshop.id, isHead: true, myWorkerId: null })])
    const worker = demo.workerByName('杨秀云')
    const mine = workshopListResponse.parse((await api.call('GET', '/api/piecework/workshops/list', { token: await api.tokenFor('杨秀云') })).body)
    expect(mine.workshops).toEqual([expect.objectContaining({ id: demo.workshop.id, isHead: false, myWorkerId: worker.id })])
    const outsider = workshopListResponse.parse((await api.call('GET', '/api/piecework/workshops/list', { token: await api.tokenFor('青明') })).body)
    expect(outsider.workshops).toEqual([])
  })
})

describe('head keeps the workshop', () => {
  it('creates a workshop naming a neighbouring village, adds a household from there, a product with rates, an order, issues and takes back material', async () => {
    const created = await api.call<{ id: string }>('POST', '/api/piecework/workshops/create', {
      token: demo.headToken,
      body: { villageId: api.demo.guanli, name: '馆里村风口组装组', neighbourVillageIds: [qianyang?.id] },
    })
    expect(created.status).toBe(201)
    const workshopId = created.body.id
    const [row] = await api.db.select().from(workshops).where(eq(workshops.id, workshopId))
    expect(row).toMatchObject({ name: '馆里村风口组装组', toleranceBp: 500, orderToleranceBp: 500, villageId: api.demo.guanli })
    expect(await api.db.select().from(workshopNeighbourVillages).where(eq(workshopNeighbourVillages.workshopId, workshopId))).toEqual([
      { workshopId, villageId: qianyang?.id },
    ])

    const [neighbourHousehold] = await api.db
      .select({ id: households.id })
      .from(households)
      .where(eq(households.villageId, qianyang?.id ?? ''))
      .limit(1)
    const added = await api.call<{ id: string }>('POST', '/api/piecework/workers/add', {
      token: demo.headToken,
      body: { workshopId, householdId: neighbourHousehold?.id },
    })
    expect(added.status).toBe(201)
    expect(await api.db.select().from(workshopWorkers).where(eq(workshopWorkers.workshopId, workshopId))).toHaveLength(1)

    const product = await api.call<{ id: string }>('POST', '/api/piecework/products/create', {
      token: demo.headToken,
      body: {
        workshopId,
        name: '空调出风口',
        materialName: '塑料件',
        effectiveFrom: today,
        operations: [
          { name: '组装', gramsPerPiece: 120, rateFen: 80 },
          { name: '检验包装', gramsPerPiece: 0, rateFen: 20 },
        ],
      },
    })
    expect(product.status).toBe(201)
    const operations = await api.db.select().from(pieceOperations).where(eq(pieceOperations.productId, product.body.id)).orderBy(pieceOperations.sortOrder)
    expect(operations.map((o) => [o.name, o.gramsPerPiece])).toEqual([
      ['组装', 120],
      ['检验包装', 0],
    ])

    const rate = await api.call<{ id: string }>('POST', '/api/piecework/rates/create', {
      token: demo.headToken,
      body: { operationId: operations[0]?.id, rateFen: 90, effectiveFrom: '2099-01-01' },
    })
    expect(rate.status).toBe(201)
    expect(
      (
        await api.db
          .select()
          .from(pieceRates)
          .where(eq(pieceRates.operationId, operations[0]?.id ?? ''))
      )
        .map((r) => r.rateFen)
        .sort(),
    ).toEqual([80, 90])

    const order = await api.call<{ id: string }>('POST', '/api/piecework/orders/create', {
      token: demo.headToken,
      body: { workshopId, customer: '海尔配件厂', productId: product.body.id, quantity: 5000, dueOn: '2099-02-01', unitPriceFen: 150 },
    })
    expect(order.status).toBe(201)
    expect(await api.db.select().from(customerOrders).where(eq(customerOrders.id, order.body.id))).toEqual([
      expect.objectContaining({ customer: '海尔配件厂', quantity: 5000, unitPriceFen: 150, dueOn: '2099-02-01' }),
    ])

    const issue = await api.call<{ id: string }>('POST', '/api/piecework/materials/move', {
      token: demo.headToken,
      body: { workshopId, orderId: order.body.id, workerId: added.body.id, grams: 12_000, expectedPieces: 100, movedOn: today },
    })
    expect(issue.status).toBe(201)
    const giveBack = await api.call<{ id: string }>('POST', '/api/piecework/materials/move', {
      token: demo.headToken,
      body: { workshopId, orderId: order.body.id, workerId: added.body.id, kind: 'return', grams: 2_000, movedOn: today },
    })
    expect(giveBack.status).toBe(201)
    const moves = await api.db
      .select()
      .from(materialMovements)
      .where(and(eq(materialMovements.workshopId, workshopId)))
    expect(moves.map((m) => [m.kind, m.grams]).sort()).toEqual([
      ['issue', 12_000],
      ['return', 2_000],
    ])

    expect(await auditActions(api, api.demo.guanli, workshopId)).toEqual(['piecework.workshop.created'])
    expect(await auditActions(api, api.demo.guanli, added.body.id)).toEqual(['piecework.worker.added'])
    expect(await auditActions(api, api.demo.guanli, product.body.id)).toEqual(['piecework.product.created'])
    expect(await auditActions(api, api.demo.guanli, operations[0]?.id ?? '')).toEqual(['piecework.rate.created'])
    expect(await auditActions(api, api.demo.guanli, order.body.id)).toEqual(['piecework.order.created'])
    expect(await auditActions(api, api.demo.guanli, issue.body.id)).toEqual(['piecework.material.issued'])
    expect(await auditActions(api, api.demo.guanli, giveBack.body.id)).toEqual(['piecework.material.returned'])
    const [products] = await api.db.select().from(pieceProducts).where(eq(pieceProducts.id, product.body.id))
    expect(products?.workshopId).toBe(workshopId)

    const verify = await api.call<{ ok: boolean }>('GET', '/api/audit/verify', { token: demo.headToken, query: { villageId: api.demo.guanli } })
    expect(verify.body.ok).toBe(true)
  })
})
