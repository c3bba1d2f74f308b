import { bedsResponse, gardenVillageQuery, type Bed } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { currentBeds, currentPlantings, describeHistory } from '../../../queries/garden-corrections'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/beds/list',
  summary: '菜畦和种植情况（更正过的写着原来是什么、为什么改）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: bedsResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const beds = (await currentBeds(db, query.villageId)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const names = new Map(beds.map((b) => [b.id, b.name]))
    const plantings = (await currentPlantings(db, query.villageId, { bedName: (id) => names.get(id) ?? '' })).sort(
      (a, b) => a.sownOn.localeCompare(b.sownOn) || a.createdAt.getTime() - b.createdAt.getTime(),
    )
    const history = await describeHistory(db, [...beds.map((b) => b.history), ...plantings.map((p) => p.history)])
    const result: Bed[] = beds.map((b) => ({
      id: b.id,
      name: b.name,
      areaDm2: b.areaDm2,
      positionLabel: b.positionLabel,
      corrections: history(b.history),
      plantings: plantings
        .filter((p) => p.bedId === b.id)
        .map((p) => ({
          id: p.id,
          bedId: p.bedId,
          crop: p.crop,
          sownOn: p.sownOn,
          expectedHarvestOn: p.expectedHarvestOn,
          note: p.note,
          corrections: history(p.history),
        })),
    }))
    return { beds: result }
  },
})

export const GET = toWebHandler(route)
