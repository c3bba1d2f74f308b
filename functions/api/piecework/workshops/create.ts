import { inArray } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { villages, workshopNeighbourVillages, workshops } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createWorkshopInput, idResponse } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/workshops/create',
  summary: '工坊负责人新建工坊（并写明收哪些邻村的加工户）',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'body',
  roles: workshopHeads,
  body: createWorkshopInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, session, body }) => {
    const neighbourIds = [...new Set(body.neighbourVillageIds)].filter((id) => id !== body.villageId)
    const known = neighbourIds.length ? await db.select({ id: villages.id }).from(villages).where(inArray(villages.id, neighbourIds)) : []
    if (known.length !== neighbourIds.length) throw new AppError('not_found', '所列的邻村有找不到的')
    const [row] = await db
      .insert(workshops)
      .values({
        villageId: body.villageId,
        name: body.name,
        headPersonId: session.personId,
        toleranceBp: body.toleranceBp,
        orderToleranceBp: body.orderToleranceBp,
      })
      .returning({ id: workshops.id })
    if (!row) throw new Error('workshop insert returned nothing')
    if (neighbourIds.length) await db.insert(workshopNeighbourVillages).values(neighbourIds.map((villageId) => ({ workshopId: row.id, villageId })))
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'piecework.workshop.created',
      subjectType: 'workshop',
      subjectId: row.id,
      payload: { name: body.name, toleranceBp: body.toleranceBp, orderToleranceBp: body.orderToleranceBp, neighbourVillageIds: neighbourIds },
    })
    return row
  },
})

export const POST = toWebHandler(route)
