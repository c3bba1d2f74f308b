import { eq } from 'drizzle-orm'
import { landAllocations, landParcels, landPoolParcels } from '../../../../db/schema'
import { allocationsResponse, awardYearQuery } from '../../../../shared/land'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { householdLabels, loadYear } from '../../../queries/land'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/allocations/list',
  summary: '本季地块分配情况',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  query: awardYearQuery,
  response: allocationsResponse,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const year = await loadYear(db, query.awardYearId)
    authorize(year.villageId)
    const pool = await db
      .select({ areaTenthMu: landParcels.areaTenthMu })
      .from(landPoolParcels)
      .innerJoin(landParcels, eq(landParcels.id, landPoolParcels.parcelId))
      .where(eq(landPoolParcels.awardYearId, year.id))
    const rows = await db
      .select({
        householdId: landAllocations.householdId,
        parcelId: landAllocations.parcelId,
        parcelName: landParcels.name,
        areaTenthMu: landAllocations.areaTenthMu,
      })
      .from(landAllocations)
      .innerJoin(landParcels, eq(landParcels.id, landAllocations.parcelId))
      .where(eq(landAllocations.awardYearId, year.id))
      .orderBy(landParcels.name)
    const labels = await householdLabels(
      db,
      rows.map((row) => row.householdId),
    )
    return {
      awardYearId: year.id,
      season: year.season,
      poolTenthMu: pool.reduce((sum, parcel) => sum + parcel.areaTenthMu, 0),
      allocatedTenthMu: rows.reduce((sum, row) => sum + row.areaTenthMu, 0),
      allocations: rows.map((row) => ({ ...row, householdLabel: labels.get(row.householdId) ?? '' })),
    }
  },
})

export const GET = toWebHandler(route)
