import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenBeds, gardenPlantings } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createdResponse, createPlantingInput } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'

import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/plantings/create',
  summary: '主理人登记种植：哪块菜畦、种什么、哪天播种',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: createPlantingInput,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, session, body }) => {
    const [bed] = await db
      .select({ id: gardenBeds.id })
      .from(gardenBeds)
      .where(and(eq(gardenBeds.id, body.bedId), eq(gardenBeds.villageId, body.villageId)))
    if (!bed) throw new AppError('not_found', '找不到这块菜畦')
    if (body.expectedHarvestOn && body.expectedHarvestOn < body.sownOn) {
      throw new AppError('validation_failed', '预计采收日期不能早于播种日期', [{ path: 'expectedHarvestOn', message: '不能早于播种日期' }])
    }
    const [planting] = await db
      .insert(gardenPlantings)
      .values({ ...body, expectedHarvestOn: body.expectedHarvestOn ?? null, note: body.note ?? null, createdBy: session.personId })
      .returning({ id: gardenPlantings.id })
    if (!planting) throw new Error('planting insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.planting.created',
      subjectType: 'garden_planting',
      subjectId: planting.id,
      payload: { bedId: body.bedId, crop: body.crop, sownOn: body.sownOn },
    })
    return planting
  },
})

export const POST = toWebHandler(route)
