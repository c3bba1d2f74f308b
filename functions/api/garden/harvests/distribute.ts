import { and, eq, inArray, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenDistributions, gardenHarvests, households } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { distributeInput, distributeResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { GARDEN_STEWARDS, requireSteward } from '../_shared'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/harvests/distribute',
  summary: '主理人登记分菜：哪几户各领了多少',
  tags: ['garden'],
  auth: 'user',
  roles: GARDEN_STEWARDS,
  body: distributeInput,
  response: distributeResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_harvest_over_distributed', 'conflict'],
  handler: async ({ db, session, body }) => {
    requireSteward(session, body.villageId)
    const [harvest] = await db
      .select()
      .from(gardenHarvests)
      .where(and(eq(gardenHarvests.id, body.harvestId), eq(gardenHarvests.villageId, body.villageId)))
      .for('update')
    if (!harvest) throw new AppError('not_found', '找不到这次收获')
    const ids = body.allocations.map((a) => a.householdId)
    if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', '同一户不能填两次', [{ path: 'allocations', message: '有重复的户' }])
    const found = await db.select({ id: households.id }).from(households).where(and(eq(households.villageId, body.villageId), inArray(households.id, ids)))
    if (found.length !== ids.length) throw new AppError('not_found', '有的户不在本社区')
    const [given] = await db
      .select({
        grams: sql<number>`coalesce(sum(${gardenDistributions.grams}), 0)`.mapWith(Number),
        count: sql<number>`coalesce(sum(${gardenDistributions.count}), 0)`.mapWith(Number),
      })
      .from(gardenDistributions)
      .where(eq(gardenDistributions.harvestId, harvest.id))
    const grams = (given?.grams ?? 0) + body.allocations.reduce((n, a) => n + (a.grams ?? 0), 0)
    const count = (given?.count ?? 0) + body.allocations.reduce((n, a) => n + (a.count ?? 0), 0)
    if ((harvest.grams !== null && grams > harvest.grams) || (harvest.count !== null && count > harvest.count)) {
      throw new AppError('garden_harvest_over_distributed')
    }
    const inserted = await db
      .insert(gardenDistributions)
      .values(body.allocations.map((a) => ({ villageId: body.villageId, harvestId: harvest.id, householdId: a.householdId, grams: a.grams ?? null, count: a.count ?? null, recordedBy: session.personId })))
      .onConflictDoNothing()
      .returning({ id: gardenDistributions.id })
    if (inserted.length !== body.allocations.length) throw new AppError('conflict', '有的户已经领过这批菜了')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.harvest.distributed',
      subjectType: 'garden_harvest',
      subjectId: harvest.id,
      payload: { allocations: body.allocations },
    })
    return { harvestId: harvest.id, recorded: inserted.length }
  },
})

export const POST = toWebHandler(route)
