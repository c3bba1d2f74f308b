import { randomUUID } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { appendAudit } from '../../db/audit'
import type { Db } from '../../db/client'
import { customerOrders, materialMovements, pieceCollections, pieceOperations, workshopWorkers, type PieceCollection, type Workshop } from '../../db/schema'
import { AppError } from '../../shared/errors'
import {
  checkCorrection,
  closedPeriodContaining,
  correctionText,
  effectiveCounts,
  GRAMS,
  operationMaterial,
  type correctCollectionInput,
  type Counts,
} from '../../shared/piecework'
import type { z } from '../../shared/zod'
import type { Session } from '../lib/auth'
import { collectionOut, listPeriods } from './piecework'

type CorrectionBody = z.output<typeof correctCollectionInput>

const sum = (column: unknown) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number)

/**
 * 作废 / 更正 a collection: one new row linked to the original, holding the change. Runs in the
 * route's transaction under the same locks as a collection (the workshop shared, so a period
 * cannot close meanwhile; the household and the order, so material and the order's count cannot
 * be spent twice; the original, so two corrections of it come one after the other).
 */
export async function recordCorrection(db: Db, workshop: Workshop, session: Session, body: CorrectionBody) {
  const [found] = await db
    .select()
    .from(pieceCollections)
    .where(and(eq(pieceCollections.id, body.collectionId), eq(pieceCollections.workshopId, workshop.id)))
  if (!found) throw new AppError('not_found', '找不到这条交货记录')
  if (found.correctsId !== null) throw new AppError('piecework_correction_target')
  // Locks in the order collections take them: the workshop (by the caller), the household, the order, then the row itself.
  await db.select({ id: workshopWorkers.id }).from(workshopWorkers).where(eq(workshopWorkers.id, found.workerId)).for('update')
  await db.select({ id: customerOrders.id }).from(customerOrders).where(eq(customerOrders.id, found.orderId)).for('update')
  const [original] = await db.select().from(pieceCollections).where(eq(pieceCollections.id, found.id)).for('update')
  if (!original) throw new AppError('not_found', '找不到这条交货记录')
  // Looked up under the original's lock: a retry sent while the first attempt was still running waits for it, then finds it.
  const [twin] = await db.select().from(pieceCollections).where(eq(pieceCollections.clientId, body.clientId))
  if (twin) {
    if (twin.workshopId !== workshop.id || twin.correctsId !== body.collectionId) throw new AppError('conflict', '这条记录的编号已被另一条使用，请重试')
    return { outcome: 'duplicate' as const, correction: collectionOut(twin), counts: await countsOf(db, original.id) }
  }

  const closed = closedPeriodContaining(
    (await listPeriods(db, workshop.id)).map((p) => ({ id: p.id, startsOn: p.startsOn, endsOn: p.endsOn, status: p.status })),
    original.collectedOn,
  )
  if (closed) {
    throw new AppError(
      'piecework_period_closed',
      `${original.collectedOn} 所在的周期（${closed.startsOn} 至 ${closed.endsOn}）已结账，这条交货不能再改；请在下一周期给这户记一笔调整`,
    )
  }
  const current = await countsOf(db, original.id)
  const [operation] = await db.select().from(pieceOperations).where(eq(pieceOperations.id, original.operationId))
  const [order] = await db.select().from(customerOrders).where(eq(customerOrders.id, original.orderId))
  if (!operation || !order) throw new AppError('not_found')
  const usage = operationMaterial(operation)
  const target = body.action === 'void' ? ('void' as const) : { accepted: body.accepted ?? 0, rejected: body.rejected ?? 0, rework: body.rework ?? 0 }
  const decision = checkCorrection({
    current: { ...current, reworkReturn: original.reworkReturn },
    target,
    rejectReason: body.rejectReason?.trim() || original.rejectReason,
    material: usage ? { ...usage, ...(await materialFacts(db, original, usage.unit)), toleranceBp: workshop.toleranceBp } : null,
    openReworkPieces: await openReworkOf(db, original),
    order: {
      quantity: order.quantity,
      countedBefore: await countedOf(db, original),
      toleranceBp: workshop.orderToleranceBp,
      overOrderAllowed: original.overOrderReason !== null,
    },
    piecesThatDay: await piecesThatDay(db, original),
    day: original.collectedOn,
  })
  if ('code' in decision) throw new AppError(decision.code, decision.message)
  const { delta } = decision
  const [row] = await db
    .insert(pieceCollections)
    .values({
      id: randomUUID(),
      clientId: body.clientId,
      workshopId: workshop.id,
      workerId: original.workerId,
      orderId: original.orderId,
      operationId: original.operationId,
      collectedOn: original.collectedOn,
      accepted: delta.accepted,
      rejected: delta.rejected,
      rework: delta.rework,
      rejectReason: target !== 'void' && target.rejected > 0 ? body.rejectReason?.trim() || original.rejectReason : null,
      reworkReturn: original.reworkReturn,
      correctsId: original.id,
      correctionReason: body.reason,
      createdBy: session.personId,
    })
    .returning()
  if (!row) throw new Error('correction insert returned nothing')
  const after: Counts = { accepted: current.accepted + delta.accepted, rejected: current.rejected + delta.rejected, rework: current.rework + delta.rework }
  await appendAudit(db, {
    villageId: workshop.villageId,
    actorPersonId: session.personId,
    action: body.action === 'void' ? 'piecework.collection.voided' : 'piecework.collection.corrected',
    subjectType: 'piece_collection',
    subjectId: row.id,
    payload: { correctsId: original.id, reason: body.reason, before: current, after, change: correctionText(current, after) },
  })
  return { outcome: 'ok' as const, correction: collectionOut(row), counts: after }
}

/** The original's counts with every correction of it. */
async function countsOf(db: Db, originalId: string | null): Promise<Counts> {
  if (originalId === null) return { accepted: 0, rejected: 0, rework: 0 }
  const [original] = await db.select().from(pieceCollections).where(eq(pieceCollections.id, originalId))
  if (!original) throw new AppError('not_found')
  const corrections = await db.select().from(pieceCollections).where(eq(pieceCollections.correctsId, originalId))
  return effectiveCounts(original, corrections)
}

/** The household's material in the operation's unit for the product: net issued, and used by pieces made. */
async function materialFacts(db: Db, c: PieceCollection, unit: string): Promise<{ netIssued: number; alreadyUsed: number }> {
  const amount = sql`coalesce(${materialMovements.grams}, ${materialMovements.count})`
  const [held] = await db
    .select({ net: sum(sql`case when ${materialMovements.kind} = 'issue' then ${amount} else -${amount} end`) })
    .from(materialMovements)
    .innerJoin(customerOrders, eq(customerOrders.id, materialMovements.orderId))
    .where(
      and(
        eq(materialMovements.workerId, c.workerId),
        eq(customerOrders.productId, sql`(select product_id from customer_orders where id = ${c.orderId})`),
        unit === GRAMS ? sql`${materialMovements.grams} is not null` : eq(materialMovements.unit, unit),
      ),
    )
  const operations = await db
    .select()
    .from(pieceOperations)
    .where(eq(pieceOperations.productId, sql`(select product_id from piece_operations where id = ${c.operationId})`))
  const sameUnit = operations.filter((o) => operationMaterial(o)?.unit === unit)
  let alreadyUsed = 0
  if (sameUnit.length > 0) {
    const rows = await db
      .select({
        operationId: pieceCollections.operationId,
        made: sum(
          sql`case when ${pieceCollections.reworkReturn} then 0 else ${pieceCollections.accepted} + ${pieceCollections.rejected} + ${pieceCollections.rework} end`,
        ),
      })
      .from(pieceCollections)
      .where(
        and(
          eq(pieceCollections.workerId, c.workerId),
          inArray(
            pieceCollections.operationId,
            sameUnit.map((o) => o.id),
          ),
        ),
      )
      .groupBy(pieceCollections.operationId)
    for (const r of rows) alreadyUsed += r.made * (operationMaterial(sameUnit.find((o) => o.id === r.operationId) ?? { gramsPerPiece: 0 })?.perPiece ?? 0)
  }
  return { netIssued: held?.net ?? 0, alreadyUsed }
}

async function openReworkOf(db: Db, c: PieceCollection): Promise<number> {
  const [row] = await db
    .select({
      open: sum(
        sql`case when ${pieceCollections.reworkReturn} then -(${pieceCollections.accepted} + ${pieceCollections.rejected}) else ${pieceCollections.rework} end`,
      ),
    })
    .from(pieceCollections)
    .where(and(eq(pieceCollections.workerId, c.workerId), eq(pieceCollections.operationId, c.operationId)))
  return row?.open ?? 0
}

async function countedOf(db: Db, c: PieceCollection): Promise<number> {
  const [row] = await db
    .select({
      counted: sum(
        sql`case when ${pieceCollections.reworkReturn} then -${pieceCollections.rejected} else ${pieceCollections.accepted} + ${pieceCollections.rework} end`,
      ),
    })
    .from(pieceCollections)
    .where(and(eq(pieceCollections.orderId, c.orderId), eq(pieceCollections.operationId, c.operationId)))
  return row?.counted ?? 0
}

async function piecesThatDay(db: Db, c: PieceCollection): Promise<number> {
  const [row] = await db
    .select({ pieces: sum(sql`${pieceCollections.accepted} + ${pieceCollections.rejected} + ${pieceCollections.rework}`) })
    .from(pieceCollections)
    .where(and(eq(pieceCollections.workerId, c.workerId), eq(pieceCollections.collectedOn, c.collectedOn)))
  return row?.pieces ?? 0
}
