import { and, asc, eq, sql } from 'drizzle-orm'
import { households, memberships, people } from '../../../db/schema'
import { personLabels } from '../../../shared/people'
import { gardenVillageQuery, membersResponse } from '../../../shared/garden'

import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/members',
  summary: '本社区可以一起值班的人（换班时选人用）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: membersResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const rows = await db
      .select({
        personId: people.id,
        name: people.name,
        birthYear: people.birthYear,
        group: households.group,
        houseNumber: households.houseNumber,
        steward: sql<boolean>`bool_or(${memberships.role} = 'garden_steward')`,
      })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .leftJoin(households, eq(households.id, people.householdId))
      .where(and(eq(memberships.villageId, query.villageId)))
      .groupBy(people.id, people.name, households.id)
      .orderBy(asc(people.name), asc(people.id))
    // Two residents of one name are told apart by their door and birth year.
    const labels = personLabels(rows.map((r) => ({ name: r.name, birthYear: r.birthYear, household: r })))
    return { members: rows.map((r, index) => ({ personId: r.personId, name: r.name, label: labels[index] ?? r.name, steward: Boolean(r.steward) })) }
  },
})

export const GET = toWebHandler(route)
