import { gardenVillageQuery, mattersResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { isConvener, summariesFor } from '../../../queries/garden-matters'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/matters/list',
  summary: '居民议事：正在投票的事和已经公布结果的决定（菜园的决定记录）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: mattersResponse,
  errors: ['not_member_of_village'],
  handler: async ({ callerRoles, db, session, query }) => {
    return { matters: await summariesFor(db, session.personId, callerRoles, query.villageId), mayPropose: isConvener(callerRoles) }
  },
})

export const GET = toWebHandler(route)
