import { and, eq, gte, sql } from 'drizzle-orm'
import { pieceCollections, pieceOperations, pieceProducts } from '../../../db/schema'
import { collectiveIncome, dashboardResponse, reconcileMaterial, workshopQuery } from '../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../lib/route'
import {
  listOrders,
  listPeriods,
  listTickets,
  listWorkers,
  loadWorkshop,
  materialMovementsOf,
  materialNameFor,
  materialUsesOf,
  periodTotals,
  ticketSummary,
} from '../../queries/piecework'
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

    const movements = await materialMovementsOf(db, workshop.id)
    const uses = await materialUsesOf(db, workshop.id)
    const products = new Map((await db.select().from(pieceProducts).where(eq(pieceProducts.workshopId, workshop.id))).map((p) => [p.id, p]))
    const operations = await db
      .select({ productId: pieceOperations.productId, countUnit: pieceOperations.countUnit, countMaterialName: pieceOperations.countMaterialName })
      .from(pieceOperations)
      .innerJoin(pieceProducts, eq(pieceProducts.id, pieceOperations.productId))
      .where(eq(pieceProducts.workshopId, workshop.id))
    const workers = new Map((await listWorkers(db, workshop)).map((w) => [w.id, w]))
    const material = reconcileMaterial(movements, uses, workshop.toleranceBp)
      .map((b) => {
        const product = products.get(b.productId)
        return {
          workerId: b.workerId,
          workerName: workers.get(b.workerId)?.name ?? '',
          productName: product?.name ?? '',
          materialName: product
            ? materialNameFor(
                product,
                operations.filter((o) => o.productId === product.id),
                b.unit,
              )
            : '',
          unit: b.unit,
          issued: b.issued,
          returned: b.returned,
          used: b.used,
          outstanding: b.outstanding,
          openWork: b.openWork,
          flagged: b.flagged,
        }
      })
      .sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.outstanding - a.outstanding)

    const periods = await listPeriods(db, workshop.id)
    const totals = await periodTotals(db, workshop, periods)
    const payPerPeriod = periods.map((p) => ({ periodId: p.id, name: p.name, status: p.status, totalFen: totals.get(p.id) ?? 0 }))
    const wagesFen = payPerPeriod.reduce((sum, p) => sum + p.totalFen, 0)
    const income = collectiveIncome(
      orders.map((o) => ({ orderId: o.id, quantity: o.quantity, unitPriceFen: o.unitPriceFen })),
      new Map(orders.map((o) => [o.id, o.acceptedPieces])),
      wagesFen,
    )
    const tickets = ticketSummary(await listTickets(db, workshop))
    return { workshopName: workshop.name, orders, outputPerDay: perDay, material, tickets, payPerPeriod, income }
  },
})

export const GET = toWebHandler(route)
