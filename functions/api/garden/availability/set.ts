import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenAvailability } from '../../../../db/schema'
import { availabilityResponse, setAvailabilityInput } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/availability/set',
  summary: '志愿者设置每周有空的时间（整体替换）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: setAvailabilityInput,
  response: availabilityResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, body }) => {
    await db.delete(gardenAvailability).where(and(eq(gardenAvailability.villageId, body.villageId), eq(gardenAvailability.personId, session.personId)))
    const windows = [...body.windows].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute)
    if (windows.length > 0) {
      await db.insert(gardenAvailability).values(windows.map((w) => ({ ...w, villageId: body.villageId, personId: session.personId })))
    }
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.availability.set',
      subjectType: 'person',
      subjectId: session.personId,
      payload: { windows },
    })
    return { windows }
  },
})

export const POST = toWebHandler(route)
