import { inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { gardenDistributions } from '../../db/schema'
import { firstHarvestIdsByCrop, seasonOfDateKey } from '../../shared/garden'
import { currentHarvests, type CurrentHarvest } from './garden-corrections'

/**
 * Harvests of the season a date falls in, as corrected, oldest first; the first logged of each
 * crop is the 头茬 (a correction never changes when a harvest was logged).
 */
export async function seasonHarvests(
  db: Db,
  villageId: string,
  dateKey: string,
  options: { lock?: boolean } = {},
): Promise<{ seasonLabel: string; harvests: CurrentHarvest[]; firstIds: Set<string> }> {
  const season = seasonOfDateKey(dateKey)
  const harvests = await currentHarvests(db, villageId, { season, lock: options.lock ?? false })
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
