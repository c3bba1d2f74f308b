import { and, eq, gte, sql } from 'drizzle-orm'
import { customerOrders, materialMovements, pieceCollections, pieceOperations, pieceProducts } from '../../../db/schema'
import { collectiveIncome, dashboardResponse, reconcileMaterial, workshopQuery } from '../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../lib/route'
import { listOrders, listPeriods, listWorkers, loadWorkshop, periodTotals } from '../../queries/piecework'
import { todayInChina } from '../../../shared/time'
import { workshopViewers } from '../../../shared/roles'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/dashboard',
  summary: '工坊看板：订单进度、每日产量、各户欠料、各期工资、村集体增收',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopViewers,
  query: workshopQuery,
  response: dashboardResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    authorize(workshop.villageId)
    const orders = await listOrders(db, workshop.id)
    const today = todayInChina()
    const since = new Date(Date.parse(`${today}T00:00:00Z`) - 59 * 86400_000).toISOString().slice(0, 10)
    const perDay = await db
      .select({
        day: pieceCollections.collectedOn,
        accepted: sql<number>`coalesce(sum(${pieceCollections.accepted}), 0)`.mapWith(Number),
        rejected: sql<number>`coalesce(sum(${pieceCollections.rejected}), 0)`.mapWith(Number),
      })
      .from(pieceCollections)
      .innerJoin(pieceOperations, eq(pieceOperations.id, pieceCollections.operationId))
      .where(and(eq(pieceCollections.workshopId, workshop.id), eq(pieceOperations.sortOrder, 0), gte(pieceCollections.collectedOn, since)))
      .groupBy(pieceCollections.collectedOn)
      .orderBy(pieceCollections.collectedOn)

    const movements = await db
      .select({ workerId: materialMovements.workerId, productId: customerOrders.productId, grams: materialMovements.grams, kind: materialMovements.kind, expectedPieces: materialMovements.expectedPieces })
      .from(materialMovements)
      .innerJoin(customerOrders, eq(customerOrders.id, materialMovements.orderId))
      .where(eq(materialMovements.workshopId, workshop.id))
    const uses = await db
      .select({
        workerId: pieceCollections.workerId,
        productId: pieceOperations.productId,
        gramsPerPiece: pieceOperations.gramsPerPiece,
        accepted: sql<number>`sum(${pieceCollections.accepted})`.mapWith(Number),
        rejected: sql<number>`sum(${pieceCollections.rejected})`.mapWith(Number),
        rework: sql<number>`0`.mapWith(Number),
        reworkReturn: sql<boolean>`false`,
      })
      .from(pieceCollections)
      .innerJoin(pieceOperations, eq(pieceOperations.id, pieceCollections.operationId))
      .where(eq(pieceCollections.workshopId, workshop.id))
      .groupBy(pieceCollections.workerId, pieceOperations.productId, pieceOperations.id, pieceOperations.gramsPerPiece)
    const products = new Map(
      (await db.select({ id: pieceProducts.id, name: pieceProducts.name }).from(pieceProducts).where(eq(pieceProducts.workshopId, workshop.id))).map((p) => [p.id, p.name]),
    )
    const workers = new Map((await listWorkers(db, workshop)).map((w) => [w.id, w]))
    const material = reconcileMaterial(movements, uses, workshop.toleranceBp)
      .map((b) => ({
        workerId: b.workerId,
        workerName: workers.get(b.workerId)?.name ?? '',
        productName: products.get(b.productId) ?? '',
        issuedGrams: b.issuedGrams,
        returnedGrams: b.returnedGrams,
        usedGrams: b.usedGrams,
        outstandingGrams: b.outstandingGrams,
        openWorkGrams: b.openWorkGrams,
        flagged: b.flagged,
      }))
      .sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.outstandingGrams - a.outstandingGrams)

    const periods = await listPeriods(db, workshop.id)
    const totals = await periodTotals(db, workshop, periods)
    const payPerPeriod = periods.map((p) => ({ periodId: p.id, name: p.name, status: p.status, totalFen: totals.get(p.id) ?? 0 }))
    const wagesFen = payPerPeriod.reduce((sum, p) => sum + p.totalFen, 0)
    const income = collectiveIncome(
      orders.map((o) => ({ orderId: o.id, quantity: o.quantity, unitPriceFen: o.unitPriceFen })),
      new Map(orders.map((o) => [o.id, o.acceptedPieces])),
      wagesFen,
    )
    return { workshopName: workshop.name, orders, outputPerDay: perDay, material, payPerPeriod, income }
  },
})

export const GET = toWebHandler(route)
