import { gardenVillageQuery, mattersResponse } from '../../../../shared/garden'
import { requireMember } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { isConvener, summariesFor } from '../../../queries/garden-matters'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/matters/list',
  summary: '居民议事：正在投票的事和已经公布结果的决定（菜园的决定记录）',
  tags: ['garden'],
  auth: 'user',
  query: gardenVillageQuery,
  response: mattersResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, query }) => {
    requireMember(session, query.villageId)
    return { matters: await summariesFor(db, session, query.villageId), mayPropose: isConvener(session, query.villageId) }
  },
})

export const GET = toWebHandler(route)
