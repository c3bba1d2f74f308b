import { appendAudit } from '../../../../db/audit'
import { gardenTaskTemplates } from '../../../../db/schema'
import { createdResponse, createTaskTemplateInput } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'

import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/task-templates/create',
  summary: '主理人给季节日历添加农事（播种、浇水、除草……）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: createTaskTemplateInput,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village'],
  handler: async ({ db, session, body }) => {
    const [row] = await db
      .insert(gardenTaskTemplates)
      .values({ ...body, note: body.note ?? null })
      .returning({ id: gardenTaskTemplates.id })
    if (!row) throw new Error('template insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.task_template.created',
      subjectType: 'garden_task_template',
      subjectId: row.id,
      payload: { season: body.season, kind: body.kind, title: body.title },
    })
    return row
  },
})

export const POST = toWebHandler(route)
