import { appendAudit } from '../../../../db/audit'
import { workshops } from '../../../../db/schema'
import { createWorkshopInput, idResponse } from '../../../../shared/piecework'
import { requireWorkshopHead } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/workshops/create',
  summary: '工坊负责人新建工坊',
  tags: ['piecework'],
  auth: 'user',
  roles: ['workshop_head'],
  body: createWorkshopInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village'],
  handler: async ({ db, session, body }) => {
    requireWorkshopHead(session, body)
    const [row] = await db
      .insert(workshops)
      .values({ villageId: body.villageId, name: body.name, headPersonId: session.personId, toleranceBp: body.toleranceBp })
      .returning({ id: workshops.id })
    if (!row) throw new Error('workshop insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'piecework.workshop.created',
      subjectType: 'workshop',
      subjectId: row.id,
      payload: { name: body.name, toleranceBp: body.toleranceBp },
    })
    return row
  },
})

export const POST = toWebHandler(route)
