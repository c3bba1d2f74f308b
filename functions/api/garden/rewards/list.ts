import { and, asc, desc, eq } from 'drizzle-orm'
import { gardenRedemptions, gardenRewards, people } from '../../../../db/schema'
import { gardenVillageQuery, rewardsResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'

import { balanceOf, toRedemption } from '../../../queries/garden-shop'
import { hasAnyRole, gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/rewards/list',
  summary: '积分超市：我的积分、能换的奖品和库存、我的兑换（主理人看到大家的兑换）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: rewardsResponse,
  errors: ['not_member_of_village'],
  handler: async ({ callerRoles, db, session, query }) => {
    const steward = hasAnyRole(callerRoles, gardenStewards)
    const rewards = await db
      .select({ id: gardenRewards.id, name: gardenRewards.name, points: gardenRewards.points, stock: gardenRewards.stock, active: gardenRewards.active })
      .from(gardenRewards)
      .where(and(eq(gardenRewards.villageId, query.villageId), ...(steward ? [] : [eq(gardenRewards.active, true)])))
      .orderBy(asc(gardenRewards.points), asc(gardenRewards.name))
    const rows = await db
      .select({ redemption: gardenRedemptions, rewardName: gardenRewards.name, name: people.name })
      .from(gardenRedemptions)
      .innerJoin(gardenRewards, eq(gardenRewards.id, gardenRedemptions.rewardId))
      .innerJoin(people, eq(people.id, gardenRedemptions.personId))
      .where(and(eq(gardenRedemptions.villageId, query.villageId), ...(steward ? [] : [eq(gardenRedemptions.personId, session.personId)])))
      .orderBy(desc(gardenRedemptions.createdAt), desc(gardenRedemptions.id))
      .limit(200)
    return {
      isSteward: steward,
      balance: await balanceOf(db, query.villageId, session.personId),
      rewards,
      redemptions: rows.map((r) => toRedemption(r.redemption, r.rewardName, r.name)),
    }
  },
})

export const GET = toWebHandler(route)
