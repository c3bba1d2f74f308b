import { eq } from 'drizzle-orm'
import { gardenDistributions, households } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { distributionOrder, distributionPriorityLabels, harvestTotal, harvestUnit, proposalQuery, proposalResponse } from '../../../../shared/garden'
import { householdLabels } from '../../../../shared/people'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { currentHarvests } from '../../../queries/garden-corrections'
import { receivedCounts, seasonHarvests } from '../../../queries/garden-harvests'

import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/harvests/proposal',
  summary: '分菜建议：头茬先给老年户，再给本季还没领过的人家',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  roles: gardenStewards,
  query: proposalQuery,
  response: proposalResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, query }) => {
    const [harvest] = await currentHarvests(db, query.villageId, { ids: [query.harvestId], bedName: String })
    if (!harvest) throw new AppError('not_found', '找不到这次收获')
    const { harvests, firstIds } = await seasonHarvests(db, query.villageId, harvest.harvestedOn)
    const counts = await receivedCounts(
      db,
      harvests.map((h) => h.id),
    )
    const shares = await db
      .select({ householdId: gardenDistributions.householdId, grams: gardenDistributions.grams, count: gardenDistributions.count })
      .from(gardenDistributions)
      .where(eq(gardenDistributions.harvestId, harvest.id))
    const gotThis = new Set(shares.map((r) => r.householdId))
    const unit = harvestUnit(harvest)
    const given = shares.reduce((n, r) => n + ((unit === 'grams' ? r.grams : r.count) ?? 0), 0)
    const homes = await db.select().from(households).where(eq(households.villageId, query.villageId))
    const labels = householdLabels(homes)
    const candidates = homes.map((h, index) => ({
      householdId: h.id,
      label: labels[index] ?? h.label,
      elderly: h.elderly,
      receivedThisSeason: counts.get(h.id) ?? 0,
    }))
    const firstOfCrop = firstIds.has(harvest.id)
    return {
      harvestId: harvest.id,
      crop: harvest.crop,
      firstOfCrop,
      unit,
      total: harvestTotal(harvest),
      remaining: Math.max(0, harvestTotal(harvest) - given),
      recipients: distributionOrder(candidates, firstOfCrop).map((r) => ({
        ...r,
        priorityLabel: distributionPriorityLabels[r.priority],
        alreadyGotThis: gotThis.has(r.householdId),
      })),
    }
  },
})

export const GET = toWebHandler(route)
