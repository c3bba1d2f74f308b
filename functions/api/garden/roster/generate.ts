import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenAvailability, gardenDuties, gardenShifts, gardenSignups, people } from '../../../../db/schema'
import type { GardenShiftRow } from '../../../../db/schema/garden'
import { AppError } from '../../../../shared/errors'
import {
  dutyActiveOn,
  expandDuties,
  holdsPlace,
  generateRoster,
  generateRosterInput,
  rosterResponse,
  shortReasonLabels,
  type BusyInterval,
  type RosterShift,
  type RosterVolunteer,
  type WeeklyWindow,
} from '../../../../shared/garden'
import { localDateKey, localParts } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { dutyPattern, lockPeople, occurrenceId, minutesServedBy, monthRange, nowMinutes, shiftSpan } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

const DAY = 24 * 3600_000

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/roster/generate',
  summary: '主理人按大家有空的时间自动排下个月的班（commit=false 只预览）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: generateRosterInput,
  response: rosterResponse,
  errors: ['forbidden', 'not_member_of_village'],
  handler: async ({ db, session, body }) => {
    const range = monthRange(body.month)
    const today = localParts(nowMinutes())
    const ahead = (range.year - today.year) * 12 + (range.month - today.month)
    if (ahead < 0 || ahead > 12) {
      throw new AppError('validation_failed', '只能排本月到一年以内的值班', [{ path: 'month', message: '月份超出范围' }])
    }

    // 1. The month's shifts from the duties active on each day. A preview writes nothing: shifts
    // not made yet are proposed with the id a commit will give them (derived from duty and start),
    // so what the steward reviewed is what gets committed.
    const duties = await db.select().from(gardenDuties).where(eq(gardenDuties.villageId, body.villageId))
    const dutyById = new Map(duties.map((d) => [d.id, d]))
    const occurrences = expandDuties(duties.map(dutyPattern), range.year, range.month)
    const window = and(
      eq(gardenShifts.villageId, body.villageId),
      gte(gardenShifts.startsAt, new Date(range.from.getTime() - DAY)),
      lt(gardenShifts.startsAt, new Date(range.to.getTime() + DAY)),
    )
    const toShiftRow = (o: (typeof occurrences)[number]) => {
      const duty = dutyById.get(o.dutyId)
      return {
        id: occurrenceId(o.dutyId, o.startMin),
        villageId: body.villageId,
        dutyId: o.dutyId,
        title: duty?.title ?? '值班',
        kind: duty?.kind ?? ('watering' as const),
        startsAt: new Date(o.startMin * 60_000),
        endsAt: new Date(o.endMin * 60_000),
        capacity: duty?.capacity ?? 1,
        unpopular: duty?.unpopular ?? false,
      }
    }
    let created: { id: string }[] = []
    let proposed: GardenShiftRow[] = []
    if (body.commit) {
      // Insert first: a concurrent commit of the same month waits here, then finds them made.
      created =
        occurrences.length === 0
          ? []
          : await db.insert(gardenShifts).values(occurrences.map(toShiftRow)).onConflictDoNothing().returning({ id: gardenShifts.id })
      if (created.length > 0) {
        await appendAudit(db, {
          villageId: body.villageId,
          actorPersonId: session.personId,
          action: 'garden.shifts.created',
          subjectType: 'garden_month',
          subjectId: body.month,
          payload: { count: created.length },
        })
      }
    } else {
      // Any occurrence already made (even one called off) is not proposed again.
      const made = new Set(
        (await db.select({ dutyId: gardenShifts.dutyId, startsAt: gardenShifts.startsAt }).from(gardenShifts).where(window)).map(
          (r) => `${r.dutyId}|${r.startsAt.getTime()}`,
        ),
      )
      proposed = occurrences
        .filter((o) => !made.has(`${o.dutyId}|${o.startMin * 60_000}`))
        .map((o) => ({ ...toShiftRow(o), cancelled: false, cancelledAt: null, cancelledBy: null, cancelReason: null, createdAt: new Date() }))
    }

    // 2. Volunteers: everyone who has told us when they are free.
    const windows = await db.select().from(gardenAvailability).where(eq(gardenAvailability.villageId, body.villageId))
    const byPerson = new Map<string, WeeklyWindow[]>()
    for (const w of windows)
      byPerson.set(w.personId, [...(byPerson.get(w.personId) ?? []), { weekday: w.weekday, startMinute: w.startMinute, endMinute: w.endMinute }])
    const personIds = [...byPerson.keys()].sort()
    if (body.commit) await lockPeople(db, personIds)
    const served = await minutesServedBy(db, body.villageId, personIds)
    const volunteers: RosterVolunteer[] = personIds.map((personId) => ({
      personId,
      servedMinutes: served.get(personId) ?? 0,
      availability: byPerson.get(personId) ?? [],
    }))

    // 3. Shifts of the month still ahead, locked when committing; neighbouring ones only block.
    const now = nowMinutes()
    const shiftQuery = db
      .select()
      .from(gardenShifts)
      .where(and(window, eq(gardenShifts.cancelled, false)))
      .orderBy(asc(gardenShifts.id))
    const existing = body.commit ? await shiftQuery.for('update') : await shiftQuery
    const shiftRows = [...existing, ...proposed]
    const signups =
      existing.length === 0
        ? []
        : await db
            .select({ shiftId: gardenSignups.shiftId, personId: gardenSignups.personId, status: gardenSignups.status })
            .from(gardenSignups)
            .where(
              inArray(
                gardenSignups.shiftId,
                existing.map((s) => s.id),
              ),
            )
    const live = signups.filter((s) => holdsPlace(s.status))
    const rosterShifts: RosterShift[] = []
    const busy: BusyInterval[] = []
    for (const shift of shiftRows) {
      const span = shiftSpan(shift)
      const booked = live.filter((s) => s.shiftId === shift.id).map((s) => s.personId)
      // Someone who gave this place back (ill, or taken off by a steward) is not put back on it.
      const declined = signups.filter((s) => s.shiftId === shift.id && s.status === 'withdrawn').map((s) => s.personId)
      const inMonth = shift.startsAt >= range.from && shift.startsAt < range.to && span.startMin > now
      // A shift made before its duty was paused or put out of season is not filled (the steward
      // calls it off); the people already on it stay and are busy then.
      const duty = shift.dutyId ? dutyById.get(shift.dutyId) : undefined
      const dutyOff = duty !== undefined && !dutyActiveOn(dutyPattern(duty), localDateKey(span.startMin))
      if (inMonth && !dutyOff) rosterShifts.push({ id: shift.id, ...span, capacity: shift.capacity, booked, declined })
      else for (const personId of booked) busy.push({ personId, ...span })
    }
    const result = generateRoster({ volunteers, shifts: rosterShifts, busy })

    if (body.commit && result.assignments.length > 0) {
      await db
        .insert(gardenSignups)
        .values(result.assignments.map((a) => ({ villageId: body.villageId, shiftId: a.shiftId, personId: a.personId, source: 'roster' as const })))
        .onConflictDoNothing()
      await appendAudit(db, {
        villageId: body.villageId,
        actorPersonId: session.personId,
        action: 'garden.roster.committed',
        subjectType: 'garden_month',
        subjectId: body.month,
        payload: { assignments: result.assignments, short: result.short.map((s) => ({ shiftId: s.shiftId, reason: s.reason, missing: s.missing })) },
      })
    }

    const names = new Map(
      personIds.length === 0
        ? []
        : (await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds))).map((p) => [p.id, p.name]),
    )
    const shiftById = new Map(shiftRows.map((s) => [s.id, s]))
    return {
      month: body.month,
      committed: body.commit,
      shiftsCreated: created.length,
      shiftsToCreate: body.commit ? created.length : proposed.length,
      assignments: result.assignments.map((a) => ({
        ...a,
        name: names.get(a.personId) ?? '',
        startsAt: shiftById.get(a.shiftId)?.startsAt.toISOString() ?? range.from.toISOString(),
        title: shiftById.get(a.shiftId)?.title ?? '',
      })),
      short: result.short.map((s) => ({
        ...s,
        title: shiftById.get(s.shiftId)?.title ?? '',
        startsAt: shiftById.get(s.shiftId)?.startsAt.toISOString() ?? range.from.toISOString(),
        reasonLabel: shortReasonLabels[s.reason],
      })),
      hours: personIds
        .map((personId) => ({ personId, name: names.get(personId) ?? '', minutes: result.minutesByPerson[personId] ?? 0 }))
        .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name, 'zh-CN')),
    }
  },
})

export const POST = toWebHandler(route)
