import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import { householdLabels } from '../../shared/people'
import type { Db } from '../../db/client'
import {
  bundleTickets,
  customerOrders,
  households,
  materialMovements,
  payAdjustments,
  payPeriodLines,
  payPeriodRateLines,
  payPeriods,
  pieceCollections,
  pieceOperations,
  pieceProducts,
  pieceRates,
  people,
  villages,
  workshopNeighbourVillages,
  workshopWorkers,
  workshops,
  type PayPeriod,
  type PieceCollection,
  type Workshop,
} from '../../db/schema'
import { AppError } from '../../shared/errors'
import {
  buildRateBook,
  computePay,
  GRAMS,
  movementUnit,
  operationMaterial,
  sortRateLines,
  ticketQrText,
  type Collection,
  type MaterialMovement,
  type MaterialUse,
  type Ticket,
  type Order,
  type PaySheet,
  type Period,
  type RateLine,
  type RateLineOut,
  type RateRow,
  type Worker,
} from '../../shared/piecework'

// Files starting with "_" are helpers, not routes (Vercel skips them).

/**
 * `update` is taken by whatever locks pay (closing a period, new rates, adjustments); `share` by
 * collections, so a collection and a period close never interleave.
 */
export async function loadWorkshop(db: Db, workshopId: string, lock?: 'update' | 'share'): Promise<Workshop> {
  const query = db.select().from(workshops).where(eq(workshops.id, workshopId))
  const [workshop] = lock ? await query.for(lock) : await query
  if (!workshop) throw new AppError('not_found', '找不到这个工坊')
  return workshop
}

export async function loadPeriod(db: Db, periodId: string): Promise<{ period: PayPeriod; workshop: Workshop }> {
  const [period] = await db.select().from(payPeriods).where(eq(payPeriods.id, periodId))
  if (!period) throw new AppError('not_found', '找不到这个工资周期')
  return { period, workshop: await loadWorkshop(db, period.workshopId) }
}

/** The worker must belong to this workshop; a household of another workshop is refused. */
export async function loadWorker(db: Db, workshopId: string, workerId: string, lock = false) {
  const query = db
    .select()
    .from(workshopWorkers)
    .where(and(eq(workshopWorkers.id, workerId), eq(workshopWorkers.workshopId, workshopId)))
  const [worker] = lock ? await query.for('update') : await query
  if (!worker) throw new AppError('piecework_worker_not_in_workshop')
  return worker
}

export async function listWorkers(db: Db, workshop: Workshop, onlyIds?: readonly string[]): Promise<Worker[]> {
  const rows = await db
    .select({
      id: workshopWorkers.id,
      householdId: workshopWorkers.householdId,
      label: households.label,
      group: households.group,
      houseNumber: households.houseNumber,
      headName: people.name,
      headBirthYear: people.birthYear,
      villageId: villages.id,
      villageName: villages.name,
    })
    .from(workshopWorkers)
    .innerJoin(households, eq(households.id, workshopWorkers.householdId))
    .innerJoin(villages, eq(villages.id, households.villageId))
    .leftJoin(people, eq(people.id, households.headPersonId))
    .where(onlyIds ? and(eq(workshopWorkers.workshopId, workshop.id), inArray(workshopWorkers.id, [...onlyIds])) : eq(workshopWorkers.workshopId, workshop.id))
    .orderBy(asc(workshopWorkers.joinedAt), asc(households.label))
  // Told apart within the list, by village and the head's age when 组 and 户号 are not enough.
  const labels = householdLabels(rows)
  return rows.map((row, index) => ({
    id: row.id,
    householdId: row.householdId,
    name: row.headName ?? row.label,
    label: labels[index] ?? row.label,
    villageName: row.villageName,
    fromOtherVillage: row.villageId !== workshop.villageId,
  }))
}

export async function listPeriods(db: Db, workshopId: string): Promise<PayPeriod[]> {
  return db.select().from(payPeriods).where(eq(payPeriods.workshopId, workshopId)).orderBy(asc(payPeriods.startsOn))
}

export async function workshopRates(db: Db, workshopId: string): Promise<RateRow[]> {
  return db
    .select({ operationId: pieceRates.operationId, rateFen: pieceRates.rateFen, effectiveFrom: pieceRates.effectiveFrom })
    .from(pieceRates)
    .innerJoin(pieceOperations, eq(pieceOperations.id, pieceRates.operationId))
    .innerJoin(pieceProducts, eq(pieceProducts.id, pieceOperations.productId))
    .where(eq(pieceProducts.workshopId, workshopId))
}

export function periodOut(period: PayPeriod, totalFen: number | null): Period {
  return {
    id: period.id,
    name: period.name,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    status: period.status,
    closedAt: period.closedAt ? period.closedAt.toISOString() : null,
    totalFen,
  }
}

export function collectionOut(row: PieceCollection, ticketCode: string | null = null): Collection {
  return {
    id: row.id,
    clientId: row.clientId,
    workerId: row.workerId,
    orderId: row.orderId,
    operationId: row.operationId,
    collectedOn: row.collectedOn,
    accepted: row.accepted,
    rejected: row.rejected,
    rework: row.rework,
    rejectReason: row.rejectReason,
    reworkReturn: row.reworkReturn,
    overOrderReason: row.overOrderReason,
    correctsId: row.correctsId,
    correctionReason: row.correctionReason,
    ticketCode,
  }
}

/** Collections of a workshop between two days (inclusive), for pay. */
export async function collectionsBetween(db: Db, workshopId: string, from: string, to: string, workerId?: string) {
  return db
    .select({
      workerId: pieceCollections.workerId,
      operationId: pieceCollections.operationId,
      orderId: pieceCollections.orderId,
      collectedOn: pieceCollections.collectedOn,
      accepted: pieceCollections.accepted,
      rejected: pieceCollections.rejected,
      rework: pieceCollections.rework,
      reworkReturn: pieceCollections.reworkReturn,
    })
    .from(pieceCollections)
    .where(
      and(
        eq(pieceCollections.workshopId, workshopId),
        gte(pieceCollections.collectedOn, from),
        lte(pieceCollections.collectedOn, to),
        workerId ? eq(pieceCollections.workerId, workerId) : undefined,
      ),
    )
}

/** Operation and product names of a workshop, for the lines of the pay arithmetic. */
export async function operationLabels(db: Db, workshopId: string): Promise<Map<string, { operationName: string; productName: string }>> {
  const rows = await db
    .select({ id: pieceOperations.id, operationName: pieceOperations.name, productName: pieceProducts.name })
    .from(pieceOperations)
    .innerJoin(pieceProducts, eq(pieceProducts.id, pieceOperations.productId))
    .where(eq(pieceProducts.workshopId, workshopId))
  return new Map(rows.map((r) => [r.id, { operationName: r.operationName, productName: r.productName }]))
}

export function rateLinesOut(lines: readonly RateLine[], labels: ReadonlyMap<string, { operationName: string; productName: string }>): RateLineOut[] {
  return lines.map((line) => ({
    ...line,
    operationName: labels.get(line.operationId)?.operationName ?? '',
    productName: labels.get(line.operationId)?.productName ?? '',
  }))
}

/** The closing snapshot's arithmetic per worker of closed periods. */
export async function snapshotRateLines(db: Db, periodIds: readonly string[], workerId?: string): Promise<Map<string, RateLine[]>> {
  if (periodIds.length === 0) return new Map()
  const rows = await db
    .select()
    .from(payPeriodRateLines)
    .where(and(inArray(payPeriodRateLines.periodId, [...periodIds]), workerId ? eq(payPeriodRateLines.workerId, workerId) : undefined))
  const byKey = new Map<string, RateLine[]>()
  for (const row of rows) {
    const key = `${row.periodId}|${row.workerId}`
    byKey.set(key, [
      ...(byKey.get(key) ?? []),
      { operationId: row.operationId, rateFen: row.rateFen, acceptedPieces: row.acceptedPieces, amountFen: row.grossFen },
    ])
  }
  for (const list of byKey.values()) sortRateLines(list)
  return byKey
}

/** Writes the closing snapshot's arithmetic (every accepted piece is priced by then). */
export async function insertRateLines(db: Db, periodId: string, lines: readonly { workerId: string; byRate: readonly RateLine[] }[]): Promise<void> {
  const rows = lines.flatMap((line) =>
    line.byRate.flatMap((r) =>
      r.rateFen === null || r.acceptedPieces === 0
        ? []
        : [{ periodId, workerId: line.workerId, operationId: r.operationId, rateFen: r.rateFen, acceptedPieces: r.acceptedPieces, grossFen: r.amountFen }],
    ),
  )
  for (let i = 0; i < rows.length; i += 1000) await db.insert(payPeriodRateLines).values(rows.slice(i, i + 1000))
}

/** The pay sheet of a period: the snapshot once closed, computed live while open. */
export async function paySheetFor(db: Db, workshop: Workshop, period: PayPeriod): Promise<PaySheet> {
  let lines: (Omit<PaySheet['lines'][number], 'workerName' | 'villageName' | 'byRate'> & { byRate: RateLine[] })[]
  if (period.status === 'closed') {
    const rows = await db.select().from(payPeriodLines).where(eq(payPeriodLines.periodId, period.id))
    const rateLines = await snapshotRateLines(db, [period.id])
    lines = rows.map((row) => ({
      workerId: row.workerId,
      acceptedPieces: row.acceptedPieces,
      rejectedPieces: row.rejectedPieces,
      reworkPieces: row.reworkPieces,
      ratesFen: row.ratesFen ? row.ratesFen.split(',').map(Number) : [],
      grossFen: row.grossFen,
      adjustmentsFen: row.adjustmentsFen,
      totalFen: row.totalFen,
      // A period closes only when every accepted piece has a rate.
      unratedPieces: 0,
      byRate: rateLines.get(`${period.id}|${row.workerId}`) ?? [],
    }))
  } else {
    lines = (await computePeriodPay(db, workshop, period)).lines
  }
  const workers = new Map((await listWorkers(db, workshop)).map((w) => [w.id, w]))
  const labels = await operationLabels(db, workshop.id)
  const named = lines
    .map((line) => ({
      ...line,
      byRate: rateLinesOut(line.byRate, labels),
      workerName: workers.get(line.workerId)?.name ?? '',
      villageName: workers.get(line.workerId)?.villageName ?? '',
    }))
    .sort((a, b) => a.workerName.localeCompare(b.workerName, 'zh-CN'))
  const grossFen = named.reduce((sum, l) => sum + l.grossFen, 0)
  const adjustmentsFen = named.reduce((sum, l) => sum + l.adjustmentsFen, 0)
  return {
    period: periodOut(period, grossFen + adjustmentsFen),
    workshopName: workshop.name,
    lines: named,
    grossFen,
    adjustmentsFen,
    totalFen: grossFen + adjustmentsFen,
    unratedPieces: named.reduce((sum, l) => sum + l.unratedPieces, 0),
    locked: period.status === 'closed',
  }
}

export async function computePeriodPay(db: Db, workshop: Workshop, period: PayPeriod) {
  // One after another: inside a transaction they share one connection, which takes one query at a time.
  const collections = await collectionsBetween(db, workshop.id, period.startsOn, period.endsOn)
  const rates = await workshopRates(db, workshop.id)
  const adjustments = await db
    .select({ workerId: payAdjustments.workerId, amountFen: payAdjustments.amountFen })
    .from(payAdjustments)
    .where(eq(payAdjustments.periodId, period.id))
  return computePay(collections, buildRateBook(rates), adjustments)
}

/** Orders with their progress: accepted pieces at the product's main (first) operation. */
export async function listOrders(db: Db, workshopId: string): Promise<Order[]> {
  const orders = await db
    .select({
      id: customerOrders.id,
      customer: customerOrders.customer,
      productId: customerOrders.productId,
      productName: pieceProducts.name,
      quantity: customerOrders.quantity,
      dueOn: customerOrders.dueOn,
      unitPriceFen: customerOrders.unitPriceFen,
    })
    .from(customerOrders)
    .innerJoin(pieceProducts, eq(pieceProducts.id, customerOrders.productId))
    .where(eq(customerOrders.workshopId, workshopId))
    .orderBy(asc(customerOrders.dueOn))
  const accepted = await db
    .select({
      orderId: pieceCollections.orderId,
      accepted: sql<number>`coalesce(sum(${pieceCollections.accepted}), 0)`.mapWith(Number),
    })
    .from(pieceCollections)
    .innerJoin(pieceOperations, eq(pieceOperations.id, pieceCollections.operationId))
    .where(and(eq(pieceCollections.workshopId, workshopId), eq(pieceOperations.sortOrder, 0)))
    .groupBy(pieceCollections.orderId)
  const issued = await db
    .select({
      orderId: materialMovements.orderId,
      grams:
        sql<number>`coalesce(sum(case when ${materialMovements.kind} = 'issue' then ${materialMovements.grams} else -${materialMovements.grams} end), 0)`.mapWith(
          Number,
        ),
    })
    .from(materialMovements)
    .where(eq(materialMovements.workshopId, workshopId))
    .groupBy(materialMovements.orderId)
  // The same count the order limit is decided on (orderCountDelta), per operation.
  const counted = await db
    .select({
      orderId: pieceCollections.orderId,
      operationId: pieceCollections.operationId,
      counted:
        sql<number>`coalesce(sum(case when ${pieceCollections.reworkReturn} then -${pieceCollections.rejected} else ${pieceCollections.accepted} + ${pieceCollections.rework} end), 0)`.mapWith(
          Number,
        ),
    })
    .from(pieceCollections)
    .where(eq(pieceCollections.workshopId, workshopId))
    .groupBy(pieceCollections.orderId, pieceCollections.operationId)
  const acceptedBy = new Map(accepted.map((r) => [r.orderId, r.accepted]))
  const issuedBy = new Map(issued.map((r) => [r.orderId, r.grams]))
  return orders.map((o) => ({
    ...o,
    acceptedPieces: acceptedBy.get(o.id) ?? 0,
    issuedGrams: issuedBy.get(o.id) ?? 0,
    countedByOperation: counted.filter((c) => c.orderId === o.id).map((c) => ({ operationId: c.operationId, counted: c.counted })),
  }))
}

/**
 * Days with accepted pieces that no pay period of the workshop covers, up to `upTo` if given.
 * The API refuses new ones; these are rows stored before that rule, or by hand.
 */
export async function uncoveredCollectionDays(db: Db, workshopId: string, upTo?: string): Promise<{ day: string; accepted: number }[]> {
  const rows = await db
    .select({
      day: pieceCollections.collectedOn,
      accepted: sql<number>`coalesce(sum(${pieceCollections.accepted}), 0)`.mapWith(Number),
    })
    .from(pieceCollections)
    .where(
      and(
        eq(pieceCollections.workshopId, workshopId),
        upTo ? lte(pieceCollections.collectedOn, upTo) : undefined,
        sql`not exists (select 1 from ${payPeriods} p where p.workshop_id = ${pieceCollections.workshopId}
              and ${pieceCollections.collectedOn} between p.starts_on and p.ends_on)`,
      ),
    )
    .groupBy(pieceCollections.collectedOn)
    .orderBy(asc(pieceCollections.collectedOn))
  return rows.filter((r) => r.accepted > 0)
}

export async function neighbourVillagesOf(db: Db, workshopId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: villages.id, name: villages.name })
    .from(workshopNeighbourVillages)
    .innerJoin(villages, eq(villages.id, workshopNeighbourVillages.villageId))
    .where(eq(workshopNeighbourVillages.workshopId, workshopId))
    .orderBy(asc(villages.name))
}

/** Total pay per period: the closing snapshot for closed ones, computed for open ones. */
export async function periodTotals(db: Db, workshop: Workshop, periods: readonly PayPeriod[]): Promise<Map<string, number>> {
  const totals = new Map<string, number>()
  const closedIds = periods.filter((p) => p.status === 'closed').map((p) => p.id)
  if (closedIds.length > 0) {
    const rows = await db
      .select({ periodId: payPeriodLines.periodId, total: sql<number>`coalesce(sum(${payPeriodLines.totalFen}), 0)`.mapWith(Number) })
      .from(payPeriodLines)
      .where(inArray(payPeriodLines.periodId, closedIds))
      .groupBy(payPeriodLines.periodId)
    for (const id of closedIds) totals.set(id, rows.find((r) => r.periodId === id)?.total ?? 0)
  }
  for (const period of periods) {
    if (period.status === 'open') totals.set(period.id, (await computePeriodPay(db, workshop, period)).totalFen)
  }
  return totals
}

/** Material issued and returned, each in its unit (grams, or the count's unit). */
export async function materialMovementsOf(db: Db, workshopId: string, workerId?: string): Promise<MaterialMovement[]> {
  const rows = await db
    .select({
      workerId: materialMovements.workerId,
      productId: customerOrders.productId,
      grams: materialMovements.grams,
      count: materialMovements.count,
      unit: materialMovements.unit,
      kind: materialMovements.kind,
      expectedPieces: materialMovements.expectedPieces,
    })
    .from(materialMovements)
    .innerJoin(customerOrders, eq(customerOrders.id, materialMovements.orderId))
    .where(and(eq(materialMovements.workshopId, workshopId), workerId ? eq(materialMovements.workerId, workerId) : undefined))
  return rows.map((r) => ({
    workerId: r.workerId,
    productId: r.productId,
    unit: movementUnit(r),
    amount: r.grams ?? r.count ?? 0,
    kind: r.kind,
    expectedPieces: r.expectedPieces,
  }))
}

/**
 * Pieces per household and operation with the material each piece uses, for reconciliation:
 * accepted and rejected pieces have used their material (a rework return's verdict included);
 * pieces out for rework still hold it. Corrections are rows too, so the sums follow them.
 */
export async function materialUsesOf(db: Db, workshopId: string, workerId?: string): Promise<MaterialUse[]> {
  return (await usesByOperation(db, workshopId, workerId)).flatMap((r) => {
    const material = operationMaterial(r)
    if (!material) return []
    return [
      {
        workerId: r.workerId,
        productId: r.productId,
        unit: material.unit,
        perPiece: material.perPiece,
        accepted: r.accepted,
        rejected: r.rejected,
        rework: 0,
        reworkReturn: false,
      },
    ]
  })
}

async function usesByOperation(db: Db, workshopId: string, workerId?: string) {
  return db
    .select({
      workerId: pieceCollections.workerId,
      productId: pieceOperations.productId,
      gramsPerPiece: pieceOperations.gramsPerPiece,
      countPerPiece: pieceOperations.countPerPiece,
      countUnit: pieceOperations.countUnit,
      accepted: sql<number>`coalesce(sum(${pieceCollections.accepted}), 0)`.mapWith(Number),
      rejected: sql<number>`coalesce(sum(${pieceCollections.rejected}), 0)`.mapWith(Number),
      // First inspections only: what the over-collection rule counts as made (piecesMade).
      made: sql<number>`coalesce(sum(case when ${pieceCollections.reworkReturn} then 0 else ${pieceCollections.accepted} + ${pieceCollections.rejected} + ${pieceCollections.rework} end), 0)`.mapWith(
        Number,
      ),
    })
    .from(pieceCollections)
    .innerJoin(pieceOperations, eq(pieceOperations.id, pieceCollections.operationId))
    .where(and(eq(pieceCollections.workshopId, workshopId), workerId ? eq(pieceCollections.workerId, workerId) : undefined))
    .groupBy(
      pieceCollections.workerId,
      pieceOperations.id,
      pieceOperations.productId,
      pieceOperations.gramsPerPiece,
      pieceOperations.countPerPiece,
      pieceOperations.countUnit,
    )
}

/** Each household's material per product and unit as the collect screen's rule needs it: net issued, and used by pieces made. */
export async function materialOnHand(
  db: Db,
  workshopId: string,
): Promise<{ workerId: string; productId: string; unit: string; netIssued: number; used: number }[]> {
  const balances = new Map<string, { workerId: string; productId: string; unit: string; netIssued: number; used: number }>()
  const at = (workerId: string, productId: string, unit: string) => {
    const key = `${workerId}|${productId}|${unit}`
    const found = balances.get(key) ?? { workerId, productId, unit, netIssued: 0, used: 0 }
    balances.set(key, found)
    return found
  }
  for (const m of await materialMovementsOf(db, workshopId)) at(m.workerId, m.productId, m.unit).netIssued += m.kind === 'issue' ? m.amount : -m.amount
  for (const r of await usesByOperation(db, workshopId)) {
    const material = operationMaterial(r)
    if (material) at(r.workerId, r.productId, material.unit).used += r.made * material.perPiece
  }
  return [...balances.values()]
}

/** The material name of a product in a unit: the product's (weighed) or the counting operation's. */
export function materialNameFor(
  product: { materialName: string },
  operations: readonly { countUnit: string | null; countMaterialName: string | null }[],
  unit: string,
): string {
  if (unit === GRAMS) return product.materialName
  return operations.find((o) => o.countUnit === unit)?.countMaterialName ?? product.materialName
}

/** Bundle tickets of a workshop with who collected them and when. */
export async function listTickets(
  db: Db,
  workshop: Workshop,
  options: { status?: 'open' | 'collected' | 'all'; ids?: readonly string[]; codes?: readonly string[] } = {},
): Promise<Ticket[]> {
  const collector = sql`(select ${people.name} from ${people} where ${people.id} = ${pieceCollections.createdBy})`
  const rows = await db
    .select({
      ticket: bundleTickets,
      customer: customerOrders.customer,
      operationName: pieceOperations.name,
      productName: pieceProducts.name,
      collectionId: pieceCollections.id,
      collectedAt: pieceCollections.createdAt,
      collectedOn: pieceCollections.collectedOn,
      collectedBy: sql<string | null>`${collector}`,
    })
    .from(bundleTickets)
    .innerJoin(customerOrders, eq(customerOrders.id, bundleTickets.orderId))
    .innerJoin(pieceOperations, eq(pieceOperations.id, bundleTickets.operationId))
    .innerJoin(pieceProducts, eq(pieceProducts.id, pieceOperations.productId))
    .leftJoin(pieceCollections, eq(pieceCollections.ticketId, bundleTickets.id))
    .where(
      and(
        eq(bundleTickets.workshopId, workshop.id),
        options.ids ? inArray(bundleTickets.id, [...options.ids]) : undefined,
        options.codes ? inArray(bundleTickets.code, [...options.codes]) : undefined,
        options.status === 'open' ? sql`${pieceCollections.id} is null` : options.status === 'collected' ? sql`${pieceCollections.id} is not null` : undefined,
      ),
    )
    .orderBy(asc(bundleTickets.issuedOn), asc(bundleTickets.createdAt), asc(bundleTickets.code))
  if (rows.length === 0) return []
  const names = new Map((await listWorkers(db, workshop, [...new Set(rows.map((r) => r.ticket.workerId))])).map((w) => [w.id, w.name]))
  return rows.map((r) => ({
    id: r.ticket.id,
    code: r.ticket.code,
    qrText: ticketQrText(r.ticket.code),
    workerId: r.ticket.workerId,
    workerName: names.get(r.ticket.workerId) ?? '',
    orderId: r.ticket.orderId,
    customer: r.customer,
    operationId: r.ticket.operationId,
    operationName: r.operationName,
    productName: r.productName,
    pieces: r.ticket.pieces,
    issuedOn: r.ticket.issuedOn,
    collected:
      r.collectionId && r.collectedAt && r.collectedOn
        ? { collectionId: r.collectionId, at: r.collectedAt.toISOString(), byName: r.collectedBy ?? '', collectedOn: r.collectedOn }
        : null,
  }))
}

/** Reconciliation of tickets: issued, collected, still out (and the pieces still out). */
export function ticketSummary(tickets: readonly Ticket[]): { issued: number; collected: number; open: number; openPieces: number } {
  const open = tickets.filter((t) => t.collected === null)
  return { issued: tickets.length, collected: tickets.length - open.length, open: open.length, openPieces: open.reduce((sum, t) => sum + t.pieces, 0) }
}
