import { createHash } from 'node:crypto'
import { and, asc, eq, gte, inArray, lt, ne, or, sql } from 'drizzle-orm'
import { appendAudit } from '../../db/audit'
import type { Db } from '../../db/client'
import { gardenPointsLedger, gardenPointsRules, gardenReminders, gardenShifts, gardenSignups, gardenSwaps, memberships, people } from '../../db/schema'
import type { GardenDutyRow, GardenShiftRow, GardenSignupRow } from '../../db/schema/garden'
import { AppError } from '../../shared/errors'
import {
  cancelShiftVerdict,
  defaultPointsRule,
  placeHoldingStatuses,
  placesLeft,
  pointsForShift,
  signUpRefusal,
  withdrawalVerdict,
  type DutyPattern,
  type DutySchedule,
  type Duty,
  type PointsRule,
  type Shift,
  type WithdrawResult,
  type WithdrawWay,
} from '../../shared/garden'
import { localDateKey, localToEpochMinutes, toEpochMinutes } from '../../shared/time'

/** Who runs the garden: its stewards (菜园主理人). */

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
  const query = db
    .select()
    .from(gardenShifts)
    .where(and(eq(gardenShifts.id, shiftId), eq(gardenShifts.villageId, villageId)))
  const [shift] = lock ? await query.for('update') : await query
  if (!shift) throw new AppError('not_found', '找不到这个班次')
  return shift
}

export async function loadSignup(db: Db, villageId: string, signupId: string, lock = false): Promise<{ signup: GardenSignupRow; shift: GardenShiftRow }> {
  const query = db
    .select()
    .from(gardenSignups)
    .where(and(eq(gardenSignups.id, signupId), eq(gardenSignups.villageId, villageId)))
  const [signup] = lock ? await query.for('update') : await query
  if (!signup) throw new AppError('not_found', '找不到这条报名')
  const shift = await loadShift(db, villageId, signup.shiftId, lock)
  return { signup, shift }
}

/** A person's live bookings (places they hold: not a no-show, not withdrawn) on shifts overlapping [from, to). */
export async function bookingsOf(db: Db, villageId: string, personId: string, from?: Date, to?: Date) {
  const rows = await db
    .select({ shiftId: gardenShifts.id, startsAt: gardenShifts.startsAt, endsAt: gardenShifts.endsAt })
    .from(gardenSignups)
    .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
    .where(
      and(
        eq(gardenSignups.villageId, villageId),
        eq(gardenSignups.personId, personId),
        inArray(gardenSignups.status, placeHoldingStatuses),
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

/**
 * Marks a sign-up done with the minutes it is credited (shared creditedMinutes) and books the
 * points those minutes earn, in the caller's transaction after it locked the sign-up. The update
 * is guarded by the status the caller decided on, so a concurrent settlement cannot be doubled.
 */
export async function completeShift(
  db: Db,
  done: { signup: GardenSignupRow; shift: GardenShiftRow; actorPersonId: string; doneAt: Date; creditedMinutes: number; reason: string | null },
): Promise<number> {
  const updated = await db
    .update(gardenSignups)
    .set({ status: 'done', doneAt: done.doneAt, creditedMinutes: done.creditedMinutes, doneBy: done.actorPersonId, doneReason: done.reason })
    .where(and(eq(gardenSignups.id, done.signup.id), eq(gardenSignups.status, done.signup.status)))
    .returning({ id: gardenSignups.id })
  if (updated.length !== 1) throw new AppError('conflict')
  return awardShiftPoints(db, done.signup, done.shift, done.actorPersonId, done.creditedMinutes)
}

/** Books the points a completed shift earns; the partial unique index makes a second award a no-op. */
async function awardShiftPoints(db: Db, signup: GardenSignupRow, shift: GardenShiftRow, actorPersonId: string, minutes: number): Promise<number> {
  const rule = await pointsRuleOf(db, signup.villageId)
  const span = shiftSpan(shift)
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
    // A place given back is history, not someone on the shift.
    .where(
      and(
        inArray(
          gardenSignups.shiftId,
          shifts.map((s) => s.id),
        ),
        ne(gardenSignups.status, 'withdrawn'),
      ),
    )
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
    cancelledAt: s.cancelled ? (s.cancelledAt?.toISOString() ?? null) : null,
    cancelReason: s.cancelled ? s.cancelReason : null,
    people: byShift.get(s.id) ?? [],
  }))
}

/**
 * Minutes served per person in the village: the minutes credited to their completed shifts (time
 * actually worked, or the whole shift a steward confirmed), never the shifts' nominal lengths.
 * The fair roster, the points board and the garden home all count these.
 */
export async function minutesServedBy(db: Db, villageId: string, personIds?: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({
      personId: gardenSignups.personId,
      minutes: sql<number>`coalesce(sum(${gardenSignups.creditedMinutes}), 0)`.mapWith(Number),
    })
    .from(gardenSignups)
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
    .where(and(eq(gardenSignups.shiftId, shift.id), inArray(gardenSignups.status, placeHoldingStatuses)))
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

/**
 * Where a person's reminders are listed (reminders joined to their sign-up and shift): only those
 * that still apply — not for a place given back, not for a shift called off.
 */
export function remindersStillDue(villageId: string, personId: string) {
  return and(
    eq(gardenReminders.villageId, villageId),
    eq(gardenReminders.personId, personId),
    eq(gardenShifts.cancelled, false),
    // A day-before reminder holds while the place is still theirs (not given back, not given to
    // someone else); a reassignment notice is about the place they lost.
    or(eq(gardenReminders.kind, 'reassigned'), and(ne(gardenSignups.status, 'withdrawn'), eq(gardenSignups.personId, gardenReminders.personId))),
  )
}

/** Free places on a shift, counted inside the caller's transaction (after its locks). */
export async function freePlaces(db: Db, shift: Pick<GardenShiftRow, 'id' | 'capacity'>): Promise<number> {
  const rows = await db.select({ status: gardenSignups.status }).from(gardenSignups).where(eq(gardenSignups.shiftId, shift.id))
  return placesLeft(
    shift.capacity,
    rows.map((r) => r.status),
  )
}

/**
 * Gives a place back: the volunteer withdraws (`via: 'self'`) or a steward takes them off. Takes
 * the locks sign-up takes, in the same order — the holder's person row, then the sign-up and its
 * shift — so a withdrawal racing a sign-up for the last place is counted before or after it, never
 * half-way. The row stays, marked withdrawn with who, when and why; a pending swap of the place
 * is cancelled. A second call finds it withdrawn and changes nothing. No points move.
 */
export async function releasePlace(
  db: Db,
  release: { villageId: string; signupId: string; actorPersonId: string; via: Exclude<WithdrawWay, 'shift_cancelled'>; reason: string | null },
): Promise<WithdrawResult> {
  const { signup: seen } = await loadSignup(db, release.villageId, release.signupId)
  if (release.via === 'self' && seen.personId !== release.actorPersonId) throw new AppError('garden_not_your_shift', '这不是您的班，只能取消自己的报名')
  await lockPeople(db, [seen.personId])
  const { signup, shift } = await loadSignup(db, release.villageId, release.signupId, true)
  // A swap may have moved the place between the first read and the lock.
  if (signup.personId !== seen.personId) {
    throw release.via === 'self' ? new AppError('garden_not_your_shift', '这个班已经换给别人了') : new AppError('conflict')
  }
  const result = { signupId: signup.id, shiftId: shift.id, personId: signup.personId, status: 'withdrawn' as const }
  const verdict = withdrawalVerdict({
    by: release.via,
    status: signup.status,
    shift: { ...shiftSpan(shift), cancelled: shift.cancelled },
    nowMin: nowMinutes(),
  })
  if (verdict.kind === 'refused') throw new AppError(verdict.code)
  if (verdict.kind === 'already') {
    return { ...result, withdrawnAt: (signup.withdrawnAt ?? new Date()).toISOString(), placesLeft: await freePlaces(db, shift), alreadyWithdrawn: true }
  }
  const withdrawnAt = new Date()
  const updated = await db
    .update(gardenSignups)
    .set({ status: 'withdrawn', withdrawnAt, withdrawnBy: release.actorPersonId, withdrawnVia: release.via, withdrawnReason: release.reason })
    .where(and(eq(gardenSignups.id, signup.id), eq(gardenSignups.status, 'booked')))
    .returning({ id: gardenSignups.id })
  if (updated.length !== 1) throw new AppError('conflict')
  const swaps = await db
    .update(gardenSwaps)
    .set({ status: 'cancelled', decidedBy: release.actorPersonId, decidedAt: withdrawnAt })
    .where(and(eq(gardenSwaps.signupId, signup.id), eq(gardenSwaps.status, 'pending')))
    .returning({ id: gardenSwaps.id })
  const left = await freePlaces(db, shift)
  await appendAudit(db, {
    villageId: release.villageId,
    actorPersonId: release.actorPersonId,
    action: release.via === 'self' ? 'garden.shift.withdrawn' : 'garden.roster.removed',
    subjectType: 'garden_signup',
    subjectId: signup.id,
    payload: { shiftId: shift.id, personId: signup.personId, reason: release.reason, placesLeft: left, swapsCancelled: swaps.map((w) => w.id) },
  })
  return { ...result, withdrawnAt: withdrawnAt.toISOString(), placesLeft: left, alreadyWithdrawn: false }
}

/**
 * Calls a shift off (rain, a holiday). Locks the shift's sign-ups, then the shift — the order
 * check-in and withdrawal use — so nobody can book, check in or withdraw half-way through. Every
 * live place is released (withdrawn, via 'shift_cancelled'), which also stops its reminders: they
 * are only made for booked places on shifts not cancelled. A second call changes nothing.
 */
export async function cancelShift(
  db: Db,
  cancel: { villageId: string; shiftId: string; actorPersonId: string; reason: string },
): Promise<{ shiftId: string; cancelledAt: string; reason: string; released: number; alreadyCancelled: boolean }> {
  // Existence first (not found without locking anything), then the locks in order.
  await loadShift(db, cancel.villageId, cancel.shiftId)
  await db.select({ id: gardenSignups.id }).from(gardenSignups).where(eq(gardenSignups.shiftId, cancel.shiftId)).orderBy(asc(gardenSignups.id)).for('update')
  const shift = await loadShift(db, cancel.villageId, cancel.shiftId, true)
  const verdict = cancelShiftVerdict({ shift: { startMin: shiftSpan(shift).startMin, cancelled: shift.cancelled }, nowMin: nowMinutes() })
  if (verdict.kind === 'refused') throw new AppError(verdict.code)
  if (verdict.kind === 'already') {
    return {
      shiftId: shift.id,
      cancelledAt: (shift.cancelledAt ?? new Date()).toISOString(),
      reason: shift.cancelReason ?? '',
      released: 0,
      alreadyCancelled: true,
    }
  }
  const cancelledAt = new Date()
  await db
    .update(gardenShifts)
    .set({ cancelled: true, cancelledAt, cancelledBy: cancel.actorPersonId, cancelReason: cancel.reason })
    .where(eq(gardenShifts.id, shift.id))
  // Booked or checked in early: every place still held before the start (done and no-show cannot
  // happen before it). Read-committed: a sign-up that committed while we waited is included.
  const released = await db
    .update(gardenSignups)
    .set({ status: 'withdrawn', withdrawnAt: cancelledAt, withdrawnBy: cancel.actorPersonId, withdrawnVia: 'shift_cancelled', withdrawnReason: cancel.reason })
    .where(and(eq(gardenSignups.shiftId, shift.id), inArray(gardenSignups.status, ['booked', 'checked_in'])))
    .returning({ id: gardenSignups.id, personId: gardenSignups.personId })
  const swaps =
    released.length === 0
      ? []
      : await db
          .update(gardenSwaps)
          .set({ status: 'cancelled', decidedBy: cancel.actorPersonId, decidedAt: cancelledAt })
          .where(
            and(
              inArray(
                gardenSwaps.signupId,
                released.map((r) => r.id),
              ),
              eq(gardenSwaps.status, 'pending'),
            ),
          )
          .returning({ id: gardenSwaps.id })
  await appendAudit(db, {
    villageId: cancel.villageId,
    actorPersonId: cancel.actorPersonId,
    action: 'garden.shift.cancelled',
    subjectType: 'garden_shift',
    subjectId: shift.id,
    payload: { reason: cancel.reason, released: released.map((r) => ({ signupId: r.id, personId: r.personId })), swapsCancelled: swaps.map((w) => w.id) },
  })
  return { shiftId: shift.id, cancelledAt: cancelledAt.toISOString(), reason: cancel.reason, released: released.length, alreadyCancelled: false }
}

/** A duty row as the shared rules see it (its pattern and when it runs). */
export const dutyPattern = (d: GardenDutyRow): DutyPattern & DutySchedule => ({
  id: d.id,
  weekdays: d.weekdays,
  startMinute: d.startMinute,
  durationMinutes: d.durationMinutes,
  paused: !d.active,
  seasons: d.seasons,
  activeFrom: d.activeFrom,
  activeUntil: d.activeUntil,
})

export const describeDuty = (d: GardenDutyRow): Duty => ({
  id: d.id,
  title: d.title,
  kind: d.kind,
  weekdays: d.weekdays,
  startMinute: d.startMinute,
  durationMinutes: d.durationMinutes,
  capacity: d.capacity,
  unpopular: d.unpopular,
  paused: !d.active,
  seasons: d.seasons,
  activeFrom: d.activeFrom,
  activeUntil: d.activeUntil,
})

/**
 * The id of a duty's shift starting at `startMin`: a name-based UUID (version 5 layout) of the
 * pair, so a previewed roster names the very shifts a commit creates.
 */
export function occurrenceId(dutyId: string, startMin: number): string {
  const hex = createHash('sha1').update(`garden-shift|${dutyId}|${startMin}`).digest('hex')
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`
}
