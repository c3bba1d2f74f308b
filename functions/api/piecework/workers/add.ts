import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { households, villages, workshopWorkers } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { addWorkerInput, householdMayJoin, idResponse } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadWorkshop, neighbourVillagesOf } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/workers/add',
  summary: '把一户（本村或邻村）加为工坊的加工户',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: addWorkerInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_worker_exists', 'piecework_household_out_of_area'],
  handler: async ({ authorize, db, session, body }) => {
    const workshop = await loadWorkshop(db, body.workshopId)
    authorize(workshop.villageId)
    const [household] = await db
      .select({ id: households.id, villageId: households.villageId, villageName: villages.name })
      .from(households)
      .innerJoin(villages, eq(villages.id, households.villageId))
      .where(eq(households.id, body.householdId))
    if (!household) throw new AppError('not_found', '找不到这一户')
    const neighbours = await neighbourVillagesOf(db, workshop.id)
    if (
      !householdMayJoin({ workshopVillageId: workshop.villageId, neighbourVillageIds: neighbours.map((v) => v.id), householdVillageId: household.villageId })
    ) {
      const [home] = await db.select({ name: villages.name }).from(villages).where(eq(villages.id, workshop.villageId))
      const area = [home?.name ?? '本村', ...neighbours.map((v) => v.name)].join('、')
      throw new AppError('piecework_household_out_of_area', `这户是「${household.villageName}」的；本工坊只收${area}的加工户`)
    }
    const [row] = await db
      .insert(workshopWorkers)
      .values({ workshopId: workshop.id, householdId: household.id })
      .onConflictDoNothing()
      .returning({ id: workshopWorkers.id })
    if (!row) throw new AppError('piecework_worker_exists')
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: 'piecework.worker.added',
      subjectType: 'workshop_worker',
      subjectId: row.id,
      payload: { householdId: household.id, householdVillageId: household.villageId },
    })
    return row
  },
})

export const POST = toWebHandler(route)
