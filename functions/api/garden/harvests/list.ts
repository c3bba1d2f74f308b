import { and, asc, eq, inArray } from 'drizzle-orm'
import { gardenBeds, gardenDistributions, households } from '../../../../db/schema'
import { elderlyStillWaiting, gardenVillageQuery, harvestsResponse, harvestUnit } from '../../../../shared/garden'
import { localDateKey } from '../../../../shared/time'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { seasonHarvests } from '../../../queries/garden-harvests'
import { nowMinutes } from '../../../queries/garden'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/harvests/list',
  summary: '本季收获了什么、分给了谁；头茬没有先给老人的，写着主理人的原因',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: harvestsResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const { seasonLabel, harvests, firstIds } = await seasonHarvests(db, query.villageId, localDateKey(nowMinutes()))
    const beds = new Map((await db.select({ id: gardenBeds.id, name: gardenBeds.name }).from(gardenBeds).where(eq(gardenBeds.villageId, query.villageId))).map((b) => [b.id, b.name]))
    const given =
      harvests.length === 0
        ? []
        : await db
            .select({
              harvestId: gardenDistributions.harvestId,
              householdId: households.id,
              label: households.label,
              elderly: households.elderly,
              grams: gardenDistributions.grams,
              count: gardenDistributions.count,
              beyondElderlyReason: gardenDistributions.beyondElderlyReason,
            })
            .from(gardenDistributions)
            .innerJoin(households, eq(households.id, gardenDistributions.householdId))
            .where(inArray(gardenDistributions.harvestId, harvests.map((h) => h.id)))
            .orderBy(asc(gardenDistributions.createdAt), asc(households.label))
    const elderlyHouseholdIds = (
      await db.select({ id: households.id }).from(households).where(and(eq(households.villageId, query.villageId), eq(households.elderly, true)))
    ).map((h) => h.id)
    return {
      season: seasonLabel,
      harvests: [...harvests].reverse().map((h) => ({
        id: h.id,
        crop: h.crop,
        bedName: h.bedId ? (beds.get(h.bedId) ?? null) : null,
        grams: h.grams,
        count: h.count,
        harvestedOn: h.harvestedOn,
        firstOfCrop: firstIds.has(h.id),
        unit: harvestUnit(h),
        elderlyWaiting: firstIds.has(h.id)
          ? elderlyStillWaiting({ elderlyHouseholdIds, receivedHouseholdIds: given.filter((g) => g.harvestId === h.id).map((g) => g.householdId), shares: [] }).length
          : 0,
        recipients: given.filter((g) => g.harvestId === h.id).map(({ harvestId: _h, ...rest }) => rest),
      })),
    }
  },
})

export const GET = toWebHandler(route)
