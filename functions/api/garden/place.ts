import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { gardenBeds, gardenDuties, gardenShifts, memberships, people, villages } from '../../../db/schema'
import { gardenExists, gardenPlaceResponse, gardenVillageQuery } from '../../../shared/garden'
import { gardenStewards, hasAnyRole, roleLabels, type Role } from '../../../shared/roles'
import { defineRoute, toWebHandler } from '../../lib/route'

/** Whom a resident of a village with no steward asks about starting a garden, in this order. */
const LEADERS: readonly Role[] = ['secretary', 'deputy_secretary', 'committee_member']

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/place',
  summary: '这个村（社区）有没有共享菜园；没有的话，想办可以找谁（主理人，或村里的书记、村委）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: gardenPlaceResponse,
  errors: ['not_member_of_village'],
  handler: async ({ callerRoles, db, query }) => {
    const [village] = await db.select({ name: villages.name }).from(villages).where(eq(villages.id, query.villageId))
    if (!village) throw new Error('a member of a village that does not exist')
    const count = async (table: typeof gardenBeds | typeof gardenDuties | typeof gardenShifts) =>
      (
        await db
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(table)
          .where(eq(table.villageId, query.villageId))
      )[0]?.n ?? 0
    const beds = await count(gardenBeds)
    const duties = await count(gardenDuties)
    const shifts = await count(gardenShifts)
    const roleHolders = await db
      .select({ name: people.name, role: memberships.role })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.villageId, query.villageId), inArray(memberships.role, ['garden_steward', ...LEADERS])))
      .orderBy(asc(people.name))
    const stewards = [...new Set(roleHolders.filter((r) => r.role === 'garden_steward').map((r) => r.name))]
    const leaders = LEADERS.flatMap((role) => roleHolders.filter((r) => r.role === role).map((r) => ({ name: r.name, roleLabel: roleLabels[role] })))
      .filter((l, i, all) => all.findIndex((m) => m.name === l.name) === i)
      .slice(0, 3)
    return {
      villageName: village.name,
      hasGarden: gardenExists({ beds, duties, shifts }),
      isSteward: hasAnyRole(callerRoles, gardenStewards),
      stewards,
      leaders,
    }
  },
})

export const GET = toWebHandler(route)
