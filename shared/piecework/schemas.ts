import { shortText, uuidSchema } from '../ids'
import { dateKeySchema as dateSchema } from '../time'
import { z } from '../zod'

import { DEFAULT_TOLERANCE_BP, MAX_ORDER_QUANTITY, MAX_UNIT_PRICE_FEN, fenSchema, gramsSchema, pieceCountSchema, rateFenSchema, signedFenSchema, toleranceBpSchema } from './limits'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging'

/* The workshop's wire schemas: what the API takes and answers. */

export const workshopQuery = z.object({ workshopId: uuidSchema })
export const periodQuery = z.object({ periodId: uuidSchema })
export const statementQuery = z.object({ workshopId: uuidSchema, workerId: uuidSchema.optional() })

export const createWorkshopInput = z.object({
  villageId: uuidSchema,
  name: shortText(40),
  toleranceBp: toleranceBpSchema.default(DEFAULT_TOLERANCE_BP),
  /** How far collections may exceed an order without the head's explicit 超出订单. */
  orderToleranceBp: toleranceBpSchema.default(DEFAULT_TOLERANCE_BP),
  /** The neighbouring villages whose households may work here (besides the workshop's own). */
  neighbourVillageIds: z.array(uuidSchema).max(20).default([]),
})

export const addWorkerInput = z.object({
  workshopId: uuidSchema,
  householdId: uuidSchema,
})

export const operationInput = z.object({
  name: shortText(30),
  gramsPerPiece: z.number().int().min(0).max(1_000_000),
  rateFen: rateFenSchema,
})

export const createProductInput = z.object({
  workshopId: uuidSchema,
  name: shortText(40),
  materialName: shortText(30),
  effectiveFrom: dateSchema,
  operations: z.array(operationInput).min(1).max(10),
})

export const createRateInput = z.object({
  operationId: uuidSchema,
  rateFen: rateFenSchema,
  effectiveFrom: dateSchema,
  /** The head confirms a rate far above the operation's usual one (UNUSUAL_RATE_FACTOR). */
  confirmUnusualRate: z.boolean().default(false),
})

export const createOrderInput = z.object({
  workshopId: uuidSchema,
  customer: shortText(60),
  productId: uuidSchema,
  quantity: z
    .number()
    .int()
    .min(1)
    .max(MAX_ORDER_QUANTITY, { message: `一张订单最多 ${MAX_ORDER_QUANTITY} 件，请核对数量` }),
  dueOn: dateSchema,
  unitPriceFen: fenSchema.max(MAX_UNIT_PRICE_FEN, { message: `单价最高 ${MAX_UNIT_PRICE_FEN / 100} 元一件，请核对` }),
})

export const issueMaterialInput = z.object({
  workshopId: uuidSchema,
  orderId: uuidSchema,
  workerId: uuidSchema,
  kind: z.enum(['issue', 'return']).default('issue'),
  grams: gramsSchema,
  expectedPieces: pieceCountSchema.default(0),
  movedOn: dateSchema,
})

export const collectionEntryInput = z.object({
  clientId: uuidSchema,
  workerId: uuidSchema,
  orderId: uuidSchema,
  operationId: uuidSchema,
  collectedOn: dateSchema,
  accepted: pieceCountSchema,
  rejected: pieceCountSchema,
  rework: pieceCountSchema.default(0),
  rejectReason: z.string().trim().max(100).optional(),
  reworkReturn: z.boolean().default(false),
  /** The head's explicit 超出订单: accept pieces beyond the order's tolerance, with a reason. */
  overOrder: z.boolean().default(false),
  overOrderReason: z.string().trim().max(100).optional(),
})
export type CollectionEntryInput = z.input<typeof collectionEntryInput>

export const createCollectionInput = collectionEntryInput.extend({ workshopId: uuidSchema })

/** Entries are parsed one by one so a bad entry fails alone instead of the whole offline queue. */
export const syncCollectionsInput = z.object({
  workshopId: uuidSchema,
  entries: z.array(z.record(z.string(), z.unknown())).min(1).max(200),
})

export const createPeriodInput = z.object({
  workshopId: uuidSchema,
  name: shortText(30),
  startsOn: dateSchema,
  endsOn: dateSchema,
})
export const closePeriodInput = z.object({ periodId: uuidSchema })

export const createAdjustmentInput = z.object({
  periodId: uuidSchema,
  workerId: uuidSchema,
  amountFen: signedFenSchema,
  reason: shortText(100),
})

// Outputs

export const workerSchema = z.object({
  id: uuidSchema,
  householdId: uuidSchema,
  name: z.string(),
  /** The household as lists show it (一组2号 高秀兰户), distinct among the workshop's workers. Optional only so older fixtures compile. */
  label: z.string().optional(),
  villageName: z.string(),
  /** From a neighbouring village (workshop membership is separate from village residence). */
  fromOtherVillage: z.boolean(),
})
export type Worker = z.infer<typeof workerSchema>

export const operationSchema = z.object({
  id: uuidSchema,
  productId: uuidSchema,
  name: z.string(),
  gramsPerPiece: z.number().int(),
  currentRateFen: z.number().int().nullable(),
  rates: z.array(z.object({ id: uuidSchema, rateFen: z.number().int(), effectiveFrom: z.string() })),
})
export const productSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  materialName: z.string(),
  operations: z.array(operationSchema),
})
export type Product = z.infer<typeof productSchema>

export const orderSchema = z.object({
  id: uuidSchema,
  customer: z.string(),
  productId: uuidSchema,
  productName: z.string(),
  quantity: z.number().int(),
  dueOn: z.string(),
  unitPriceFen: z.number().int(),
  acceptedPieces: z.number().int(),
  issuedGrams: z.number().int(),
  /** Pieces counted against the order per operation (orderCountDelta), for the collect screen's arithmetic. */
  countedByOperation: z.array(z.object({ operationId: uuidSchema, counted: z.number().int() })),
})
export type Order = z.infer<typeof orderSchema>

export const periodSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  totalFen: z.number().int().nullable(),
})
export type Period = z.infer<typeof periodSchema>

export const workshopSummarySchema = z.object({
  id: uuidSchema,
  villageId: uuidSchema,
  villageName: z.string(),
  name: z.string(),
  toleranceBp: z.number().int(),
  orderToleranceBp: z.number().int(),
  isHead: z.boolean(),
  /** The session's own worker record in this workshop, if any. */
  myWorkerId: uuidSchema.nullable(),
})
export const workshopListResponse = z.object({ workshops: z.array(workshopSummarySchema) })
export type WorkshopSummary = z.infer<typeof workshopSummarySchema>

export const workshopDetailResponse = z.object({
  workshop: workshopSummarySchema,
  products: z.array(productSchema),
  workers: z.array(workerSchema),
  orders: z.array(orderSchema),
  periods: z.array(periodSchema),
  neighbourVillages: z.array(z.object({ id: uuidSchema, name: z.string() })),
  /** Days with accepted pieces that no pay period covers (paid nowhere until a period includes them). */
  uncoveredDays: z.array(z.object({ day: z.string(), accepted: z.number().int() })),
})
export type WorkshopDetail = z.infer<typeof workshopDetailResponse>

export const idResponse = z.object({ id: uuidSchema })

export const collectionSchema = z.object({
  id: uuidSchema,
  clientId: uuidSchema,
  workerId: uuidSchema,
  orderId: uuidSchema,
  operationId: uuidSchema,
  collectedOn: z.string(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  rework: z.number().int(),
  rejectReason: z.string().nullable(),
  reworkReturn: z.boolean(),
  overOrderReason: z.string().nullable(),
})
export type Collection = z.infer<typeof collectionSchema>

export const createCollectionResponse = z.object({
  outcome: z.enum(['ok', 'duplicate']),
  collection: collectionSchema,
})

export const syncResultSchema = z.object({
  clientId: z.string(),
  outcome: z.enum(['ok', 'duplicate', 'error']),
  code: z.string().optional(),
  message: z.string().optional(),
  collectionId: uuidSchema.optional(),
})
export const syncCollectionsResponse = z.object({ results: z.array(syncResultSchema) })
export type SyncResult = z.infer<typeof syncResultSchema>

export const collectionListQuery = z.object({
  workshopId: uuidSchema,
  from: dateSchema,
  to: dateSchema,
  /** From the previous page's nextCursor; absent for the first page. */
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE, { message: `一页最多 ${MAX_PAGE_SIZE} 条` }).default(DEFAULT_PAGE_SIZE),
})
export const collectionListResponse = z.object({
  collections: z.array(collectionSchema),
  /** Pass it back as `cursor` for the next page; null when this page is the last. */
  nextCursor: z.string().nullable(),
})
export type CollectionPage = z.infer<typeof collectionListResponse>

export const rateLineSchema = z.object({
  operationId: uuidSchema,
  operationName: z.string(),
  productName: z.string(),
  /** null: no rate in force on those days (待定价), paid 0 until priced. */
  rateFen: z.number().int().nullable(),
  acceptedPieces: z.number().int(),
  amountFen: z.number().int(),
})
export type RateLineOut = z.infer<typeof rateLineSchema>

export const payLineSchema = z.object({
  workerId: uuidSchema,
  workerName: z.string(),
  villageName: z.string(),
  acceptedPieces: z.number().int(),
  rejectedPieces: z.number().int(),
  reworkPieces: z.number().int(),
  ratesFen: z.array(z.number().int()),
  grossFen: z.number().int(),
  adjustmentsFen: z.number().int(),
  totalFen: z.number().int(),
  /** Accepted pieces without a rate on their day (待定价): the period cannot close until priced. */
  unratedPieces: z.number().int(),
  /** Accepted pieces per operation and rate; their amounts sum to grossFen. */
  byRate: z.array(rateLineSchema),
})
export type PaySheetLine = z.infer<typeof payLineSchema>

export const paySheetResponse = z.object({
  period: periodSchema,
  workshopName: z.string(),
  lines: z.array(payLineSchema),
  grossFen: z.number().int(),
  adjustmentsFen: z.number().int(),
  totalFen: z.number().int(),
  unratedPieces: z.number().int(),
  /** Closed periods answer from the snapshot taken at closing. */
  locked: z.boolean(),
})
export type PaySheet = z.infer<typeof paySheetResponse>

export const statementResponse = z.object({
  worker: workerSchema,
  workshopName: z.string(),
  todayFen: z.number().int(),
  periodFen: z.number().int(),
  yearFen: z.number().int(),
  currentPeriod: periodSchema.nullable(),
  material: z.array(
    z.object({
      productName: z.string(),
      materialName: z.string(),
      issuedGrams: z.number().int(),
      returnedGrams: z.number().int(),
      usedGrams: z.number().int(),
      outstandingGrams: z.number().int(),
    }),
  ),
  days: z.array(
    z.object({
      day: z.string(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      rework: z.number().int(),
      earnedFen: z.number().int(),
    }),
  ),
  adjustments: z.array(z.object({ periodName: z.string(), amountFen: z.number().int(), reason: z.string() })),
  /** Every period of the workshop the household has pay in, newest first, each with its arithmetic. */
  periods: z.array(
    z.object({
      period: periodSchema,
      /** Closed: what was paid (the closing snapshot). Open: what the pieces so far come to. */
      paid: z.boolean(),
      acceptedPieces: z.number().int(),
      rejectedPieces: z.number().int(),
      reworkPieces: z.number().int(),
      unratedPieces: z.number().int(),
      byRate: z.array(rateLineSchema),
      adjustments: z.array(z.object({ amountFen: z.number().int(), reason: z.string() })),
      grossFen: z.number().int(),
      adjustmentsFen: z.number().int(),
      totalFen: z.number().int(),
    }),
  ),
})
export type Statement = z.infer<typeof statementResponse>
export type StatementPeriod = Statement['periods'][number]

export const householdSearchResponse = z.object({
  households: z.array(
    z.object({
      householdId: uuidSchema,
      /** The household's label as the village keeps it (e.g. 三组 王秀英户). */
      label: z.string(),
      headName: z.string().nullable(),
      villageId: uuidSchema,
      villageName: z.string(),
      fromOtherVillage: z.boolean(),
      /** Already a worker of this workshop (adding again is refused). */
      alreadyWorker: z.boolean(),
    }),
  ),
  /** More households matched than shown: type more of the name. */
  more: z.boolean(),
})
export type HouseholdSearchResult = z.infer<typeof householdSearchResponse>['households'][number]

export const dashboardResponse = z.object({
  workshopName: z.string(),
  orders: z.array(orderSchema),
  outputPerDay: z.array(z.object({ day: z.string(), accepted: z.number().int(), rejected: z.number().int() })),
  material: z.array(
    z.object({
      workerId: uuidSchema,
      workerName: z.string(),
      productName: z.string(),
      issuedGrams: z.number().int(),
      returnedGrams: z.number().int(),
      usedGrams: z.number().int(),
      outstandingGrams: z.number().int(),
      openWorkGrams: z.number().int(),
      flagged: z.boolean(),
    }),
  ),
  payPerPeriod: z.array(z.object({ periodId: uuidSchema, name: z.string(), status: z.enum(['open', 'closed']), totalFen: z.number().int() })),
  income: z.object({ revenueFen: z.number().int(), wagesFen: z.number().int(), incomeFen: z.number().int() }),
})
export type Dashboard = z.infer<typeof dashboardResponse>
