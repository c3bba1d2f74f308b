import { and, eq, gt, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenPointsLedger, gardenRedemptions, gardenRewards } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { redeemInput, redemptionRefusal, redemptionResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { lockPeople } from '../../../queries/garden'
import { balanceOf, describeRedemption } from '../../../queries/garden-shop'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/rewards/redeem',
  summary: '志愿者用积分兑换一件奖品（扣分记一笔，库存减一，等主理人交给您）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: redeemInput,
  response: redemptionResponse,
  successStatus: 201,
  errors: ['not_member_of_village', 'not_found', 'garden_reward_unavailable', 'garden_reward_out_of_stock', 'garden_points_insufficient'],
  handler: async ({ db, session, body }) => {
    // The person first: two redemptions by one person are counted one after the other.
    await lockPeople(db, [session.personId])
    const [reward] = await db
      .select()
      .from(gardenRewards)
      .where(and(eq(gardenRewards.id, body.rewardId), eq(gardenRewards.villageId, body.villageId)))
    if (!reward) throw new AppError('not_found', '找不到这件奖品')
    const balance = await balanceOf(db, body.villageId, session.personId)
    const refusal = redemptionRefusal({ balance, reward })
    if (refusal) throw new AppError(refusal)
    // The stock decrement is guarded: of several people taking the last one, one row matches.
    const [taken] = await db
      .update(gardenRewards)
      .set({ stock: sql`${gardenRewards.stock} - 1` })
      .where(and(eq(gardenRewards.id, reward.id), gt(gardenRewards.stock, 0), eq(gardenRewards.active, true)))
      .returning({ stock: gardenRewards.stock })
    if (!taken) throw new AppError('garden_reward_out_of_stock')
    const [redemption] = await db
      .insert(gardenRedemptions)
      .values({ villageId: body.villageId, rewardId: reward.id, personId: session.personId, points: reward.points })
      .returning()
    if (!redemption) throw new Error('redemption insert returned nothing')
    await db.insert(gardenPointsLedger).values({
      villageId: body.villageId,
      personId: session.personId,
      kind: 'redemption',
      redemptionId: redemption.id,
      points: -reward.points,
      reason: `兑换 ${reward.name}`,
      createdBy: session.personId,
    })
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.reward.redeemed',
      subjectType: 'garden_redemption',
      subjectId: redemption.id,
      payload: { rewardId: reward.id, name: reward.name, points: reward.points, stockLeft: taken.stock, balanceLeft: balance - reward.points },
    })
    return { redemption: await describeRedemption(db, redemption), balance: balance - reward.points, stock: taken.stock, already: false }
  },
})

export const POST = toWebHandler(route)
