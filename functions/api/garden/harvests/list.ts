import { and, asc, eq, inArray } from 'drizzle-orm'
import { gardenDistributions, households } from '../../../../db/schema'
import { elderlyStillWaiting, gardenVillageQuery, harvestsResponse, harvestUnit } from '../../../../shared/garden'
import { localDateKey } from '../../../../shared/time'
import { householdLabel } from '../../../../shared/people'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { bedNamer, describeHistory } from '../../../queries/garden-corrections'
import { seasonHarvests } from '../../../queries/garden-harvests'
import { nowMinutes } from '../../../queries/garden'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/harvests/list',
  summary: '本季收获了什么、分给了谁；头茬没有先给老人的，写着主理人的原因；更正过的写着原来是多少、为什么改',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: harvestsResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const { seasonLabel, harvests, firstIds } = await seasonHarvests(db, query.villageId, localDateKey(nowMinutes()))
    const bedName = await bedNamer(db, query.villageId)
    const history = await describeHistory(
      db,
      harvests.map((h) => h.history),
    )
    const given =
      harvests.length === 0
        ? []
        : await db
            .select({
              harvestId: gardenDistributions.harvestId,
              householdId: households.id,
              household: households.label,
              group: households.group,
              houseNumber: households.houseNumber,
              elderly: households.elderly,
              grams: gardenDistributions.grams,
              count: gardenDistributions.count,
              beyondElderlyReason: gardenDistributions.beyondElderlyReason,
            })
            .from(gardenDistributions)
            .innerJoin(households, eq(households.id, gardenDistributions.householdId))
            .where(
              inArray(
                gardenDistributions.harvestId,
                harvests.map((h) => h.id),
              ),
            )
            .orderBy(asc(gardenDistributions.createdAt), asc(households.label))
    const elderlyHouseholdIds = (
      await db
        .select({ id: households.id })
        .from(households)
        .where(and(eq(households.villageId, query.villageId), eq(households.elderly, true)))
    ).map((h) => h.id)
    return {
      season: seasonLabel,
      harvests: [...harvests].reverse().map((h) => ({
        id: h.id,
        crop: h.crop,
        bedName: h.bedId ? bedName(h.bedId) : null,
        grams: h.grams,
        count: h.count,
        harvestedOn: h.harvestedOn,
        firstOfCrop: firstIds.has(h.id),
        unit: harvestUnit(h),
        bedId: h.bedId,
        given: given.filter((g) => g.harvestId === h.id).reduce((n, g) => n + ((harvestUnit(h) === 'grams' ? g.grams : g.count) ?? 0), 0),
        corrections: history(h.history),
        elderlyWaiting: firstIds.has(h.id)
          ? elderlyStillWaiting({ elderlyHouseholdIds, receivedHouseholdIds: given.filter((g) => g.harvestId === h.id).map((g) => g.householdId), shares: [] })
              .length
          : 0,
        recipients: given
          .filter((g) => g.harvestId === h.id)
          .map(({ harvestId: _h, household, group, houseNumber, ...rest }) => ({ ...rest, label: householdLabel({ label: household, group, houseNumber }) })),
      })),
    }
  },
})

export const GET = toWebHandler(route)
