import { and, between, eq, max, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { payPeriodLines, payPeriods, pieceCollections } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { closeBlocker, closePeriodInput, closingEndsOn, paySheetResponse } from '../../../../shared/piecework'
import { todayInChina } from '../../../../shared/time'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { computePeriodPay, insertRateLines, loadPeriod, loadWorkshop, paySheetFor, uncoveredCollectionDays } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/periods/close',
  summary: '结账：锁定工资周期，保存工资单；提前结账则周期到今天为止，其余日子留给下一期；之后的更正记入下一周期的调整',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: closePeriodInput,
  response: paySheetResponse,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'piecework_period_closed',
    'piecework_unrated_pieces',
    'piecework_period_gap',
    'piecework_period_not_started',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const found = await loadPeriod(db, body.periodId)
    const workshop = await loadWorkshop(db, found.workshop.id, 'update')
    authorize(workshop.villageId)
    const [period] = await db.select().from(payPeriods).where(eq(payPeriods.id, body.periodId)).for('update')
    if (!period) throw new AppError('not_found')
    if (period.status === 'closed') throw new AppError('piecework_period_closed', '这个周期已经结账了')
    const [last] = await db
      .select({ day: max(pieceCollections.collectedOn) })
      .from(pieceCollections)
      .where(and(eq(pieceCollections.workshopId, workshop.id), between(pieceCollections.collectedOn, period.startsOn, period.endsOn)))
    const ending = closingEndsOn({ startsOn: period.startsOn, endsOn: period.endsOn, today: todayInChina(), lastCollectionDay: last?.day ?? null })
    if ('code' in ending) throw new AppError(ending.code, ending.message)
    // Closed early: the period ends today and the days after stay free for the next period.
    const pay = await computePeriodPay(db, workshop, { ...period, endsOn: ending.endsOn })
    // Under the workshop lock no collection or period can appear meanwhile.
    const blocker = closeBlocker({
      unratedPieces: pay.lines.reduce((sum, line) => sum + line.unratedPieces, 0),
      uncovered: await uncoveredCollectionDays(db, workshop.id, ending.endsOn),
    })
    if (blocker) throw new AppError(blocker.code, blocker.message)
    if (pay.lines.length > 0) {
      await db.insert(payPeriodLines).values(
        pay.lines.map((line) => ({
          periodId: period.id,
          workerId: line.workerId,
          acceptedPieces: line.acceptedPieces,
          rejectedPieces: line.rejectedPieces,
          reworkPieces: line.reworkPieces,
          ratesFen: line.ratesFen.join(','),
          grossFen: line.grossFen,
          adjustmentsFen: line.adjustmentsFen,
          totalFen: line.totalFen,
        })),
      )
    }
    await insertRateLines(db, period.id, pay.lines)
    const [closed] = await db
      .update(payPeriods)
      .set({ status: 'closed', endsOn: ending.endsOn, closedAt: sql`now()`, closedBy: session.personId })
      .where(eq(payPeriods.id, period.id))
      .returning()
    if (!closed) throw new AppError('not_found')
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: 'piecework.period.closed',
      subjectType: 'pay_period',
      subjectId: period.id,
      payload: {
        totalFen: pay.totalFen,
        grossFen: pay.grossFen,
        adjustmentsFen: pay.adjustmentsFen,
        workers: pay.lines.length,
        ...(ending.early ? { endsOn: ending.endsOn, plannedEndsOn: period.endsOn } : {}),
      },
    })
    return paySheetFor(db, workshop, closed)
  },
})

export const POST = toWebHandler(route)
