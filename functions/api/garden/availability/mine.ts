import { and, asc, eq } from 'drizzle-orm'
import { gardenAvailability } from '../../../../db/schema'
import { availabilityResponse, gardenVillageQuery } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/availability/mine',
  summary: '我每周哪些时间有空',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: availabilityResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, query }) => {
    const rows = await db
      .select({ weekday: gardenAvailability.weekday, startMinute: gardenAvailability.startMinute, endMinute: gardenAvailability.endMinute })
      .from(gardenAvailability)
      .where(and(eq(gardenAvailability.villageId, query.villageId), eq(gardenAvailability.personId, session.personId)))
      .orderBy(asc(gardenAvailability.weekday), asc(gardenAvailability.startMinute))
    return { windows: rows }
  },
})

export const GET = toWebHandler(route)
