import { and, asc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { gardenPointsLedger, gardenPointsRules, gardenShifts, gardenSignups, memberships, people } from '../../../db/schema'
import type { GardenShiftRow, GardenSignupRow } from '../../../db/schema/garden'
import { AppError } from '../../../shared/errors'
import {
  defaultPointsRule,
  localDateKey,
  localToEpochMinutes,
  pointsForShift,
  signUpRefusal,
  toEpochMinutes,
  type PointsRule,
  type Shift,
} from '../../../shared/garden'
import type { Role } from '../../../shared/roles'
import { requireRole, type Session } from '../../lib/auth'

/** Who runs the garden: its stewards (菜园主理人). */
export const GARDEN_STEWARDS: readonly Role[] = ['garden_steward']

export const requireSteward = (session: Session, villageId: string) => requireRole(session, villageId, GARDEN_STEWARDS)
export const isSteward = (session: Session, villageId: string) => (session.roles.get(villageId) ?? []).includes('garden_steward')

export const nowMinutes = () => toEpochMinutes(new Date())

export function monthRange(month: string): { year: number; month: number; from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number)
  const year = y ?? 1970
  const mon = m ?? 1
  const from = new Date(localToEpochMinutes(year, mon, 1) * 60_000)
  const to = new Date(localToEpochMinutes(mon === 12 ? year + 1 : year, mon === 12 ? 1 : mon + 1, 1) * 60_000)
  return { year, month: mon, from, to }
}

export const shiftSpan = (shift: Pick<GardenShiftRow, 'startsAt' | 'endsAt'>) => ({
  startMin: toEpochMinutes(shift.startsAt),
  endMin: toEpochMinutes(shift.endsAt),
})

export async function isVillageMember(db: Db, villageId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.villageId, villageId), eq(memberships.personId, personId)))
    .limit(1)
  return Boolean(row)
}

/** Row locks, always people before shifts and each in id order, so concurrent writers never deadlock. */
export async function lockPeople(db: Db, personIds: readonly string[]): Promise<void> {
  const ids = [...new Set(personIds)].sort()
  if (ids.length === 0) return
  await db.select({ id: people.id }).from(people).where(inArray(people.id, ids)).orderBy(asc(people.id)).for('update')
}

export async function loadShift(db: Db, villageId: string, shiftId: string, lock = false): Promise<GardenShiftRow> {
  const query = db.select().from(gardenShifts).where(and(eq(gardenShifts.id, shiftId), eq(gardenShifts.villageId, villageId)))
  const [shift] = lock ? await query.for('update') : await query
  if (!shift) throw new AppError('not_found', '找不到这个班次')
  return shift
}

export async function loadSignup(db: Db, villageId: string, signupId: string, lock = false): Promise<{ signup: GardenSignupRow; shift: GardenShiftRow }> {
  const query = db.select().from(gardenSignups).where(and(eq(gardenSignups.id, signupId), eq(gardenSignups.villageId, villageId)))
  const [signup] = lock ? await query.for('update') : await query
  if (!signup) throw new AppError('not_found', '找不到这条报名')
  const shift = await loadShift(db, villageId, signup.shiftId, lock)
  return { signup, shift }
}

/** A person's live bookings (anything but a no-show) on shifts overlapping [from, to). */
export async function bookingsOf(db: Db, villageId: string, personId: string, from?: Date, to?: Date) {
  const rows = await db
    .select({ shiftId: gardenShifts.id, startsAt: gardenShifts.startsAt, endsAt: gardenShifts.endsAt })
    .from(gardenSignups)
    .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
    .where(
      and(
        eq(gardenSignups.villageId, villageId),
        eq(gardenSignups.personId, personId),
        ne(gardenSignups.status, 'no_show'),
        eq(gardenShifts.cancelled, false),
        ...(from ? [gte(gardenShifts.endsAt, from)] : []),
        ...(to ? [lt(gardenShifts.startsAt, to)] : []),
      ),
    )
  return rows.map((r) => ({ shiftId: r.shiftId, ...shiftSpan(r) }))
}

export async function pointsRuleOf(db: Db, villageId: string): Promise<PointsRule> {
  const [rule] = await db.select().from(gardenPointsRules).where(eq(gardenPointsRules.villageId, villageId))
  return rule ? { pointsPerHour: rule.pointsPerHour, unpopularPercent: rule.unpopularPercent } : defaultPointsRule
}

/** Books the points a completed shift earns; the partial unique index makes a second award a no-op. */
export async function awardShiftPoints(db: Db, signup: GardenSignupRow, shift: GardenShiftRow, actorPersonId: string): Promise<number> {
  const rule = await pointsRuleOf(db, signup.villageId)
  const span = shiftSpan(shift)
  const minutes = span.endMin - span.startMin
  const points = pointsForShift({ minutes, unpopular: shift.unpopular, outcome: 'done' }, rule)
  const inserted = await db
    .insert(gardenPointsLedger)
    .values({
      villageId: signup.villageId,
      personId: signup.personId,
      kind: 'shift',
      signupId: signup.id,
      minutes,
      points,
      reason: `${shift.title} ${localDateKey(span.startMin)}`,
      createdBy: actorPersonId,
    })
    .onConflictDoNothing()
    .returning({ points: gardenPointsLedger.points })
  return inserted[0]?.points ?? 0
}

/** Shifts with the people on them, for lists and the month view. */
export async function describeShifts(db: Db, shifts: readonly GardenShiftRow[]): Promise<Shift[]> {
  if (shifts.length === 0) return []
  const rows = await db
    .select({
      signupId: gardenSignups.id,
      shiftId: gardenSignups.shiftId,
      personId: gardenSignups.personId,
      name: people.name,
      status: gardenSignups.status,
      checkedInAt: gardenSignups.checkedInAt,
    })
    .from(gardenSignups)
    .innerJoin(people, eq(people.id, gardenSignups.personId))
    .where(inArray(gardenSignups.shiftId, shifts.map((s) => s.id)))
    .orderBy(asc(gardenSignups.createdAt), asc(gardenSignups.id))
  const byShift = new Map<string, Shift['people']>()
  for (const row of rows) {
    const list = byShift.get(row.shiftId) ?? []
    list.push({ signupId: row.signupId, personId: row.personId, name: row.name, status: row.status, checkedInAt: row.checkedInAt?.toISOString() ?? null })
    byShift.set(row.shiftId, list)
  }
  return shifts.map((s) => ({
    id: s.id,
    dutyId: s.dutyId,
    title: s.title,
    kind: s.kind,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    date: localDateKey(toEpochMinutes(s.startsAt)),
    capacity: s.capacity,
    unpopular: s.unpopular,
    people: byShift.get(s.id) ?? [],
  }))
}

/** Minutes of completed shifts per person in the village. */
export async function minutesServedBy(db: Db, villageId: string, personIds?: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({
      personId: gardenSignups.personId,
      minutes: sql<number>`coalesce(sum(extract(epoch from (${gardenShifts.endsAt} - ${gardenShifts.startsAt})) / 60), 0)`.mapWith(Number),
    })
    .from(gardenSignups)
    .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
    .where(
      and(
        eq(gardenSignups.villageId, villageId),
        eq(gardenSignups.status, 'done'),
        ...(personIds ? [inArray(gardenSignups.personId, personIds.length > 0 ? [...personIds] : ['00000000-0000-0000-0000-000000000000'])] : []),
      ),
    )
    .groupBy(gardenSignups.personId)
  return new Map(rows.map((r) => [r.personId, Math.round(r.minutes)]))
}

/**
 * Books a person onto a shift after the caller has locked the person's row: the shift row is
 * locked next, so concurrent bookings for the last place count only after the winner commits.
 * Shared by a volunteer's own sign-up and a steward's assignment; the same refusals apply to both.
 */
export async function bookShift(
  db: Db,
  booking: { villageId: string; shiftId: string; personId: string; source: 'self' | 'steward' },
): Promise<{ shift: GardenShiftRow; signup: GardenSignupRow }> {
  const shift = await loadShift(db, booking.villageId, booking.shiftId, true)
  const [taken] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(gardenSignups)
    .where(and(eq(gardenSignups.shiftId, shift.id), ne(gardenSignups.status, 'no_show')))
  const mine = await bookingsOf(db, booking.villageId, booking.personId, shift.startsAt, shift.endsAt)
  const refusal = signUpRefusal({
    shift: { id: shift.id, ...shiftSpan(shift), capacity: shift.capacity, cancelled: shift.cancelled },
    filled: taken?.n ?? 0,
    alreadyOnShift: mine.some((m) => m.shiftId === shift.id),
    mine,
    nowMin: nowMinutes(),
  })
  if (refusal) throw new AppError(refusal)
  const [signup] = await db
    .insert(gardenSignups)
    .values({ villageId: booking.villageId, shiftId: shift.id, personId: booking.personId, source: booking.source })
    .onConflictDoNothing()
    .returning()
  if (!signup) throw new AppError('garden_already_signed_up')
  return { shift, signup }
}
