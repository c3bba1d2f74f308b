import { and, eq, gte, inArray, lte } from 'drizzle-orm'
import { payAdjustments, payPeriodLines, payPeriods, pieceOperations, pieceProducts, workshopWorkers } from '../../../db/schema'
import { AppError } from '../../../shared/errors'
import { buildRateBook, computePay, rateOn, reconcileMaterial, statementQuery, statementResponse, type StatementPeriod } from '../../../shared/piecework'
import { requireOwnWorkerOrViewer } from '../../lib/auth'
import { defineRoute, toWebHandler } from '../../lib/route'
import {
  collectionsBetween,
  listPeriods,
  listWorkers,
  loadWorker,
  loadWorkshop,
  materialMovementsOf,
  materialNameFor,
  materialUsesOf,
  operationLabels,
  periodOut,
  rateLinesOut,
  snapshotRateLines,
  workshopRates,
} from '../../queries/piecework'
import { todayInChina } from '../../../shared/time'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/statement',
  summary: '加工户对账单：我的材料、我交的件、我的工资（今天、本周期、今年），以及每一期的工资怎么算出来的',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  query: statementQuery,
  response: statementResponse,
  errors: ['not_found', 'piecework_not_your_pay', 'piecework_worker_not_in_workshop'],
  handler: async ({ db, authorizeWith, session, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    let workerId = query.workerId
    if (!workerId) {
      // No worker named: the caller's own household in this workshop.
      const [own] = session.householdId
        ? await db
            .select({ id: workshopWorkers.id })
            .from(workshopWorkers)
            .where(and(eq(workshopWorkers.workshopId, workshop.id), eq(workshopWorkers.householdId, session.householdId)))
        : []
      if (!own) throw new AppError('piecework_worker_not_in_workshop', '您家还不是这个工坊的加工户')
      workerId = own.id
    }
    const workerRow = await loadWorker(db, workshop.id, workerId)
    authorizeWith(() => requireOwnWorkerOrViewer(session, workshop, workerRow))
    const [worker] = await listWorkers(db, workshop, [workerRow.id])
    if (!worker) throw new AppError('not_found')

    const today = todayInChina()
    const yearStart = `${today.slice(0, 4)}-01-01`
    const periods = await listPeriods(db, workshop.id)
    const current =
      periods.find((p) => p.startsOn <= today && today <= p.endsOn) ??
      [...periods].reverse().find((p) => p.status === 'open') ??
      periods[periods.length - 1] ??
      null
    const book = buildRateBook(await workshopRates(db, workshop.id))
    const yearCollections = await collectionsBetween(db, workshop.id, yearStart, `${today.slice(0, 4)}-12-31`, worker.id)
    const adjustments = periods.length
      ? await db
          .select({ periodId: payAdjustments.periodId, amountFen: payAdjustments.amountFen, reason: payAdjustments.reason, workerId: payAdjustments.workerId })
          .from(payAdjustments)
          .where(
            and(
              eq(payAdjustments.workerId, worker.id),
              inArray(
                payAdjustments.periodId,
                periods.map((p) => p.id),
              ),
            ),
          )
          .orderBy(payAdjustments.createdAt)
      : []
    const periodById = new Map(periods.map((p) => [p.id, p]))
    const yearAdjustments = adjustments.filter((a) => (periodById.get(a.periodId)?.endsOn ?? '') >= yearStart)
    const yearFen = computePay(yearCollections, book, yearAdjustments).totalFen
    const periodFen = current
      ? computePay(
          yearCollections.filter((c) => c.collectedOn >= current.startsOn && c.collectedOn <= current.endsOn),
          book,
          adjustments.filter((a) => a.periodId === current.id),
        ).totalFen
      : 0
    const todayFen = computePay(
      yearCollections.filter((c) => c.collectedOn === today),
      book,
    ).totalFen

    const byDay = new Map<string, { day: string; accepted: number; rejected: number; rework: number; earnedFen: number }>()
    const since = new Date(Date.parse(`${today}T00:00:00Z`) - 41 * 86400_000).toISOString().slice(0, 10)
    for (const c of await collectionsBetween(db, workshop.id, since, today, worker.id)) {
      const day = byDay.get(c.collectedOn) ?? { day: c.collectedOn, accepted: 0, rejected: 0, rework: 0, earnedFen: 0 }
      day.accepted += c.accepted
      day.rejected += c.rejected
      day.rework += c.rework
      day.earnedFen += c.accepted * (rateOn(book, c.operationId, c.collectedOn) ?? 0)
      byDay.set(c.collectedOn, day)
    }

    const movements = await materialMovementsOf(db, workshop.id, worker.id)
    const allCollections = await collectionsBetween(db, workshop.id, '2000-01-01', '2100-12-31', worker.id)
    const operations = await db
      .select({
        id: pieceOperations.id,
        productId: pieceOperations.productId,
        countUnit: pieceOperations.countUnit,
        countMaterialName: pieceOperations.countMaterialName,
        productName: pieceProducts.name,
        materialName: pieceProducts.materialName,
      })
      .from(pieceOperations)
      .innerJoin(pieceProducts, eq(pieceProducts.id, pieceOperations.productId))
      .where(eq(pieceProducts.workshopId, workshop.id))
    const balances = reconcileMaterial(movements, await materialUsesOf(db, workshop.id, worker.id), workshop.toleranceBp)
    const productInfo = new Map(operations.map((o) => [o.productId, o]))
    const adjustmentPeriods = await db
      .select({ id: payPeriods.id, name: payPeriods.name })
      .from(payPeriods)
      .where(and(eq(payPeriods.workshopId, workshop.id), gte(payPeriods.endsOn, yearStart), lte(payPeriods.startsOn, today)))
    const periodNames = new Map(adjustmentPeriods.map((p) => [p.id, p.name]))

    // Every period with pay for this household: closed ones as paid (the closing snapshot),
    // open ones as the pieces so far come to, each with its arithmetic.
    const labels = await operationLabels(db, workshop.id)
    const closedIds = periods.filter((p) => p.status === 'closed').map((p) => p.id)
    const paidLines = closedIds.length
      ? await db
          .select()
          .from(payPeriodLines)
          .where(and(eq(payPeriodLines.workerId, worker.id), inArray(payPeriodLines.periodId, closedIds)))
      : []
    const paidRateLines = await snapshotRateLines(db, closedIds, worker.id)
    const periodStatements: StatementPeriod[] = []
    for (const period of [...periods].reverse()) {
      const periodAdjustments = adjustments.filter((a) => a.periodId === period.id).map((a) => ({ amountFen: a.amountFen, reason: a.reason }))
      if (period.status === 'closed') {
        const paid = paidLines.find((l) => l.periodId === period.id)
        if (!paid) continue
        periodStatements.push({
          period: periodOut(period, paid.totalFen),
          paid: true,
          acceptedPieces: paid.acceptedPieces,
          rejectedPieces: paid.rejectedPieces,
          reworkPieces: paid.reworkPieces,
          unratedPieces: 0,
          byRate: rateLinesOut(paidRateLines.get(`${period.id}|${worker.id}`) ?? [], labels),
          adjustments: periodAdjustments,
          grossFen: paid.grossFen,
          adjustmentsFen: paid.adjustmentsFen,
          totalFen: paid.totalFen,
        })
        continue
      }
      const [line] = computePay(
        allCollections.filter((c) => c.collectedOn >= period.startsOn && c.collectedOn <= period.endsOn),
        book,
        adjustments.filter((a) => a.periodId === period.id),
      ).lines
      if (!line) continue
      periodStatements.push({
        period: periodOut(period, line.totalFen),
        paid: false,
        acceptedPieces: line.acceptedPieces,
        rejectedPieces: line.rejectedPieces,
        reworkPieces: line.reworkPieces,
        unratedPieces: line.unratedPieces,
        byRate: rateLinesOut(line.byRate, labels),
        adjustments: periodAdjustments,
        grossFen: line.grossFen,
        adjustmentsFen: line.adjustmentsFen,
        totalFen: line.totalFen,
      })
    }

    return {
      worker,
      workshopName: workshop.name,
      todayFen,
      periodFen,
      yearFen,
      currentPeriod: current ? periodOut(current, periodFen) : null,
      material: balances.map((b) => {
        const product = productInfo.get(b.productId)
        return {
          productName: product?.productName ?? '',
          materialName: product
            ? materialNameFor(
                product,
                operations.filter((o) => o.productId === b.productId),
                b.unit,
              )
            : '',
          unit: b.unit,
          issued: b.issued,
          returned: b.returned,
          used: b.used,
          outstanding: b.outstanding,
        }
      }),
      days: [...byDay.values()].sort((a, b) => (a.day < b.day ? 1 : -1)),
      periods: periodStatements,
      adjustments: adjustments.map((a) => ({
        periodName: periodNames.get(a.periodId) ?? periodById.get(a.periodId)?.name ?? '',
        amountFen: a.amountFen,
        reason: a.reason,
      })),
    }
  },
})

export const GET = toWebHandler(route)
