import { and, desc, eq } from 'drizzle-orm'
import { gardenMatterLinks, gardenMatters } from '../../../../db/schema'
import { matterLinksQuery, matterLinksResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/matters/links',
  summary: '哪些居民议事会决定改了这一项（例如暂停了这项值班）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: matterLinksQuery,
  response: matterLinksResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const rows = await db
      .select({ matterId: gardenMatters.id, title: gardenMatters.title, decidedAt: gardenMatters.decidedAt, note: gardenMatterLinks.note })
      .from(gardenMatterLinks)
      .innerJoin(gardenMatters, eq(gardenMatters.id, gardenMatterLinks.matterId))
      .where(and(eq(gardenMatters.villageId, query.villageId), eq(gardenMatterLinks.subjectId, query.subjectId)))
      .orderBy(desc(gardenMatters.decidedAt))
    return {
      decisions: rows.flatMap((row) =>
        row.decidedAt ? [{ matterId: row.matterId, title: row.title, decidedAt: row.decidedAt.toISOString(), note: row.note }] : [],
      ),
    }
  },
})

export const GET = toWebHandler(route)
