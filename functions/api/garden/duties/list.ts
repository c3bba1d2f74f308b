import { asc, desc, eq } from 'drizzle-orm'
import { gardenDuties } from '../../../../db/schema'
import { dutiesResponse, gardenVillageQuery } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { describeDuty } from '../../../queries/garden'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/duties/list',
  summary: '固定值班（每天浇水、周六除草、门岗……）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: dutiesResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    // Paused duties are listed too (marked), so a steward can resume them.
    const rows = await db
      .select()
      .from(gardenDuties)
      .where(eq(gardenDuties.villageId, query.villageId))
      .orderBy(desc(gardenDuties.active), asc(gardenDuties.startMinute), asc(gardenDuties.title))
    return { duties: rows.map(describeDuty) }
  },
})

export const GET = toWebHandler(route)
