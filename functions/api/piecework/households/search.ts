import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm'
import { households, people, villages, workshopWorkers } from '../../../../db/schema'
import { householdSearchQuery, householdSearchResponse, likePattern } from '../../../../shared/piecework'
import { householdLabels } from '../../../../shared/people'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadWorkshop, neighbourVillagesOf } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

const SHOWN = 20

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/households/search',
  summary: '按姓名找户（本村和工坊所列邻村），加为加工户之前用；显示村、户名和户主，同名的也分得清',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  query: householdSearchQuery,
  response: householdSearchResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    authorize(workshop.villageId)
    // Exactly the villages workers/add accepts (householdMayJoin): the head sees no one else's households.
    const villageIds = [workshop.villageId, ...(await neighbourVillagesOf(db, workshop.id)).map((v) => v.id)]
    const pattern = likePattern(query.q)
    const rows = await db
      .select({
        householdId: households.id,
        label: households.label,
        group: households.group,
        houseNumber: households.houseNumber,
        headName: people.name,
        headBirthYear: people.birthYear,
        villageId: villages.id,
        villageName: villages.name,
        workerId: workshopWorkers.id,
      })
      .from(households)
      .innerJoin(villages, eq(villages.id, households.villageId))
      .leftJoin(people, eq(people.id, households.headPersonId))
      .leftJoin(workshopWorkers, and(eq(workshopWorkers.householdId, households.id), eq(workshopWorkers.workshopId, workshop.id)))
      .where(and(inArray(households.villageId, villageIds), or(ilike(households.label, pattern), ilike(people.name, pattern))))
      .orderBy(asc(villages.name), asc(households.label), asc(households.id))
      .limit(SHOWN + 1)
    const shown = rows.slice(0, SHOWN)
    const labels = householdLabels(shown)
    return {
      households: shown.map((row, index) => ({
        householdId: row.householdId,
        label: labels[index] ?? row.label,
        headName: row.headName,
        villageId: row.villageId,
        villageName: row.villageName,
        fromOtherVillage: row.villageId !== workshop.villageId,
        alreadyWorker: row.workerId !== null,
      })),
      more: rows.length > SHOWN,
    }
  },
})

export const GET = toWebHandler(route)
