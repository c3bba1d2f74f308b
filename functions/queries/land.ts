import { and, count, eq, inArray, lte, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../db/client'
import {
  households,
  landAttendance,
  landAwards,
  landAwardYears,
  landMeetings,
  landMotions,
  landVotes,
  memberships,
  people,
  type LandAwardYear,
  type LandMeeting,
  type LandMotion,
} from '../../db/schema'
import { AppError } from '../../shared/errors'
import { planParcels, type AttendanceMethod, type ParcelArea } from '../../shared/land'
import { householdLabels as labelHouseholds } from '../../shared/people'
import { type Role } from '../../shared/roles'
import { checkMeetingNotice, eligibilityRefusal, latestMeetingDate, tallyMotion, type MeetingType, type Tally } from '../../shared/votes'

export async function loadYear(db: Db, awardYearId: string): Promise<LandAwardYear> {
  const [row] = await db.select().from(landAwardYears).where(eq(landAwardYears.id, awardYearId))
  if (!row) throw new AppError('not_found', '找不到这一年的奖励耕地')
  return row
}

export async function loadMeeting(db: Db, meetingId: string, lock?: 'update' | 'share'): Promise<LandMeeting> {
  const query = db.select().from(landMeetings).where(eq(landMeetings.id, meetingId))
  const [row] = lock ? await query.for(lock === 'update' ? 'update' : 'share') : await query
  if (!row) throw new AppError('not_found', '找不到这次会议')
  return row
}

export async function loadMotion(db: Db, motionId: string, lock?: 'update' | 'share'): Promise<LandMotion> {
  const query = db.select().from(landMotions).where(eq(landMotions.id, motionId))
  const [row] = lock ? await query.for(lock === 'update' ? 'update' : 'share') : await query
  if (!row) throw new AppError('not_found', '找不到这项表决')
  return row
}

export function meetingYear(meeting: LandMeeting): number {
  return Number(meeting.meetingDate.slice(0, 4))
}

/** 应到: adults 18+ of the village, its households, or its villager representatives. */
export async function electorateSize(db: Db, villageId: string, type: MeetingType, year: number): Promise<number> {
  if (type === 'assembly_households') {
    const [row] = await db.select({ n: count() }).from(households).where(eq(households.villageId, villageId))
    return row?.n ?? 0
  }
  if (type === 'representatives') {
    const [row] = await db
      .select({ n: sql<number>`count(distinct ${memberships.personId})`.mapWith(Number) })
      .from(memberships)
      .where(and(eq(memberships.villageId, villageId), eq(memberships.role, 'villager_rep')))
    return row?.n ?? 0
  }
  const [row] = await db
    .select({ n: count() })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(and(eq(households.villageId, villageId), lte(people.birthYear, year - 18)))
  return row?.n ?? 0
}

export interface Voter {
  personId: string
  householdId: string | null
  name: string
}

/**
 * May this person take part in this meeting? Members of the village only; adults for an assembly,
 * household representatives for its household form, villager representatives for their meeting.
 */
export async function requireEligible(db: Db, meeting: LandMeeting, personId: string): Promise<Voter> {
  const [person] = await db.select().from(people).where(eq(people.id, personId))
  if (!person) throw new AppError('not_found', '找不到这位村民')
  const roles = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.villageId, meeting.villageId)))
  refuseIneligible(
    meeting,
    person.birthYear,
    roles.map((row) => row.role),
  )
  return { personId, householdId: person.householdId, name: person.name }
}

export function refuseIneligible(meeting: Pick<LandMeeting, 'type' | 'meetingDate'>, birthYear: number, rolesInVillage: readonly Role[]): void {
  const refusal = eligibilityRefusal(meeting.type, Number(meeting.meetingDate.slice(0, 4)), { birthYear, rolesInVillage })
  if (refusal) throw new AppError(refusal.code, 'message' in refusal ? refusal.message : undefined)
}

export async function presentCount(db: Db, meetingId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(landAttendance).where(eq(landAttendance.meetingId, meetingId))
  return row?.n ?? 0
}

export async function isPresent(db: Db, meetingId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ personId: landAttendance.personId })
    .from(landAttendance)
    .where(and(eq(landAttendance.meetingId, meetingId), eq(landAttendance.personId, personId)))
  return Boolean(row)
}

/**
 * Records attendance once per person, and once per household in the household form. Returns
 * whether a row was added; a repeated check-in changes nothing. The household rule is the unique
 * key land_attendance_household_once (the trigger fills the household in): two representatives
 * of one household checking in at the same moment cannot both be counted.
 */
export async function recordAttendance(db: Db, meeting: LandMeeting, voter: Voter, method: AttendanceMethod, recordedBy: string): Promise<boolean> {
  const inserted = await db
    .insert(landAttendance)
    .values({ meetingId: meeting.id, personId: voter.personId, householdId: voter.householdId, method, recordedBy })
    .onConflictDoNothing()
    .returning({ personId: landAttendance.personId })
  if (inserted.length > 0) return true
  // Nothing inserted: either this person is already here, or another of the household is.
  if (await isPresent(db, meeting.id, voter.personId)) return false
  throw new AppError('land_household_already_present')
}

export async function computeTally(db: Db, motion: LandMotion, meeting: LandMeeting): Promise<Tally> {
  // Counted in the database: a 2,000-person hall should not ship 2,000 rows to be counted here.
  const grouped = await db
    .select({ choice: landVotes.choice, n: count(), assisted: sql<number>`count(*) filter (where ${landVotes.assisted})`.mapWith(Number) })
    .from(landVotes)
    .where(eq(landVotes.motionId, motion.id))
    .groupBy(landVotes.choice)
  const hands =
    motion.handsFor === null || motion.handsAgainst === null || motion.handsAbstain === null
      ? null
      : { for: motion.handsFor, against: motion.handsAgainst, abstain: motion.handsAbstain }
  // One after another: inside a transaction (closing a motion) they share one connection.
  const eligible = await electorateSize(db, meeting.villageId, meeting.type, meetingYear(meeting))
  const present = await presentCount(db, meeting.id)
  return tallyMotion({
    type: meeting.type,
    eligible,
    present,
    app: {
      for: grouped.find((row) => row.choice === 'for')?.n ?? 0,
      against: grouped.find((row) => row.choice === 'against')?.n ?? 0,
      abstain: grouped.find((row) => row.choice === 'abstain')?.n ?? 0,
    },
    hands,
    assisted: grouped.reduce((sum, row) => sum + row.assisted, 0),
  })
}

/**
 * The households' labels as one list shows them (shared/people.ts): 组 and 户号 first, and never two
 * alike among the ids given — a notice or a history line names each household once and distinctly.
 */
export async function householdLabels(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const faces = await householdFaces(db, ids)
  return new Map([...faces].map(([id, face]) => [id, face.label]))
}

export function requireYearOpen(year: LandAwardYear): void {
  if (year.status === 'locked') throw new AppError('land_result_locked')
  if (year.status === 'published') throw new AppError('land_nomination_closed', '今年的结果已经公示，不能再更改')
}

/**
 * The awards a notice names, in rank order, each with its planned parcels; the year is then
 * published. Shared by a first publication and a correction, which differ only in the notice.
 */
export async function recordAwards(db: Db, noticeId: string, year: LandAwardYear, householdIds: readonly string[], pool: readonly ParcelArea[]): Promise<void> {
  const { plan } = planParcels(householdIds, pool, year.perHouseholdTenthMu)
  if (householdIds.length > 0) {
    await db.insert(landAwards).values(
      householdIds.map((householdId, index) => ({
        noticeId,
        awardYearId: year.id,
        householdId,
        rank: index + 1,
        tenthMu: year.perHouseholdTenthMu,
        plannedParcelIds: plan.get(householdId) ?? [],
      })),
    )
  }
  await db.update(landAwardYears).set({ status: 'published' }).where(eq(landAwardYears.id, year.id))
}

/**
 * Each household's label (told apart from the others given, shared/people.ts), its 组 and 户号, its
 * head by name and birth year, and how many people it has: what tells namesakes apart.
 */
export async function householdFaces(db: Db, ids: readonly string[]): Promise<Map<string, HouseholdFace>> {
  if (ids.length === 0) return new Map()
  const head = alias(people, 'head')
  const rows = await db
    .select({
      id: households.id,
      label: households.label,
      group: households.group,
      houseNumber: households.houseNumber,
      headName: head.name,
      headBirthYear: head.birthYear,
      // Spelled out: drizzle may render a bare "id" here, which the subquery would read as its own.
      memberCount: sql<number>`(select count(*)::int from people m where m.household_id = "households"."id")`,
    })
    .from(households)
    .leftJoin(head, eq(head.id, households.headPersonId))
    .where(inArray(households.id, [...new Set(ids)]))
    .orderBy(households.id)
  const labels = labelHouseholds(rows)
  return new Map(rows.map(({ id, ...row }, index) => [id, { ...row, label: labels[index] ?? row.label, memberCount: Number(row.memberCount) }]))
}

export interface HouseholdFace {
  /** The label to show (组 and 户号 first, distinct within the list asked for). */
  label: string
  group: string | null
  houseNumber: string | null
  headName: string | null
  headBirthYear: number | null
  memberCount: number
}

/**
 * The notice rule (Art. 21) for a meeting called, or moved, today: refused in words, or the days of
 * notice given. Calling and postponing share it, so a postponement cannot shorten the notice.
 */
export function requireMeetingNotice(noticeDate: string, meetingDate: string, urgentReason: string | null | undefined): number {
  const check = checkMeetingNotice(noticeDate, meetingDate, urgentReason)
  if (check.ok) return check.days
  if (check.reason === 'in_past') throw new AppError('land_meeting_date_in_past')
  if (check.reason === 'too_far') throw new AppError('land_meeting_date_too_far', `会议日期最多只能定到${latestMeetingDate(noticeDate)}，请核对日期`)
  throw new AppError('land_meeting_notice_too_short', `距会议只有${check.days}天。村民会议应当提前十天通知；如确需紧急召开，请写明紧急事由`)
}

/** Motions of a meeting, by status only: whether voting has started. */
export async function motionStatuses(db: Db, meetingId: string): Promise<{ status: LandMotion['status'] }[]> {
  return db.select({ status: landMotions.status }).from(landMotions).where(eq(landMotions.meetingId, meetingId))
}
