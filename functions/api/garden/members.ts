import { and, asc, eq, sql } from 'drizzle-orm'
import { memberships, people } from '../../../db/schema'
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
        steward: sql<boolean>`bool_or(${memberships.role} = 'garden_steward')`,
      })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.villageId, query.villageId)))
      .groupBy(people.id, people.name)
      .orderBy(asc(people.name))
    return { members: rows.map((r) => ({ ...r, steward: Boolean(r.steward) })) }
  },
})

export const GET = toWebHandler(route)
