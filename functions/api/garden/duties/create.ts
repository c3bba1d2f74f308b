import { appendAudit } from '../../../../db/audit'
import { gardenDuties } from '../../../../db/schema'
import { createdResponse, createDutyInput } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'

import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/duties/create',
  summary: '主理人设定固定值班：星期几、几点、多长、需要几个人',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: createDutyInput,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village'],
  handler: async ({ db, session, body }) => {
    const weekdays = [...body.weekdays].sort((a, b) => a - b)
    const [duty] = await db
      .insert(gardenDuties)
      .values({ ...body, weekdays, activeFrom: body.activeFrom ?? null, activeUntil: body.activeUntil ?? null })
      .returning({ id: gardenDuties.id })
    if (!duty) throw new Error('duty insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.duty.created',
      subjectType: 'garden_duty',
      subjectId: duty.id,
      payload: {
        title: body.title,
        kind: body.kind,
        weekdays,
        startMinute: body.startMinute,
        durationMinutes: body.durationMinutes,
        capacity: body.capacity,
        unpopular: body.unpopular,
        seasons: body.seasons,
        activeFrom: body.activeFrom ?? null,
        activeUntil: body.activeUntil ?? null,
      },
    })
    return duty
  },
})

export const POST = toWebHandler(route)
