import { appendAudit } from '../../../../db/audit'
import { and, eq, sql } from 'drizzle-orm'
import { payAdjustments } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { checkAdjustmentTotal, createAdjustmentInput, idResponse } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadPeriod, loadWorker, loadWorkshop } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/adjustments/create',
  summary: '记一笔工资调整（奖励、扣回预支、更正已结账周期），只能记在未结账的周期',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: createAdjustmentInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_period_closed', 'piecework_worker_not_in_workshop', 'piecework_adjustment_too_large'],
  handler: async ({ authorize, db, session, body }) => {
    const workshop = await loadWorkshop(db, (await loadPeriod(db, body.periodId)).workshop.id, 'update')
    authorize(workshop.villageId)
    // Read again under the workshop lock: a close that committed meanwhile must be seen.
    const found = await loadPeriod(db, body.periodId)
    if (found.period.status === 'closed') throw new AppError('piecework_period_closed', '这个周期已结账，请把调整记在下一个周期')
    const worker = await loadWorker(db, workshop.id, body.workerId)
    const [sum] = await db
      .select({ fen: sql<number>`coalesce(sum(${payAdjustments.amountFen}), 0)`.mapWith(Number) })
      .from(payAdjustments)
      .where(and(eq(payAdjustments.periodId, found.period.id), eq(payAdjustments.workerId, worker.id)))
    const tooLarge = checkAdjustmentTotal(sum?.fen ?? 0, body.amountFen)
    if (tooLarge) throw new AppError(tooLarge.code, tooLarge.message)
    const [row] = await db
      .insert(payAdjustments)
      .values({ periodId: found.period.id, workerId: worker.id, amountFen: body.amountFen, reason: body.reason, createdBy: session.personId })
      .returning({ id: payAdjustments.id })
    if (!row) throw new Error('adjustment insert returned nothing')
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: 'piecework.adjustment.created',
      subjectType: 'pay_adjustment',
      subjectId: row.id,
      payload: { periodId: found.period.id, workerId: worker.id, amountFen: body.amountFen, reason: body.reason },
    })
    return row
  },
})

export const POST = toWebHandler(route)
