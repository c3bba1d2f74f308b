import { asc, eq, inArray } from 'drizzle-orm'
import { pieceOperations, pieceProducts, pieceRates, villages } from '../../../../db/schema'
import { buildRateBook, rateOn, workshopDetailResponse, workshopQuery } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import {
  listOrders,
  listPeriods,
  listTickets,
  listWorkers,
  loadWorkshop,
  materialOnHand,
  neighbourVillagesOf,
  periodOut,
  periodTotals,
  uncoveredCollectionDays,
} from '../../../queries/piecework'
import { todayInChina } from '../../../../shared/time'
import { hasAnyRole, workshopHeads, workshopViewers } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/workshops/detail',
  summary: '工坊详情：产品、工序与单价、加工户、订单、工资周期（负责人与支部）',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopViewers,
  query: workshopQuery,
  response: workshopDetailResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    const held = authorize(workshop.villageId)
    const [village] = await db.select({ name: villages.name }).from(villages).where(eq(villages.id, workshop.villageId))
    const products = await db.select().from(pieceProducts).where(eq(pieceProducts.workshopId, workshop.id)).orderBy(asc(pieceProducts.createdAt))
    const operations = products.length
      ? await db
          .select()
          .from(pieceOperations)
          .where(
            inArray(
              pieceOperations.productId,
              products.map((p) => p.id),
            ),
          )
          .orderBy(asc(pieceOperations.sortOrder))
      : []
    const rates = operations.length
      ? await db
          .select()
          .from(pieceRates)
          .where(
            inArray(
              pieceRates.operationId,
              operations.map((o) => o.id),
            ),
          )
          .orderBy(asc(pieceRates.effectiveFrom))
      : []
    const book = buildRateBook(rates)
    const today = todayInChina()
    const periods = await listPeriods(db, workshop.id)
    const totals = await periodTotals(db, workshop, periods)
    const periodsOut = periods.map((period) => periodOut(period, totals.get(period.id) ?? 0))
    return {
      workshop: {
        id: workshop.id,
        villageId: workshop.villageId,
        villageName: village?.name ?? '',
        name: workshop.name,
        toleranceBp: workshop.toleranceBp,
        orderToleranceBp: workshop.orderToleranceBp,
        isHead: hasAnyRole(held, workshopHeads),
        myWorkerId: null,
      },
      products: products.map((product) => ({
        id: product.id,
        name: product.name,
        materialName: product.materialName,
        operations: operations
          .filter((o) => o.productId === product.id)
          .map((o) => ({
            id: o.id,
            productId: o.productId,
            name: o.name,
            gramsPerPiece: o.gramsPerPiece,
            countPerPiece: o.countPerPiece,
            countUnit: o.countUnit,
            countMaterialName: o.countMaterialName,
            currentRateFen: rateOn(book, o.id, today),
            rates: rates.filter((r) => r.operationId === o.id).map((r) => ({ id: r.id, rateFen: r.rateFen, effectiveFrom: r.effectiveFrom })),
          })),
      })),
      workers: await listWorkers(db, workshop),
      orders: await listOrders(db, workshop.id),
      periods: periodsOut,
      neighbourVillages: await neighbourVillagesOf(db, workshop.id),
      uncoveredDays: await uncoveredCollectionDays(db, workshop.id),
      material: await materialOnHand(db, workshop.id),
      openTickets: await listTickets(db, workshop, { status: 'open' }),
    }
  },
})

export const GET = toWebHandler(route)
