import { and, count, eq, inArray, sql } from 'drizzle-orm'
import { households, memberships, people, villages } from '../../../db/schema'
import { villageOverviewResponse, villageQuery } from '../../../shared/auth'
import { AppError } from '../../../shared/errors'
import { roles as allRoles, type Role } from '../../../shared/roles'

import { defineRoute, toWebHandler } from '../../lib/route'

const LEADER_ROLES: Role[] = ['secretary', 'deputy_secretary', 'garden_steward', 'workshop_head']

export const route = defineRoute({
  method: 'GET',
  path: '/api/villages/overview',
  summary: '村（社区）概况：户数、老年户、成年人、负责人',
  tags: ['village'],
  auth: 'user',
  tenancy: 'query',
  query: villageQuery,
  response: villageOverviewResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const [village] = await db.select().from(villages).where(eq(villages.id, query.villageId))
    if (!village) throw new AppError('not_found')
    const adultCutoff = new Date().getFullYear() - 18
    const [householdCounts] = await db
      .select({
        households: count(),
        elderly: sql<number>`count(*) filter (where ${households.elderly})`.mapWith(Number),
      })
      .from(households)
      .where(eq(households.villageId, village.id))
    const [peopleCounts] = await db
      .select({
        people: count(),
        adults: sql<number>`count(*) filter (where ${people.birthYear} <= ${adultCutoff})`.mapWith(Number),
      })
      .from(people)
      .innerJoin(households, eq(households.id, people.householdId))
      .where(eq(households.villageId, village.id))
    const leaders = await db
      .select({ name: people.name, role: memberships.role })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.villageId, village.id), inArray(memberships.role, LEADER_ROLES)))
    leaders.sort((a, b) => allRoles.indexOf(a.role) - allRoles.indexOf(b.role))
    return {
      village: { id: village.id, name: village.name, kind: village.kind, township: village.township, county: village.county },
      households: householdCounts?.households ?? 0,
      elderlyHouseholds: householdCounts?.elderly ?? 0,
      people: peopleCounts?.people ?? 0,
      adults: peopleCounts?.adults ?? 0,
      leaders,
    }
  },
})

export const GET = toWebHandler(route)
