import { and, asc, eq, getTableName, gt, inArray, is, sql } from 'drizzle-orm'
import { PgTable } from 'drizzle-orm/pg-core'
import * as gardenTables from '../../../db/schema/garden'
import { vi } from 'vitest'
import { auditLog, gardenPointsLedger, gardenShifts, gardenSignups } from '../../../db/schema'
import { pointsResponse } from '../../../shared/garden'
import { localDateKey, localParts, toEpochMinutes } from '../../../shared/time'
import type { ApiHarness } from '../../harness/api'

export const STEWARD = '马淑兰'
export const STEWARD_2 = '白建军'
/** Plain residents of 41号院 with no garden role. */
export const VOLUNTEER = '张海涛'
export const VOLUNTEER_2 = '王丽娟'
export const VOLUNTEER_3 = '李永强'
/** A member of another village (高井嘎查), for cross-village checks. */
export const OUTSIDER = '青明'

const freed = new WeakSet<ApiHarness>()

/**
 * The demo roster books the test volunteers onto duties in the coming month (张海涛 keeps the gate
 * on Monday and Thursday evenings), so a test shift made at whatever hour the suite runs could
 * clash with one and be refused as an overlap. Once per database their places ahead are given
 * back, as they would give them back themselves, and a test's own shifts are all they hold.
 */
async function freeTestVolunteers(api: ApiHarness): Promise<void> {
  if (freed.has(api)) return
  freed.add(api)
  const people = await Promise.all([VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3].map((name) => api.personId(name)))
  const ahead = api.db.select({ id: gardenShifts.id }).from(gardenShifts).where(gt(gardenShifts.startsAt, new Date()))
  await api.db
    .update(gardenSignups)
    .set({ status: 'withdrawn', withdrawnAt: new Date(), withdrawnVia: 'self', withdrawnReason: '测试前让出' })
    .where(and(inArray(gardenSignups.personId, people), eq(gardenSignups.status, 'booked'), inArray(gardenSignups.shiftId, ahead)))
}

/**
 * A one-off shift starting `startInMin` minutes from now, inserted directly (routes create shifts
 * from duties). The test volunteers have nothing else booked ahead (see freeTestVolunteers).
 */
export async function makeShift(
  api: ApiHarness,
  options: { startInMin: number; lengthMin?: number; capacity?: number; unpopular?: boolean; title?: string; villageId?: string },
) {
  await freeTestVolunteers(api)
  const now = toEpochMinutes(new Date())
  const startsAt = new Date((now + options.startInMin) * 60_000)
  const endsAt = new Date(startsAt.getTime() + (options.lengthMin ?? 60) * 60_000)
  const [shift] = await api.db
    .insert(gardenShifts)
    .values({
      villageId: options.villageId ?? api.demo.caibei,
      title: options.title ?? '测试浇水',
      kind: 'watering',
      startsAt,
      endsAt,
      capacity: options.capacity ?? 2,
      unpopular: options.unpopular ?? false,
    })
    .returning()
  if (!shift) throw new Error('shift insert failed')
  return shift
}

/** Books a person directly (bypassing the "not yet started" rule), for shifts in the past. */
export async function bookDirect(api: ApiHarness, shiftId: string, personName: string, villageId = api.demo.caibei) {
  const [signup] = await api.db
    .insert(gardenSignups)
    .values({ villageId, shiftId, personId: await api.personId(personName), source: 'steward' })
    .returning()
  if (!signup) throw new Error('signup insert failed')
  return signup
}

export async function signupsOf(api: ApiHarness, shiftId: string) {
  return api.db.select().from(gardenSignups).where(eq(gardenSignups.shiftId, shiftId)).orderBy(asc(gardenSignups.createdAt))
}

export async function auditActions(api: ApiHarness, subjectId: string): Promise<string[]> {
  const rows = await api.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, subjectId)))
    .orderBy(asc(auditLog.seq))
  return rows.map((r) => r.action)
}

export async function auditCount(api: ApiHarness, villageId: string): Promise<number> {
  return (await api.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.villageId, villageId))).length
}

/** "YYYY-MM" of the local month after the current one. */
export function nextMonthKey(): string {
  const p = localParts(toEpochMinutes(new Date()))
  const year = p.month === 12 ? p.year + 1 : p.year
  const month = p.month === 12 ? 1 : p.month + 1
  return `${year}-${String(month).padStart(2, '0')}`
}

export const todayKey = () => localDateKey(toEpochMinutes(new Date()))

/**
 * Runs the handlers as if it were `at` (only Date moves; timers and the database keep real time),
 * so a test can check in before a shift and finish inside it without waiting. Issue tokens first.
 */
export function clockAt(at: Date | number): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true })
  vi.setSystemTime(at)
}
export const realClock = () => vi.useRealTimers()

/** What a person has earned: their ledger rows, and the points and hours the app and roster show. */
export async function earnings(api: ApiHarness, name: string, token: string) {
  const personId = await api.personId(name)
  const ledger = await api.db.select().from(gardenPointsLedger).where(eq(gardenPointsLedger.personId, personId)).orderBy(asc(gardenPointsLedger.id))
  const summary = pointsResponse.parse((await api.call('GET', '/api/garden/points/summary', { token, query: { villageId: api.demo.caibei } })).body)
  return { ledger, points: summary.me.points, minutesServed: summary.me.minutesServed, shiftsDone: summary.me.shiftsDone }
}

/** Row counts of every garden table and the village's audit entries: what "nothing changed" compares. */
export async function gardenSnapshot(api: ApiHarness, villageId = api.demo.caibei): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  const tables = Object.values(gardenTables).flatMap((t: unknown) => (is(t, PgTable) ? [t] : []))
  for (const table of tables) {
    counts[getTableName(table)] = (await api.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table))[0]?.n ?? 0
  }
  counts.audit = await auditCount(api, villageId)
  return counts
}
