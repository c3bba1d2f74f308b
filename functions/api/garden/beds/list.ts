import { asc, eq, inArray } from 'drizzle-orm'
import { gardenBeds, gardenPlantings } from '../../../../db/schema'
import { bedsResponse, gardenVillageQuery, type Bed } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/beds/list',
  summary: '菜畦和种植情况',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: bedsResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const beds = await db.select().from(gardenBeds).where(eq(gardenBeds.villageId, query.villageId)).orderBy(asc(gardenBeds.name))
    const plantings =
      beds.length === 0
        ? []
        : await db
            .select()
            .from(gardenPlantings)
            .where(inArray(gardenPlantings.bedId, beds.map((b) => b.id)))
            .orderBy(asc(gardenPlantings.sownOn))
    const result: Bed[] = beds.map((b) => ({
      id: b.id,
      name: b.name,
      areaDm2: b.areaDm2,
      positionLabel: b.positionLabel,
      plantings: plantings
        .filter((p) => p.bedId === b.id)
        .map((p) => ({ id: p.id, crop: p.crop, sownOn: p.sownOn, expectedHarvestOn: p.expectedHarvestOn, note: p.note })),
    }))
    return { beds: result }
  },
})

export const GET = toWebHandler(route)
