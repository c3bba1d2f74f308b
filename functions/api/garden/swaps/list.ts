import { and, desc, eq, or } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { gardenShifts, gardenSignups, gardenSwaps, people } from '../../../../db/schema'
import { gardenVillageQuery, swapsResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'

import { hasAnyRole, gardenStewards } from '../../../../shared/roles'

const fromPerson = alias(people, 'from_person')
const toPerson = alias(people, 'to_person')

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/swaps/list',
  summary: '换班申请：我发出的、别人找我的（主理人看全部）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: swapsResponse,
  errors: ['not_member_of_village'],
  handler: async ({ callerRoles, db, session, query }) => {
    const mineOnly = !hasAnyRole(callerRoles, gardenStewards)
    const rows = await db
      .select({
        id: gardenSwaps.id,
        signupId: gardenSwaps.signupId,
        shiftTitle: gardenShifts.title,
        startsAt: gardenShifts.startsAt,
        fromPersonId: gardenSwaps.fromPersonId,
        fromName: fromPerson.name,
        toPersonId: gardenSwaps.toPersonId,
        toName: toPerson.name,
        status: gardenSwaps.status,
      })
      .from(gardenSwaps)
      .innerJoin(gardenSignups, eq(gardenSignups.id, gardenSwaps.signupId))
      .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
      .innerJoin(fromPerson, eq(fromPerson.id, gardenSwaps.fromPersonId))
      .innerJoin(toPerson, eq(toPerson.id, gardenSwaps.toPersonId))
      .where(
        and(
          eq(gardenSwaps.villageId, query.villageId),
          ...(mineOnly ? [or(eq(gardenSwaps.fromPersonId, session.personId), eq(gardenSwaps.toPersonId, session.personId))] : []),
        ),
      )
      .orderBy(desc(gardenSwaps.createdAt))
      .limit(100)
    return { swaps: rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString() })) }
  },
})

export const GET = toWebHandler(route)
