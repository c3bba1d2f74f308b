import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenPointsLedger, gardenRedemptions, gardenRewards } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { cancelRedemptionInput, cancelRedemptionVerdict, redemptionResponse } from '../../../../shared/garden'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { lockPeople } from '../../../queries/garden'
import { balanceOf, describeRedemption, loadRedemption, stockOf } from '../../../queries/garden-shop'
import { hasAnyRole, gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/redemptions/cancel',
  summary: '取消一次还没领取的兑换（本人或主理人，写明原因）：积分退回记一笔，库存加回',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: cancelRedemptionInput,
  response: redemptionResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_redemption_handed_over'],
  handler: async ({ callerRoles, db, session, body }) => {
    const seen = await loadRedemption(db, body.villageId, body.redemptionId)
    const verdictFor = (status: typeof seen.status) =>
      cancelRedemptionVerdict({ status, byOwner: seen.personId === session.personId, bySteward: hasAnyRole(callerRoles, gardenStewards) })
    // Refuse a stranger before taking any lock.
    const early = verdictFor(seen.status)
    if (early.kind === 'refused' && early.code === 'forbidden') throw new AppError('forbidden', '只能取消自己的兑换')
    await lockPeople(db, [seen.personId])
    const redemption = await loadRedemption(db, body.villageId, body.redemptionId, true)
    const verdict = verdictFor(redemption.status)
    if (verdict.kind === 'refused') throw new AppError(verdict.code)
    let row = redemption
    if (verdict.kind === 'go') {
      const cancelledAt = new Date()
      const [updated] = await db
        .update(gardenRedemptions)
        .set({ status: 'cancelled', cancelledAt, cancelledBy: session.personId, cancelReason: body.reason })
        .where(and(eq(gardenRedemptions.id, redemption.id), eq(gardenRedemptions.status, 'requested')))
        .returning()
      if (!updated) throw new AppError('conflict')
      row = updated
      await db
        .update(gardenRewards)
        .set({ stock: sql`${gardenRewards.stock} + 1` })
        .where(eq(gardenRewards.id, redemption.rewardId))
      const [paid] = await db
        .select({ id: gardenPointsLedger.id, reason: gardenPointsLedger.reason })
        .from(gardenPointsLedger)
        .where(and(eq(gardenPointsLedger.redemptionId, redemption.id), eq(gardenPointsLedger.kind, 'redemption')))
      await db.insert(gardenPointsLedger).values({
        villageId: body.villageId,
        personId: redemption.personId,
        kind: 'refund',
        redemptionId: redemption.id,
        correctsEntryId: paid?.id ?? null,
        points: redemption.points,
        reason: `取消${(paid?.reason ?? '兑换').replace(/^兑换 /, '兑换')}：${body.reason}`,
        createdBy: session.personId,
      })
      await appendAudit(db, {
        villageId: body.villageId,
        actorPersonId: session.personId,
        action: 'garden.redemption.cancelled',
        subjectType: 'garden_redemption',
        subjectId: redemption.id,
        payload: { personId: redemption.personId, rewardId: redemption.rewardId, points: redemption.points, reason: body.reason },
      })
    }
    return {
      redemption: await describeRedemption(db, row),
      balance: await balanceOf(db, body.villageId, row.personId),
      stock: await stockOf(db, row.rewardId),
      already: verdict.kind === 'already',
    }
  },
})

export const POST = toWebHandler(route)
