import { and, asc, eq, gte, inArray, isNotNull, ne, sql } from 'drizzle-orm'
import { gardenPointsLedger, gardenReminders, gardenShifts, gardenSignups, gardenSwaps } from '../../../db/schema'
import { CHECK_IN_CLOSES_AFTER_MIN, gardenVillageQuery, overviewResponse, seasonOf, type ReleaseWay } from '../../../shared/garden'

import { defineRoute, toWebHandler } from '../../lib/route'
import { describeShifts, minutesServedBy, nowMinutes, remindersStillDue } from '../../queries/garden'
import { hasAnyRole, gardenStewards } from '../../../shared/roles'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/overview',
  summary: '菜园首页：我接下来的班、我的时长和积分、提醒',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: overviewResponse,
  errors: ['not_member_of_village'],
  handler: async ({ callerRoles, db, session, query }) => {
    const now = nowMinutes()
    const season = seasonOf(now)
    // Shifts stay on the list until check-in closes, so a late arrival can still check in.
    const since = new Date((now - CHECK_IN_CLOSES_AFTER_MIN) * 60_000)
    const mine = await db
      .select({ shift: gardenShifts, signupId: gardenSignups.id, status: gardenSignups.status })
      .from(gardenSignups)
      .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
      .where(
        and(
          eq(gardenSignups.villageId, query.villageId),
          eq(gardenSignups.personId, session.personId),
          inArray(gardenSignups.status, ['booked', 'checked_in']),
          eq(gardenShifts.cancelled, false),
          gte(gardenShifts.endsAt, since),
        ),
      )
      .orderBy(asc(gardenShifts.startsAt))
      .limit(12)
    const described = await describeShifts(
      db,
      mine.map((m) => m.shift),
    )
    const upcoming = described.map((shift, i) => ({ ...shift, mySignupId: mine[i]?.signupId ?? '', myStatus: mine[i]?.status ?? 'booked' }))
    const [points] = await db
      .select({ total: sql<number>`coalesce(sum(${gardenPointsLedger.points}), 0)`.mapWith(Number) })
      .from(gardenPointsLedger)
      .where(and(eq(gardenPointsLedger.villageId, query.villageId), eq(gardenPointsLedger.personId, session.personId)))
    const minutes = await minutesServedBy(db, query.villageId, [session.personId])
    const [pending] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(gardenSwaps)
      .where(and(eq(gardenSwaps.villageId, query.villageId), eq(gardenSwaps.toPersonId, session.personId), eq(gardenSwaps.status, 'pending')))
    const reminders = await db
      .select()
      .from(gardenReminders)
      .innerJoin(gardenShifts, eq(gardenShifts.id, gardenReminders.shiftId))
      .innerJoin(gardenSignups, eq(gardenSignups.id, gardenReminders.signupId))
      .where(and(remindersStillDue(query.villageId, session.personId), gte(gardenShifts.endsAt, since)))
      .orderBy(asc(gardenShifts.startsAt))
      .limit(10)
    // Places of mine still ahead that a steward took back or that were called off: say so, and why.
    const released = await db
      .select({
        signupId: gardenSignups.id,
        shiftId: gardenShifts.id,
        title: gardenShifts.title,
        startsAt: gardenShifts.startsAt,
        via: gardenSignups.withdrawnVia,
        reason: gardenSignups.withdrawnReason,
      })
      .from(gardenSignups)
      .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
      .where(
        and(
          eq(gardenSignups.villageId, query.villageId),
          eq(gardenSignups.personId, session.personId),
          eq(gardenSignups.status, 'withdrawn'),
          isNotNull(gardenSignups.withdrawnVia),
          ne(gardenSignups.withdrawnVia, 'self'),
          gte(gardenShifts.startsAt, new Date(now * 60_000)),
        ),
      )
      .orderBy(asc(gardenShifts.startsAt))
      .limit(10)
    // Places still ahead a steward gave to someone else: the swap row keeps who lost it and why.
    const reassigned = await db
      .select({
        signupId: gardenSwaps.signupId,
        shiftId: gardenShifts.id,
        title: gardenShifts.title,
        startsAt: gardenShifts.startsAt,
        reason: gardenSwaps.reason,
      })
      .from(gardenSwaps)
      .innerJoin(gardenSignups, eq(gardenSignups.id, gardenSwaps.signupId))
      .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
      .where(
        and(
          eq(gardenSwaps.villageId, query.villageId),
          eq(gardenSwaps.fromPersonId, session.personId),
          eq(gardenSwaps.status, 'reassigned'),
          // Given back to me later: I hold it again, nothing to tell.
          ne(gardenSignups.personId, session.personId),
          eq(gardenShifts.cancelled, false),
          gte(gardenShifts.startsAt, new Date(now * 60_000)),
        ),
      )
      .orderBy(asc(gardenShifts.startsAt))
      .limit(10)
    const notices = [
      ...released.flatMap((r) =>
        r.via ? [{ signupId: r.signupId, shiftId: r.shiftId, title: r.title, startsAt: r.startsAt, via: r.via as ReleaseWay, reason: r.reason }] : [],
      ),
      ...reassigned.map((r) => ({ ...r, via: 'reassigned' as const })),
    ]
      .filter((n, i, all) => all.findIndex((m) => m.signupId === n.signupId && m.via === n.via) === i)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    return {
      season: { key: season.key, label: season.label, season: season.season },
      isSteward: hasAnyRole(callerRoles, gardenStewards),
      upcoming,
      minutesServed: minutes.get(session.personId) ?? 0,
      points: points?.total ?? 0,
      pendingSwapsForMe: pending?.n ?? 0,
      reminders: reminders.map(({ garden_reminders: r }) => ({
        id: r.id,
        shiftId: r.shiftId,
        kind: r.kind,
        title: r.title,
        body: r.body,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      })),
      released: notices.map((n) => ({ ...n, startsAt: n.startsAt.toISOString() })),
    }
  },
})

export const GET = toWebHandler(route)
