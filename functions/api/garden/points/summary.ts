import { and, desc, eq, sql } from 'drizzle-orm'
import { gardenPointsLedger, gardenSignups, people } from '../../../../db/schema'
import { pointsQuery, pointsResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { minutesServedBy, pointsRuleOf } from '../../../queries/garden'
import { hasAnyRole, gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/points/summary',
  summary: '志愿服务积分：规则、我的积分和时长、积分明细、光荣榜',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: pointsQuery,
  response: pointsResponse,
  errors: ['not_member_of_village'],
  handler: async ({ callerRoles, db, session, query }) => {
    const steward = hasAnyRole(callerRoles, gardenStewards)
    const entries = await db
      .select({
        id: gardenPointsLedger.id,
        personId: gardenPointsLedger.personId,
        name: people.name,
        kind: gardenPointsLedger.kind,
        points: gardenPointsLedger.points,
        reason: gardenPointsLedger.reason,
        minutes: gardenPointsLedger.minutes,
        // Shown to the volunteer: why a steward confirmed a shift they never checked in to.
        stewardReason: gardenSignups.doneReason,
        createdAt: gardenPointsLedger.createdAt,
      })
      .from(gardenPointsLedger)
      .innerJoin(people, eq(people.id, gardenPointsLedger.personId))
      .leftJoin(gardenSignups, and(eq(gardenSignups.id, gardenPointsLedger.signupId), eq(gardenPointsLedger.kind, 'shift')))
      .where(and(eq(gardenPointsLedger.villageId, query.villageId), ...(steward ? [] : [eq(gardenPointsLedger.personId, session.personId)])))
      .orderBy(desc(gardenPointsLedger.createdAt), desc(gardenPointsLedger.id))
      .limit(200)
    const totals = await db
      .select({ personId: gardenPointsLedger.personId, name: people.name, points: sql<number>`sum(${gardenPointsLedger.points})`.mapWith(Number) })
      .from(gardenPointsLedger)
      .innerJoin(people, eq(people.id, gardenPointsLedger.personId))
      .where(eq(gardenPointsLedger.villageId, query.villageId))
      .groupBy(gardenPointsLedger.personId, people.name)
    const minutes = await minutesServedBy(db, query.villageId)
    const [done] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(gardenSignups)
      .where(and(eq(gardenSignups.villageId, query.villageId), eq(gardenSignups.personId, session.personId), eq(gardenSignups.status, 'done')))
    const board = totals
      .map((t) => ({ ...t, minutesServed: minutes.get(t.personId) ?? 0 }))
      .sort((a, b) => b.points - a.points || b.minutesServed - a.minutesServed || a.name.localeCompare(b.name, 'zh-CN'))
    return {
      rule: await pointsRuleOf(db, query.villageId),
      me: {
        points: totals.find((t) => t.personId === session.personId)?.points ?? 0,
        minutesServed: minutes.get(session.personId) ?? 0,
        shiftsDone: done?.n ?? 0,
      },
      entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
      board,
    }
  },
})

export const GET = toWebHandler(route)
