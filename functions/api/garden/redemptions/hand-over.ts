import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenRedemptions } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { handOverVerdict, redemptionIdInput, redemptionResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'

import { balanceOf, describeRedemption, loadRedemption, stockOf } from '../../../queries/garden-shop'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/redemptions/hand-over',
  summary: '主理人把兑换的奖品交给志愿者，记为已领取',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: redemptionIdInput,
  response: redemptionResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_redemption_cancelled'],
  handler: async ({ db, session, body }) => {
    const redemption = await loadRedemption(db, body.villageId, body.redemptionId, true)
    const verdict = handOverVerdict(redemption.status)
    if (verdict.kind === 'refused') throw new AppError(verdict.code)
    let row = redemption
    if (verdict.kind === 'go') {
      const [updated] = await db
        .update(gardenRedemptions)
        .set({ status: 'handed_over', handedOverAt: new Date(), handedOverBy: session.personId })
        .where(and(eq(gardenRedemptions.id, redemption.id), eq(gardenRedemptions.status, 'requested')))
        .returning()
      if (!updated) throw new AppError('conflict')
      row = updated
      await appendAudit(db, {
        villageId: body.villageId,
        actorPersonId: session.personId,
        action: 'garden.redemption.handed_over',
        subjectType: 'garden_redemption',
        subjectId: redemption.id,
        payload: { personId: redemption.personId, rewardId: redemption.rewardId, points: redemption.points },
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
