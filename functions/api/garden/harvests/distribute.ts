import { and, eq, inArray } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenDistributions, households } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { distributeInput, distributeResponse, elderlyStillWaiting, firstHarvestRefusal, harvestUnit, shareRefusal } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { currentHarvests } from '../../../queries/garden-corrections'
import { seasonHarvests } from '../../../queries/garden-harvests'

import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/harvests/distribute',
  summary: '主理人登记分菜：哪几户各领了多少（按收获的单位；头茬先给老人，分给别人要写原因）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: distributeInput,
  response: distributeResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'validation_failed',
    'garden_share_amount_invalid',
    'garden_share_wrong_unit',
    'garden_harvest_over_distributed',
    'garden_first_harvest_elderly_first',
    'conflict',
  ],
  handler: async ({ db, session, body }) => {
    // The harvest row is the lock every share of it takes first: concurrent shares are decided one
    // after the other, each seeing what the one before it gave.
    // The harvest row is locked, and read as corrected: shares fit the amount as it stands.
    const [harvest] = await currentHarvests(db, body.villageId, { ids: [body.harvestId], lock: true, bedName: String })
    if (!harvest) throw new AppError('not_found', '找不到这次收获')
    const ids = body.allocations.map((a) => a.householdId)
    if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', '同一户不能填两次', [{ path: 'allocations', message: '有重复的户' }])
    const found = await db
      .select({ id: households.id, elderly: households.elderly })
      .from(households)
      .where(and(eq(households.villageId, body.villageId), inArray(households.id, ids)))
    if (found.length !== ids.length) throw new AppError('not_found', '有的户不在本社区')
    const given = await db
      .select({ householdId: gardenDistributions.householdId, grams: gardenDistributions.grams, count: gardenDistributions.count })
      .from(gardenDistributions)
      .where(eq(gardenDistributions.harvestId, harvest.id))
    const unit = harvestUnit(harvest)
    const refusal = shareRefusal({ harvest, given: given.reduce((n, g) => n + ((unit === 'grams' ? g.grams : g.count) ?? 0), 0), shares: body.allocations })
    if (refusal) throw new AppError(refusal)
    const received = given.map((g) => g.householdId)
    if (ids.some((id) => received.includes(id))) throw new AppError('conflict', '有的户已经领过这批菜了')

    const elderlyById = new Map(found.map((h) => [h.id, h.elderly]))
    const shares = body.allocations.map((a) => ({ householdId: a.householdId, elderly: elderlyById.get(a.householdId) ?? false }))
    const { firstIds } = await seasonHarvests(db, body.villageId, harvest.harvestedOn)
    const firstOfCrop = firstIds.has(harvest.id)
    const elderlyHouseholdIds = firstOfCrop
      ? (
          await db
            .select({ id: households.id })
            .from(households)
            .where(and(eq(households.villageId, body.villageId), eq(households.elderly, true)))
        ).map((h) => h.id)
      : []
    const waiting = { elderlyHouseholdIds, receivedHouseholdIds: received, shares }
    const firstRefusal = firstHarvestRefusal({ firstOfCrop, ...waiting, reason: body.reason })
    if (firstRefusal) throw new AppError(firstRefusal)
    // The reason belongs to the shares that went past elderly households still waiting.
    const beyondElderlyReason = firstOfCrop && elderlyStillWaiting(waiting).length > 0 ? (body.reason ?? null) : null

    const inserted = await db
      .insert(gardenDistributions)
      .values(
        body.allocations.map((a) => ({
          villageId: body.villageId,
          harvestId: harvest.id,
          householdId: a.householdId,
          grams: a.grams ?? null,
          count: a.count ?? null,
          beyondElderlyReason: elderlyById.get(a.householdId) ? null : beyondElderlyReason,
          recordedBy: session.personId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: gardenDistributions.id })
    if (inserted.length !== body.allocations.length) throw new AppError('conflict', '有的户已经领过这批菜了')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.harvest.distributed',
      subjectType: 'garden_harvest',
      subjectId: harvest.id,
      payload: { unit, allocations: body.allocations, firstOfCrop, beyondElderlyReason },
    })
    return { harvestId: harvest.id, recorded: inserted.length }
  },
})

export const POST = toWebHandler(route)
