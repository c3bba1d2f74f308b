import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { COUNT_UNITS, movementKinds, periodStatuses } from '../../shared/piecework'
import { households, people, villages } from './core'
import { oneOf } from './one-of'

/** 微工厂: belongs to one village, run by a head (工坊负责人). */
export const workshops = pgTable(
  'workshops',
  {
    id: uuid().primaryKey().defaultRandom(),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
    name: text().notNull(),
    headPersonId: uuid()
      .notNull()
      .references(() => people.id),
    // How far a collection may exceed what the issued material can make (basis points).
    toleranceBp: integer().notNull().default(500),
    // How far collections may exceed an order before the head must mark them 超出订单 (basis points).
    orderToleranceBp: integer().notNull().default(500),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.villageId),
    check('workshops_tolerance_range', sql`${t.toleranceBp} between 0 and 5000`),
    check('workshops_order_tolerance_range', sql`${t.orderToleranceBp} between 0 and 5000`),
  ],
)

/**
 * The neighbouring villages a workshop takes households from (馆里村's takes 前杨村 and 后李村).
 * Its own village needs no row; a household of any other village cannot be added.
 */
export const workshopNeighbourVillages = pgTable(
  'workshop_neighbour_villages',
  {
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id),
    villageId: uuid()
      .notNull()
      .references(() => villages.id),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.villageId] })],
)

/**
 * A household working for a workshop (加工户). Kept apart from village residence: the household
 * may live in a neighbouring village and still work here.
 */
export const workshopWorkers = pgTable(
  'workshop_workers',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id),
    householdId: uuid()
      .notNull()
      .references(() => households.id),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.workshopId, t.householdId), index().on(t.householdId)],
)

export const pieceProducts = pgTable(
  'piece_products',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id),
    name: text().notNull(),
    materialName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workshopId)],
)

/** 工序: what a household does to a piece; each has its own piece rate. */
export const pieceOperations = pgTable(
  'piece_operations',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => pieceProducts.id),
    name: text().notNull(),
    // Material used per piece at this operation, weighed (grams) or counted (sinkers, buttons,
    // vents: countPerPiece in countUnit); at most one of the two, both 0 for no issued material.
    gramsPerPiece: integer().notNull(),
    countPerPiece: integer().notNull().default(0),
    countUnit: text(),
    // What is counted (铅坠, 纽扣); weighed material is the product's materialName.
    countMaterialName: text(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    index().on(t.productId),
    check('piece_operations_grams_nonneg', sql`${t.gramsPerPiece} >= 0`),
    check('piece_operations_count_nonneg', sql`${t.countPerPiece} >= 0`),
    check('piece_operations_one_measure', sql`not (${t.gramsPerPiece} > 0 and ${t.countPerPiece} > 0)`),
    check('piece_operations_count_unit', sql`(${t.countPerPiece} = 0) = (${t.countUnit} is null)`),
    oneOf('piece_operations_count_unit_known', t.countUnit, COUNT_UNITS),
  ],
)

/** 计件单价, effective from a day; a new rate never edits an old one. */
export const pieceRates = pgTable(
  'piece_rates',
  {
    id: uuid().primaryKey().defaultRandom(),
    operationId: uuid()
      .notNull()
      .references(() => pieceOperations.id),
    rateFen: integer().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.operationId, t.effectiveFrom), check('piece_rates_fen_nonneg', sql`${t.rateFen} >= 0`)],
)

/** 客户订单. */
export const customerOrders = pgTable(
  'customer_orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id),
    productId: uuid()
      .notNull()
      .references(() => pieceProducts.id),
    customer: text().notNull(),
    quantity: integer().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    unitPriceFen: integer().notNull(),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workshopId),
    check('customer_orders_quantity_pos', sql`${t.quantity} > 0`),
    check('customer_orders_price_nonneg', sql`${t.unitPriceFen} >= 0`),
  ],
)

/** 领料 / 退料: material moved to or back from a household, against an order; weighed or counted, never both. */
export const materialMovements = pgTable(
  'material_movements',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id),
    orderId: uuid()
      .notNull()
      .references(() => customerOrders.id),
    workerId: uuid()
      .notNull()
      .references(() => workshopWorkers.id),
    kind: text({ enum: movementKinds }).notNull(),
    grams: integer(),
    // Counted material (200 个 sinkers): count and its unit, with grams null.
    count: integer(),
    // A CHECK keeps it to COUNT_UNITS; typed as plain text because the material rules carry
    // GRAMS and the count units in one string (shared/piecework/material.ts).
    unit: text(),
    expectedPieces: integer().notNull().default(0),
    movedOn: date({ mode: 'string' }).notNull(),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.workshopId, t.workerId),
    check(
      'material_movements_one_measure',
      sql`(${t.grams} is not null and ${t.grams} > 0 and ${t.count} is null and ${t.unit} is null) or (${t.grams} is null and ${t.count} is not null and ${t.count} > 0 and ${t.unit} is not null)`,
    ),
    check('material_movements_expected_nonneg', sql`${t.expectedPieces} >= 0`),
    oneOf('material_movements_kind', t.kind, movementKinds),
    oneOf('material_movements_unit', t.unit, COUNT_UNITS),
  ],
)

/**
 * 扎票: a bundle of N pieces issued to a household for one operation, with a short code printed
 * as a QR label. A ticket is collected at most once (piece_collections.ticket_id is unique).
 */
export const bundleTickets = pgTable(
  'bundle_tickets',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id),
    // Short and human-readable (no 0/O/1/I/L), so it can be read out or typed when a camera fails.
    code: text().notNull(),
    workerId: uuid()
      .notNull()
      .references(() => workshopWorkers.id),
    orderId: uuid()
      .notNull()
      .references(() => customerOrders.id),
    operationId: uuid()
      .notNull()
      .references(() => pieceOperations.id),
    pieces: integer().notNull(),
    // The issue of material the bundle was cut from.
    movementId: uuid().references(() => materialMovements.id),
    issuedOn: date({ mode: 'string' }).notNull(),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bundle_tickets_code').on(t.code),
    index().on(t.workshopId, t.workerId),
    check('bundle_tickets_pieces_range', sql`${t.pieces} between 1 and 10000`),
  ],
)

/**
 * 交货验收: one inspection of pieces handed in. The client generates `clientId` (offline queue),
 * and its uniqueness makes replays and double submits count once. Rows are never edited: a
 * correction is a new row linked by `correctsId` holding the change (counts may be negative
 * there), so every sum — pay, material, orders — follows it; a trigger forbids UPDATE and DELETE.
 */
export const pieceCollections = pgTable(
  'piece_collections',
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid().notNull(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id),
    workerId: uuid()
      .notNull()
      .references(() => workshopWorkers.id),
    orderId: uuid()
      .notNull()
      .references(() => customerOrders.id),
    operationId: uuid()
      .notNull()
      .references(() => pieceOperations.id),
    collectedOn: date({ mode: 'string' }).notNull(),
    accepted: integer().notNull(),
    rejected: integer().notNull(),
    rework: integer().notNull(),
    rejectReason: text(),
    reworkReturn: boolean().notNull().default(false),
    // Set only when the head explicitly accepted pieces beyond the order's tolerance (超出订单).
    overOrderReason: text(),
    // A correction: the original it changes, and why (作废 or 更正 by the head).
    correctsId: uuid().references((): AnyPgColumn => pieceCollections.id),
    correctionReason: text(),
    // The bundle ticket scanned for this collection: each ticket is collected once.
    ticketId: uuid().references(() => bundleTickets.id),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('piece_collections_client_id').on(t.clientId),
    uniqueIndex('piece_collections_ticket_once').on(t.ticketId),
    index().on(t.workshopId, t.collectedOn),
    index().on(t.workerId),
    index().on(t.correctsId),
    // What an order has had counted (the over-order check of every collection) is read by order:
    // without it each collection scanned every collection ever stored.
    index().on(t.orderId, t.operationId),
    check('piece_collections_counts_nonneg', sql`${t.correctsId} is not null or (${t.accepted} >= 0 and ${t.rejected} >= 0 and ${t.rework} >= 0)`),
    check('piece_collections_correction_reason', sql`(${t.correctsId} is null) = (${t.correctionReason} is null)`),
    check('piece_collections_correction_no_ticket', sql`${t.correctsId} is null or ${t.ticketId} is null`),
  ],
)

/** 工资周期; closing locks it and snapshots the pay lines. */
export const payPeriods = pgTable(
  'pay_periods',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid()
      .notNull()
      .references(() => workshops.id),
    name: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    status: text({ enum: periodStatuses }).notNull().default('open'),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workshopId), check('pay_periods_range', sql`${t.startsOn} <= ${t.endsOn}`), oneOf('pay_periods_status', t.status, periodStatuses)],
)

/** Logged corrections: advances repaid (negative), bonuses, fixes to a closed period. */
export const payAdjustments = pgTable(
  'pay_adjustments',
  {
    id: uuid().primaryKey().defaultRandom(),
    periodId: uuid()
      .notNull()
      .references(() => payPeriods.id),
    workerId: uuid()
      .notNull()
      .references(() => workshopWorkers.id),
    amountFen: integer().notNull(),
    reason: text().notNull(),
    createdBy: uuid().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.periodId)],
)

/** The pay sheet as it stood when the period closed; never updated afterwards. */
export const payPeriodLines = pgTable(
  'pay_period_lines',
  {
    periodId: uuid()
      .notNull()
      .references(() => payPeriods.id),
    workerId: uuid()
      .notNull()
      .references(() => workshopWorkers.id),
    acceptedPieces: integer().notNull(),
    rejectedPieces: integer().notNull(),
    reworkPieces: integer().notNull(),
    ratesFen: text().notNull(),
    // Sums of money: bigint, so no period the API accepts can overflow its pay sheet.
    grossFen: bigint({ mode: 'number' }).notNull(),
    adjustmentsFen: bigint({ mode: 'number' }).notNull(),
    totalFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [unique().on(t.periodId, t.workerId)],
)

/**
 * The arithmetic of a closed pay line: accepted pieces per operation and rate as they were paid.
 * Snapshotted with pay_period_lines, so a worker and the pay sheet show the sum that was paid.
 */
export const payPeriodRateLines = pgTable(
  'pay_period_rate_lines',
  {
    periodId: uuid()
      .notNull()
      .references(() => payPeriods.id),
    workerId: uuid()
      .notNull()
      .references(() => workshopWorkers.id),
    operationId: uuid()
      .notNull()
      .references(() => pieceOperations.id),
    rateFen: integer().notNull(),
    acceptedPieces: integer().notNull(),
    grossFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.workerId, t.operationId, t.rateFen] }),
    check('pay_period_rate_lines_nonneg', sql`${t.acceptedPieces} >= 0 and ${t.rateFen} >= 0`),
  ],
)

export type Workshop = typeof workshops.$inferSelect
export type WorkshopWorker = typeof workshopWorkers.$inferSelect
export type WorkshopNeighbourVillage = typeof workshopNeighbourVillages.$inferSelect
export type PieceProduct = typeof pieceProducts.$inferSelect
export type PieceOperation = typeof pieceOperations.$inferSelect
export type PieceRate = typeof pieceRates.$inferSelect
export type CustomerOrder = typeof customerOrders.$inferSelect
export type MaterialMovementRow = typeof materialMovements.$inferSelect
export type BundleTicket = typeof bundleTickets.$inferSelect
export type PieceCollection = typeof pieceCollections.$inferSelect
export type NewPieceCollection = typeof pieceCollections.$inferInsert
export type PayPeriod = typeof payPeriods.$inferSelect
export type PayAdjustment = typeof payAdjustments.$inferSelect
export type PayPeriodLine = typeof payPeriodLines.$inferSelect
export type PayPeriodRateLine = typeof payPeriodRateLines.$inferSelect
