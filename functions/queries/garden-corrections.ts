import { and, asc, eq, gte, inArray, lt, or } from 'drizzle-orm'
import type { Db } from '../../db/client'
import {
  gardenBedCorrections,
  gardenBeds,
  gardenHarvestCorrections,
  gardenHarvests,
  gardenPlantingCorrections,
  gardenPlantings,
  people,
  villages,
} from '../../db/schema'
import type { GardenBed, GardenHarvestRow, GardenPlantingRow } from '../../db/schema/garden'
import {
  bedChanges,
  correctionChain,
  harvestChanges,
  plantingChanges,
  type BedFacts,
  type Correction,
  type CorrectionStep,
  type HarvestFacts,
  type PlantingFacts,
  type SeasonRef,
} from '../../shared/garden'

/*
 * Beds, plantings and harvests as they stand: each original row with its latest correction laid
 * over it, and the corrections in order for "已更正（原为…，原因…）". Every read of these facts
 * goes through here, so a corrected value is the one every rule and every screen sees.
 */

export type CurrentBed = GardenBed & { original: BedFacts; history: CorrectionStep[] }
export type CurrentPlanting = GardenPlantingRow & { original: PlantingFacts; history: CorrectionStep[] }
export type CurrentHarvest = GardenHarvestRow & { original: HarvestFacts; history: CorrectionStep[] }

/**
 * Writers of a village's garden facts (a bed named, a harvest logged or corrected) take this lock
 * first, so one decides on what the other wrote. FOR NO KEY UPDATE does not block the key-share
 * locks that inserts elsewhere take on the village.
 */
export async function lockGardenFacts(db: Db, villageId: string): Promise<void> {
  await db.select({ id: villages.id }).from(villages).where(eq(villages.id, villageId)).for('no key update')
}

const bedFacts = (b: BedFacts): BedFacts => ({ name: b.name, areaDm2: b.areaDm2, positionLabel: b.positionLabel })
const plantingFacts = (p: PlantingFacts): PlantingFacts => ({
  bedId: p.bedId,
  crop: p.crop,
  sownOn: p.sownOn,
  expectedHarvestOn: p.expectedHarvestOn,
  note: p.note,
})
const harvestFacts = (h: HarvestFacts): HarvestFacts => ({ bedId: h.bedId, crop: h.crop, grams: h.grams, count: h.count, harvestedOn: h.harvestedOn })

export async function currentBeds(db: Db, villageId: string, lock = false): Promise<CurrentBed[]> {
  const query = db.select().from(gardenBeds).where(eq(gardenBeds.villageId, villageId)).orderBy(asc(gardenBeds.id))
  const beds = lock ? await query.for('update') : await query
  if (beds.length === 0) return []
  const corrections = await db.select().from(gardenBedCorrections).where(eq(gardenBedCorrections.villageId, villageId))
  return beds.map((b) => {
    const { current, history } = correctionChain(
      bedFacts(b),
      corrections.filter((c) => c.bedId === b.id),
      bedChanges,
    )
    return { ...b, ...bedFacts(current), original: bedFacts(b), history }
  })
}

/** A name for a bed id as the bed is called now. */
export async function bedNamer(db: Db, villageId: string): Promise<(id: string) => string> {
  const names = new Map((await currentBeds(db, villageId)).map((b) => [b.id, b.name]))
  return (id) => names.get(id) ?? '（已不在的菜畦）'
}

export async function currentPlantings(
  db: Db,
  villageId: string,
  options: { ids?: readonly string[]; lock?: boolean; bedName?: (id: string) => string } = {},
): Promise<CurrentPlanting[]> {
  const filter = and(eq(gardenPlantings.villageId, villageId), options.ids ? inArray(gardenPlantings.id, [...options.ids]) : undefined)
  const query = db.select().from(gardenPlantings).where(filter).orderBy(asc(gardenPlantings.id))
  const rows = options.lock ? await query.for('update') : await query
  if (rows.length === 0) return []
  const corrections = await db
    .select()
    .from(gardenPlantingCorrections)
    .where(
      inArray(
        gardenPlantingCorrections.plantingId,
        rows.map((r) => r.id),
      ),
    )
  const bedName = options.bedName ?? (await bedNamer(db, villageId))
  return rows.map((p) => {
    const { current, history } = correctionChain(
      plantingFacts(p),
      corrections.filter((c) => c.plantingId === p.id),
      (before, after) => plantingChanges(before, after, bedName),
    )
    return { ...p, ...plantingFacts(current), original: plantingFacts(p), history }
  })
}

/**
 * Harvests of a village as they stand, by id or by the season their (corrected) date falls in,
 * oldest logged first. Locking takes the original rows, in id order.
 */
export async function currentHarvests(
  db: Db,
  villageId: string,
  options: { ids?: readonly string[]; season?: SeasonRef; lock?: boolean; bedName?: (id: string) => string },
): Promise<CurrentHarvest[]> {
  const { season } = options
  const inSeason = season
    ? or(
        and(gte(gardenHarvests.harvestedOn, season.startsOn), lt(gardenHarvests.harvestedOn, season.endsBefore)),
        inArray(
          gardenHarvests.id,
          db
            .select({ id: gardenHarvestCorrections.harvestId })
            .from(gardenHarvestCorrections)
            .where(
              and(
                eq(gardenHarvestCorrections.villageId, villageId),
                gte(gardenHarvestCorrections.harvestedOn, season.startsOn),
                lt(gardenHarvestCorrections.harvestedOn, season.endsBefore),
              ),
            ),
        ),
      )
    : undefined
  const query = db
    .select()
    .from(gardenHarvests)
    .where(and(eq(gardenHarvests.villageId, villageId), options.ids ? inArray(gardenHarvests.id, [...options.ids]) : undefined, inSeason))
    .orderBy(asc(gardenHarvests.id))
  const rows = options.lock ? await query.for('update') : await query
  if (rows.length === 0) return []
  const corrections = await db
    .select()
    .from(gardenHarvestCorrections)
    .where(
      inArray(
        gardenHarvestCorrections.harvestId,
        rows.map((r) => r.id),
      ),
    )
  const bedName = options.bedName ?? (await bedNamer(db, villageId))
  return rows
    .map((h): CurrentHarvest => {
      const { current, history } = correctionChain(
        harvestFacts(h),
        corrections.filter((c) => c.harvestId === h.id),
        (before, after) => harvestChanges(before, after, bedName),
      )
      return { ...h, ...harvestFacts(current), original: harvestFacts(h), history }
    })
    .filter((h) => !season || (h.harvestedOn >= season.startsOn && h.harvestedOn < season.endsBefore))
    .sort((a, b) => a.harvestedOn.localeCompare(b.harvestedOn) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
}

/** The corrections as the wire shows them, with the corrector's name. */
export async function describeHistory(db: Db, histories: readonly (readonly CorrectionStep[])[]): Promise<(steps: readonly CorrectionStep[]) => Correction[]> {
  const ids = [...new Set(histories.flatMap((h) => h.map((s) => s.correctedBy)))]
  const names = new Map(
    ids.length === 0 ? [] : (await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids))).map((p) => [p.id, p.name]),
  )
  return (steps) => steps.map((s) => ({ at: s.createdAt.toISOString(), by: names.get(s.correctedBy) ?? '', reason: s.reason, changes: s.changes }))
}
