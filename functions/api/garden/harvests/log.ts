import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenBeds, gardenHarvests } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createdResponse, harvestAmountValid, harvestDateRefusal, logHarvestInput } from '../../../../shared/garden'
import { todayInChina } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { gardenStewards } from '../../../../shared/roles'
import { lockGardenFacts } from '../../../queries/garden-corrections'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/harvests/log',
  summary: '主理人登记收获：菜名、重量（克）或数量、哪块菜畦、日期',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: logHarvestInput,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_harvest_weight_invalid', 'garden_harvest_date_future', 'garden_harvest_date_too_old'],
  handler: async ({ db, session, body }) => {
    if (!harvestAmountValid(body)) throw new AppError('garden_harvest_weight_invalid')
    const dateRefusal = harvestDateRefusal(body.harvestedOn, todayInChina())
    if (dateRefusal) throw new AppError(dateRefusal)
    // One writer at a time decides which harvest is logged first (the 头茬), corrections included.
    await lockGardenFacts(db, body.villageId)
    if (body.bedId) {
      const [bed] = await db
        .select({ id: gardenBeds.id })
        .from(gardenBeds)
        .where(and(eq(gardenBeds.id, body.bedId), eq(gardenBeds.villageId, body.villageId)))
      if (!bed) throw new AppError('not_found', '找不到这块菜畦')
    }
    const [row] = await db
      .insert(gardenHarvests)
      .values({
        villageId: body.villageId,
        bedId: body.bedId ?? null,
        crop: body.crop,
        grams: body.grams ?? null,
        count: body.count ?? null,
        harvestedOn: body.harvestedOn,
        loggedBy: session.personId,
      })
      .returning({ id: gardenHarvests.id })
    if (!row) throw new Error('harvest insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.harvest.logged',
      subjectType: 'garden_harvest',
      subjectId: row.id,
      payload: { crop: body.crop, grams: body.grams ?? null, count: body.count ?? null, harvestedOn: body.harvestedOn, bedId: body.bedId ?? null },
    })
    return row
  },
})

export const POST = toWebHandler(route)
