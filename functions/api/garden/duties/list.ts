import { and, asc, eq } from 'drizzle-orm'
import { gardenDuties } from '../../../../db/schema'
import { dutiesResponse, gardenVillageQuery } from '../../../../shared/garden'
import { requireMember } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/duties/list',
  summary: '固定值班（每天浇水、周六除草、门岗……）',
  tags: ['garden'],
  auth: 'user',
  query: gardenVillageQuery,
  response: dutiesResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, query }) => {
    requireMember(session, query.villageId)
    const rows = await db
      .select()
      .from(gardenDuties)
      .where(and(eq(gardenDuties.villageId, query.villageId), eq(gardenDuties.active, true)))
      .orderBy(asc(gardenDuties.startMinute), asc(gardenDuties.title))
    return {
      duties: rows.map((d) => ({
        id: d.id,
        title: d.title,
        kind: d.kind,
        weekdays: d.weekdays,
        startMinute: d.startMinute,
        durationMinutes: d.durationMinutes,
        capacity: d.capacity,
        unpopular: d.unpopular,
      })),
    }
  },
})

export const GET = toWebHandler(route)
