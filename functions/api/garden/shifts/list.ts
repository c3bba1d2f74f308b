import { and, asc, eq, gte, lt } from 'drizzle-orm'
import { gardenShifts } from '../../../../db/schema'
import { shiftsQuery, shiftsResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { describeShifts, monthRange } from '../../../queries/garden'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/shifts/list',
  summary: '一个月的值班表（每个班有谁、还差几人、签到情况；取消的班也在，写着取消的原因）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: shiftsQuery,
  response: shiftsResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const range = monthRange(query.month)
    const rows = await db
      .select()
      .from(gardenShifts)
      .where(and(eq(gardenShifts.villageId, query.villageId), gte(gardenShifts.startsAt, range.from), lt(gardenShifts.startsAt, range.to)))
      // A called-off shift stays on the calendar, marked as such, so no one comes for it by habit.
      .orderBy(asc(gardenShifts.startsAt), asc(gardenShifts.title))
    return { month: query.month, shifts: await describeShifts(db, rows) }
  },
})

export const GET = toWebHandler(route)
