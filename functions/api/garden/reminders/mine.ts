import { desc, eq } from 'drizzle-orm'
import { gardenReminders, gardenShifts, gardenSignups } from '../../../../db/schema'
import { gardenVillageQuery, remindersResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { remindersStillDue } from '../../../queries/garden'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/reminders/mine',
  summary: '我的值班提醒',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: remindersResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, query }) => {
    const rows = await db
      .select({ reminder: gardenReminders })
      .from(gardenReminders)
      .innerJoin(gardenSignups, eq(gardenSignups.id, gardenReminders.signupId))
      .innerJoin(gardenShifts, eq(gardenShifts.id, gardenReminders.shiftId))
      .where(remindersStillDue(query.villageId, session.personId))
      .orderBy(desc(gardenReminders.createdAt))
      .limit(30)
    return {
      reminders: rows.map(({ reminder: r }) => ({
        id: r.id,
        shiftId: r.shiftId,
        kind: r.kind,
        title: r.title,
        body: r.body,
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      })),
    }
  },
})

export const GET = toWebHandler(route)
