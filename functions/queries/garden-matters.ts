import { and, asc, count, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import {
  gardenDuties,
  gardenMatterAttendance,
  gardenMatterBallots,
  gardenMatterLinks,
  gardenMatterOptions,
  gardenMatters,
  households,
  memberships,
  people,
  type GardenMatterRow,
} from '../../db/schema'
import { AppError } from '../../shared/errors'
import {
  electorateMeetingType,
  matterEligibilityRefusal,
  resultArithmetic,
  tallyMatter,
  votingPhase,
  type MatterOption,
  type MatterSummary,
  type MatterTally,
} from '../../shared/garden'
import { hasAnyRole, matterConveners, type Role } from '../../shared/roles'
import { localParts, toEpochMinutes } from '../../shared/time'
import { electorateSize } from './land'

export const isConvener = (callerRoles: readonly Role[]) => hasAnyRole(callerRoles, matterConveners)

/** 18+ is judged in the year voting opens, on the Beijing calendar. */
export const matterYear = (matter: Pick<GardenMatterRow, 'opensAt'>) => localParts(toEpochMinutes(matter.opensAt)).year

export async function loadMatter(db: Db, villageId: string, matterId: string, lock?: 'update' | 'share'): Promise<GardenMatterRow> {
  const query = db
    .select()
    .from(gardenMatters)
    .where(and(eq(gardenMatters.id, matterId), eq(gardenMatters.villageId, villageId)))
  const [row] = lock ? await query.for(lock) : await query
  if (!row) throw new AppError('not_found', '找不到这件事')
  return row
}

export async function optionsOf(db: Db, matterId: string): Promise<(MatterOption & { hands: number | null })[]> {
  return db
    .select({ key: gardenMatterOptions.key, label: gardenMatterOptions.label, hands: gardenMatterOptions.hands })
    .from(gardenMatterOptions)
    .where(eq(gardenMatterOptions.matterId, matterId))
    .orderBy(asc(gardenMatterOptions.position))
}

export interface Voter {
  /** The person, or their household when the matter is one vote per household. */
  key: string
  name: string
  householdLabel: string
  birthYear: number
}

/**
 * The matter's electorate, one row per vote key, for the meeting's roll: the same people the land
 * engine counts as 应到 (queries/land electorateSize) for the matching meeting type.
 */
export async function electorateRoll(db: Db, matter: GardenMatterRow): Promise<Voter[]> {
  if (matter.electorate === 'households') {
    const rows = await db
      .select({
        key: households.id,
        name: sql<string>`coalesce(${people.name}, ${households.label})`,
        householdLabel: households.label,
        birthYear: people.birthYear,
      })
      .from(households)
      .leftJoin(people, eq(people.id, households.headPersonId))
      .where(eq(households.villageId, matter.villageId))
      .orderBy(asc(households.label))
    return rows.map((row) => ({ ...row, birthYear: row.birthYear ?? 0 }))
  }
  if (matter.electorate === 'council') {
    return db
      .selectDistinct({ key: people.id, name: people.name, householdLabel: sql<string>`coalesce(${households.label}, '')`, birthYear: people.birthYear })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .leftJoin(households, eq(households.id, people.householdId))
      .where(and(eq(memberships.villageId, matter.villageId), eq(memberships.role, 'villager_rep')))
      .orderBy(asc(people.name))
  }
  return db
    .select({ key: people.id, name: people.name, householdLabel: households.label, birthYear: people.birthYear })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(and(eq(households.villageId, matter.villageId), lte(people.birthYear, matterYear(matter) - 18)))
    .orderBy(asc(households.label), asc(people.name))
}

export const eligibleCount = (db: Db, matter: GardenMatterRow) =>
  electorateSize(db, matter.villageId, electorateMeetingType[matter.electorate], matterYear(matter))

export type VoterStanding =
  { key: string; refusal: null } | { key: null; refusal: { code: 'not_member_of_village' | 'vote_under_18' | 'vote_not_eligible'; message?: string } }

/** May this person vote on this matter, and under which key (themselves, or their household)? */
export async function voterStanding(db: Db, matter: GardenMatterRow, personId: string, rolesInVillage: readonly Role[]): Promise<VoterStanding> {
  const [person] = await db
    .select({ birthYear: people.birthYear, householdId: people.householdId, householdVillage: households.villageId })
    .from(people)
    .leftJoin(households, eq(households.id, people.householdId))
    .where(eq(people.id, personId))
  if (!person) return { key: null, refusal: { code: 'not_member_of_village' } }
  const refusal = matterEligibilityRefusal(matter.electorate, matterYear(matter), { birthYear: person.birthYear, rolesInVillage })
  if (refusal) return { key: null, refusal: 'message' in refusal ? { code: refusal.code, message: refusal.message } : { code: refusal.code } }
  if (matter.electorate !== 'households') return { key: personId, refusal: null }
  // One vote per household: only a representative of a household of this courtyard.
  if (person.householdId === null || person.householdVillage !== matter.villageId) {
    return { key: null, refusal: { code: 'vote_not_eligible', message: '您不是本院住户的户代表' } }
  }
  return { key: person.householdId, refusal: null }
}

export function refuseStanding(standing: VoterStanding): string {
  if (standing.refusal === null) return standing.key
  throw new AppError(standing.refusal.code, standing.refusal.message)
}

/** Counted now from the ballots, the hands and the roll, by the one engine (shared/votes.ts). */
export async function countMatter(db: Db, matter: GardenMatterRow): Promise<MatterTally> {
  const options = await optionsOf(db, matter.id)
  const grouped = await db
    .select({ choice: gardenMatterBallots.choice, n: count() })
    .from(gardenMatterBallots)
    .where(eq(gardenMatterBallots.matterId, matter.id))
    .groupBy(gardenMatterBallots.choice)
  const [hall] = await db
    .select({
      present: count(),
      votedInApp: sql<number>`count(${gardenMatterBallots.countedKey})`.mapWith(Number),
    })
    .from(gardenMatterAttendance)
    .leftJoin(
      gardenMatterBallots,
      and(eq(gardenMatterBallots.matterId, gardenMatterAttendance.matterId), eq(gardenMatterBallots.countedKey, gardenMatterAttendance.countedKey)),
    )
    .where(eq(gardenMatterAttendance.matterId, matter.id))
  const handsIn = matter.handsEnteredAt !== null
  return tallyMatter(matter.kind, matter.threshold, options, {
    eligible: await eligibleCount(db, matter),
    app: Object.fromEntries(grouped.map((row) => [row.choice, row.n])),
    hands: handsIn ? Object.fromEntries(options.map((option) => [option.key, option.hands ?? 0])) : null,
    hall: { present: hall?.present ?? 0, votedInApp: hall?.votedInApp ?? 0 },
  })
}

export async function ballotOf(db: Db, matterId: string, personId: string): Promise<{ choice: string; countedKey: string } | null> {
  const [row] = await db
    .select({ choice: gardenMatterBallots.choice, countedKey: gardenMatterBallots.countedKey })
    .from(gardenMatterBallots)
    .where(and(eq(gardenMatterBallots.matterId, matterId), eq(gardenMatterBallots.personId, personId)))
  return row ?? null
}

export async function linksOf(db: Db, matterId: string) {
  const rows = await db
    .select({ subjectType: gardenMatterLinks.subjectType, subjectId: gardenMatterLinks.subjectId, note: gardenMatterLinks.note, title: gardenDuties.title })
    .from(gardenMatterLinks)
    .leftJoin(gardenDuties, eq(gardenDuties.id, gardenMatterLinks.subjectId))
    .where(eq(gardenMatterLinks.matterId, matterId))
  return rows.map((row) => ({ subjectType: row.subjectType, subjectId: row.subjectId, note: row.note, label: row.title ?? '' }))
}

/** The courtyard's matters, newest first, each with the caller's ballot and whether they may vote. */
export async function summariesFor(db: Db, personId: string, roles: readonly Role[], villageId: string): Promise<MatterSummary[]> {
  const matters = await db.select().from(gardenMatters).where(eq(gardenMatters.villageId, villageId)).orderBy(desc(gardenMatters.opensAt)).limit(50)
  if (matters.length === 0) return []
  const ids = matters.map((matter) => matter.id)
  const mine = await db
    .select({ matterId: gardenMatterBallots.matterId, label: gardenMatterOptions.label })
    .from(gardenMatterBallots)
    .innerJoin(
      gardenMatterOptions,
      and(eq(gardenMatterOptions.matterId, gardenMatterBallots.matterId), eq(gardenMatterOptions.key, gardenMatterBallots.choice)),
    )
    .where(and(inArray(gardenMatterBallots.matterId, ids), eq(gardenMatterBallots.personId, personId)))
  const now = new Date()
  const result: MatterSummary[] = []
  for (const matter of matters) {
    const phase = votingPhase(matter, now)
    const standing = phase === 'open' ? await voterStanding(db, matter, personId, roles) : null
    result.push({
      id: matter.id,
      title: matter.title,
      kind: matter.kind,
      electorate: matter.electorate,
      threshold: matter.threshold,
      opensAt: matter.opensAt.toISOString(),
      closesAt: matter.closesAt.toISOString(),
      phase,
      passed: matter.passed,
      arithmetic: matter.result ? resultArithmetic(matter.kind, matter.result) : null,
      myChoice: mine.find((row) => row.matterId === matter.id)?.label ?? null,
      mayVote: standing?.refusal === null,
      decidedAt: matter.decidedAt?.toISOString() ?? null,
    })
  }
  return result
}
