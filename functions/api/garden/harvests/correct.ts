import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenDistributions, gardenHarvestCorrections, households } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import {
  correctHarvestInput,
  correctionResponse,
  elderlyStillWaiting,
  harvestChanges,
  harvestCorrectionRefusal,
  harvestUnit,
  patched,
  seasonOfDateKey,
  type HarvestFacts,
} from '../../../../shared/garden'
import { todayInChina } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { gardenStewards } from '../../../../shared/roles'
import { bedNamer, currentBeds, currentHarvests, lockGardenFacts } from '../../../queries/garden-corrections'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/harvests/correct',
  summary: '主理人更正收获记录（菜名、重量或个数、日期、菜畦），写明原因；不能少于已分出去的，也不能靠更正让头茬不算头茬',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: correctHarvestInput,
  response: correctionResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'garden_correction_no_change',
    'garden_harvest_weight_invalid',
    'garden_harvest_date_future',
    'garden_harvest_date_too_old',
    'garden_correction_unit_locked',
    'garden_correction_below_shared',
    'garden_correction_moves_first_harvest',
    'garden_first_harvest_shrink',
  ],
  handler: async ({ db, session, body }) => {
    // Which harvest is a 头茬 depends on the others: logs and corrections go one at a time per village.
    await lockGardenFacts(db, body.villageId)
    const bedName = await bedNamer(db, body.villageId)
    // Locked too against a share being recorded while the amount changes.
    const [harvest] = await currentHarvests(db, body.villageId, { ids: [body.harvestId], lock: true, bedName })
    if (!harvest) throw new AppError('not_found', '找不到这次收获')
    if (typeof body.bedId === 'string' && !(await currentBeds(db, body.villageId)).some((b) => b.id === body.bedId))
      throw new AppError('not_found', '找不到这块菜畦')
    const current: HarvestFacts = { bedId: harvest.bedId, crop: harvest.crop, grams: harvest.grams, count: harvest.count, harvestedOn: harvest.harvestedOn }
    const proposed = patched(current, body)

    const seasons = [seasonOfDateKey(current.harvestedOn), seasonOfDateKey(proposed.harvestedOn)].filter(
      (s, i, all) => all.findIndex((t) => t.key === s.key) === i,
    )
    const seasonHarvests = []
    for (const season of seasons) seasonHarvests.push(...(await currentHarvests(db, body.villageId, { season, bedName })))
    const shares = await db
      .select({ householdId: gardenDistributions.householdId, grams: gardenDistributions.grams, count: gardenDistributions.count })
      .from(gardenDistributions)
      .where(eq(gardenDistributions.harvestId, harvest.id))
    const unit = harvestUnit(current)
    const elderlyHouseholdIds = (
      await db
        .select({ id: households.id })
        .from(households)
        .where(and(eq(households.villageId, body.villageId), eq(households.elderly, true)))
    ).map((h) => h.id)
    const refusal = harvestCorrectionRefusal({
      harvestId: harvest.id,
      current,
      proposed,
      seasonHarvests,
      given: shares.reduce((n, s) => n + ((unit === 'grams' ? s.grams : s.count) ?? 0), 0),
      shares: shares.length,
      elderlyWaiting: elderlyStillWaiting({ elderlyHouseholdIds, receivedHouseholdIds: shares.map((s) => s.householdId), shares: [] }).length,
      today: todayInChina(),
    })
    if (refusal) throw new AppError(refusal)

    const seq = harvest.history.length + 1
    const [row] = await db
      .insert(gardenHarvestCorrections)
      .values({ villageId: body.villageId, harvestId: harvest.id, seq, ...proposed, reason: body.reason, correctedBy: session.personId })
      .returning({ id: gardenHarvestCorrections.id })
    if (!row) throw new Error('harvest correction insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.harvest.corrected',
      subjectType: 'garden_harvest',
      subjectId: harvest.id,
      payload: { seq, reason: body.reason, changes: harvestChanges(current, proposed, bedName) },
    })
    return { id: row.id, seq }
  },
})

export const POST = toWebHandler(route)
