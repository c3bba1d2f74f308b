import { eq, inArray, or } from 'drizzle-orm'
import { villages, workshopWorkers, workshops } from '../../../../db/schema'
import { workshopListResponse } from '../../../../shared/piecework'
import { hasAnyRole, branchLeaders } from '../../../../shared/roles'
import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/workshops/list',
  summary: '我的工坊：我负责的、我所在村的、我家做活的工坊',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'caller',
  response: workshopListResponse,
  handler: async ({ db, session }) => {
    const villageIds = [...session.roles.keys()]
    const mine = session.householdId ? await db.select().from(workshopWorkers).where(eq(workshopWorkers.householdId, session.householdId)) : []
    const workshopIds = mine.map((w) => w.workshopId)
    if (villageIds.length === 0 && workshopIds.length === 0) return { workshops: [] }
    const rows = await db
      .select({ workshop: workshops, villageName: villages.name })
      .from(workshops)
      .innerJoin(villages, eq(villages.id, workshops.villageId))
      .where(
        or(
          villageIds.length > 0 ? inArray(workshops.villageId, villageIds) : undefined,
          workshopIds.length > 0 ? inArray(workshops.id, workshopIds) : undefined,
        ),
      )
    const result = rows
      .map(({ workshop, villageName }) => {
        const held = session.roles.get(workshop.villageId) ?? []
        const myWorkerId = mine.find((w) => w.workshopId === workshop.id)?.id ?? null
        return {
          id: workshop.id,
          villageId: workshop.villageId,
          villageName,
          name: workshop.name,
          toleranceBp: workshop.toleranceBp,
          orderToleranceBp: workshop.orderToleranceBp,
          isHead: hasAnyRole(held, ['workshop_head']),
          myWorkerId,
          visible: myWorkerId !== null || hasAnyRole(held, ['workshop_head', ...branchLeaders]),
        }
      })
      // Villagers of the workshop's village who do not work there have nothing to see.
      .filter((w) => w.visible)
      .map(({ visible: _visible, ...w }) => w)
    return { workshops: result }
  },
})

export const GET = toWebHandler(route)
