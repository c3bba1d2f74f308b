import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { gardenDistributions, gardenHarvests } from '../../db/schema'
import type { GardenHarvestRow } from '../../db/schema/garden'
import { firstHarvestIdsByCrop, seasonOfDateKey } from '../../shared/garden'

/** Harvests of the season a date falls in, oldest first; the first logged of each crop is the 头茬. */
export async function seasonHarvests(db: Db, villageId: string, dateKey: string): Promise<{ seasonLabel: string; harvests: GardenHarvestRow[]; firstIds: Set<string> }> {
  const season = seasonOfDateKey(dateKey)
  const harvests = await db
    .select()
    .from(gardenHarvests)
    .where(and(eq(gardenHarvests.villageId, villageId), gte(gardenHarvests.harvestedOn, season.startsOn), lt(gardenHarvests.harvestedOn, season.endsBefore)))
    .orderBy(asc(gardenHarvests.harvestedOn), asc(gardenHarvests.createdAt), asc(gardenHarvests.id))
  return { seasonLabel: season.label, harvests, firstIds: firstHarvestIdsByCrop(harvests) }
}

/** How many distributions each household received from the given harvests. */
export async function receivedCounts(db: Db, harvestIds: readonly string[]): Promise<Map<string, number>> {
  if (harvestIds.length === 0) return new Map()
  const rows = await db
    .select({ householdId: gardenDistributions.householdId })
    .from(gardenDistributions)
    .where(inArray(gardenDistributions.harvestId, [...harvestIds]))
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.householdId, (counts.get(r.householdId) ?? 0) + 1)
  return counts
}
