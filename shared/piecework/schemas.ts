import { shortText, uuidSchema } from '../ids'
import { dateKeySchema as dateSchema } from '../time'
import { z } from '../zod'

import {
  DEFAULT_TOLERANCE_BP,
  MAX_ORDER_QUANTITY,
  MAX_UNIT_PRICE_FEN,
  fenSchema,
  gramsSchema,
  pieceCountSchema,
  rateFenSchema,
  signedFenSchema,
  toleranceBpSchema,
} from './limits'
import { COUNT_UNITS } from './material'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging'
import { movementKinds, periodStatuses } from './statuses'
import { MAX_BUNDLES_PER_ISSUE, parseTicketCode } from './tickets'

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

export const countUnitSchema = z.enum(COUNT_UNITS, { message: `单位请选 ${COUNT_UNITS.join('、')}` })

/**
 * An operation uses weighed material (grams per piece, 0 for none) or counted material (sinkers,
 * buttons: so many per piece, in a unit, with the material's name) — never both. Two shapes, so the
 * OpenAPI document says so too.
 */
const ONE_MEASURE = '一道工序的材料按重量或按个数算，只能选一种；按个数算的，请写明材料名和单位（如 铅坠、个）'
const ONE_AMOUNT = '请填写重量（千克），或者个数和单位（个、只……），只填一种'
/** A closed object whose stray field reads as the rule it breaks, not as "unknown key". */
const closed = <T extends Parameters<typeof z.strictObject>[0]>(shape: T, message: string) =>
  z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? message : undefined) })

export const operationInput = z.union(
  [
    closed(
      {
        name: shortText(30),
        gramsPerPiece: z.number().int().min(0).max(1_000_000),
        rateFen: rateFenSchema,
      },
      ONE_MEASURE,
    ),
    closed(
      {
        name: shortText(30),
        gramsPerPiece: z.literal(0).optional(),
        countPerPiece: z.number().int().min(1).max(100_000),
        countUnit: countUnitSchema,
        countMaterialName: shortText(30),
        rateFen: rateFenSchema,
      },
      ONE_MEASURE,
    ),
  ],
  { error: ONE_MEASURE },
)
export type OperationInput = z.output<typeof operationInput>

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

/** Bundles (扎) cut from an issue, each with its own ticket: `count` tickets of `piecesPerBundle` pieces. */
export const bundlesInput = z.object({
  operationId: uuidSchema,
  piecesPerBundle: pieceCountSchema.min(1, { message: '每扎至少 1 件' }),
  count: z
    .number()
    .int()
    .min(1, { message: '至少打 1 张扎票' })
    .max(MAX_BUNDLES_PER_ISSUE, { message: `一次最多打 ${MAX_BUNDLES_PER_ISSUE} 张扎票` }),
})

const movementFields = {
  workshopId: uuidSchema,
  orderId: uuidSchema,
  workerId: uuidSchema,
  kind: z.enum(movementKinds).default('issue'),
  expectedPieces: pieceCountSchema.default(0),
  movedOn: dateSchema,
  bundles: bundlesInput.optional(),
}

/** Weighed material in grams, or counted material as {count, unit}: exactly one (two shapes, each closed). */
export const issueMaterialInput = z
  .union(
    [
      closed({ ...movementFields, grams: gramsSchema }, ONE_AMOUNT),
      closed(
        {
          ...movementFields,
          count: z.number().int({ message: '个数必须是整数' }).min(1, { message: '个数至少为 1' }).max(10_000_000),
          unit: countUnitSchema,
        },
        ONE_AMOUNT,
      ),
    ],
    { error: ONE_AMOUNT },
  )
  .refine((m) => m.bundles === undefined || m.kind === 'issue', { message: '退料不打扎票', path: ['bundles'] })
export type IssueMaterialInput = z.output<typeof issueMaterialInput>

/** What a ticket's QR code holds, or its printed code (any case, with or without the dash). */
const ticketCodeText = z
  .string()
  .max(40)
  .regex(/^(XY:ZP:)?[2-9A-HJKMNP-Za-hjkmnp-z]{3}-?[2-9A-HJKMNP-Za-hjkmnp-z]{3}$/, { message: '这不是扎票码，请重新扫或核对扎票上的号码' })
  .transform((text, ctx) => {
    const code = parseTicketCode(text)
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: '这不是扎票码，请重新扫或核对扎票上的号码' })
      return z.NEVER
    }
    return code
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
  /** The bundle ticket scanned (its code, as printed or as the QR code holds it). */
  ticketCode: ticketCodeText.optional(),
})
export type CollectionEntryInput = z.input<typeof collectionEntryInput>

export const createCollectionInput = collectionEntryInput.extend({ workshopId: uuidSchema })

/** Entries are parsed one by one so a bad entry fails alone instead of the whole offline queue. */
export const syncCollectionsInput = z.object({
  workshopId: uuidSchema,
  entries: z.array(z.record(z.string(), z.unknown())).min(1).max(200),
})

/** 作废 or 更正 a collection in an open period: a new linked record with the reason, never an edit. */
export const correctCollectionInput = z
  .object({
    workshopId: uuidSchema,
    collectionId: uuidSchema,
    /** Generated by the phone: a retried correction is recorded once. */
    clientId: uuidSchema,
    action: z.enum(['void', 'correct']),
    accepted: pieceCountSchema.optional(),
    rejected: pieceCountSchema.optional(),
    rework: pieceCountSchema.optional(),
    rejectReason: z.string().trim().max(100).optional(),
    reason: shortText(100),
  })
  .refine((c) => c.action === 'void' || (c.accepted !== undefined && c.rejected !== undefined && c.rework !== undefined), {
    message: '更正请填写合格、不合格、返工三个数',
    path: ['accepted'],
  })

export const ticketListQuery = z.object({
  workshopId: uuidSchema,
  status: z.enum(['open', 'collected', 'all']).default('all'),
})
export const ticketLookupQuery = z.object({ workshopId: uuidSchema, code: ticketCodeText })

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
  countPerPiece: z.number().int(),
  countUnit: z.string().nullable(),
  countMaterialName: z.string().nullable(),
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
  status: z.enum(periodStatuses),
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

export const ticketSchema = z.object({
  id: uuidSchema,
  /** Six characters as stored; printed as K7M-3QD (formatTicketCode). */
  code: z.string(),
  /** What the QR code holds (ticketQrText). */
  qrText: z.string(),
  workerId: uuidSchema,
  workerName: z.string(),
  orderId: uuidSchema,
  customer: z.string(),
  operationId: uuidSchema,
  operationName: z.string(),
  productName: z.string(),
  pieces: z.number().int(),
  issuedOn: z.string(),
  collected: z.object({ collectionId: uuidSchema, at: z.string(), byName: z.string(), collectedOn: z.string() }).nullable(),
})
export type Ticket = z.infer<typeof ticketSchema>

export const ticketListResponse = z.object({
  tickets: z.array(ticketSchema),
  /** Reconciliation: tickets issued, collected and still out (with their pieces). */
  summary: z.object({ issued: z.number().int(), collected: z.number().int(), open: z.number().int(), openPieces: z.number().int() }),
})
export type TicketList = z.infer<typeof ticketListResponse>

/** A household's material per product and unit, for the collect screen's rule before counts are typed. */
export const materialOnHandSchema = z.object({
  workerId: uuidSchema,
  productId: uuidSchema,
  unit: z.string(),
  /** Issued − returned. */
  netIssued: z.number().int(),
  /** Turned into pieces by first inspections so far. */
  used: z.number().int(),
})

export const workshopDetailResponse = z.object({
  workshop: workshopSummarySchema,
  products: z.array(productSchema),
  workers: z.array(workerSchema),
  orders: z.array(orderSchema),
  periods: z.array(periodSchema),
  neighbourVillages: z.array(z.object({ id: uuidSchema, name: z.string() })),
  /** Days with accepted pieces that no pay period covers (paid nowhere until a period includes them). */
  uncoveredDays: z.array(z.object({ day: z.string(), accepted: z.number().int() })),
  material: z.array(materialOnHandSchema),
  /** Bundle tickets not yet collected: kept on the phone so a scan fills the form offline too. */
  openTickets: z.array(ticketSchema),
})
export type WorkshopDetail = z.infer<typeof workshopDetailResponse>

export const idResponse = z.object({ id: uuidSchema })
export const moveMaterialResponse = z.object({ id: uuidSchema, tickets: z.array(ticketSchema) })

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
  /** A correction: the collection it changes (its counts are the change) and why. */
  correctsId: uuidSchema.nullable(),
  correctionReason: z.string().nullable(),
  /** The bundle ticket collected with it. */
  ticketCode: z.string().nullable(),
})
export type Collection = z.infer<typeof collectionSchema>

export const correctCollectionResponse = z.object({
  outcome: z.enum(['ok', 'duplicate']),
  correction: collectionSchema,
  /** The collection's counts once corrected. */
  counts: z.object({ accepted: z.number().int(), rejected: z.number().int(), rework: z.number().int() }),
})

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
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE, { message: `一页最多 ${MAX_PAGE_SIZE} 条` })
    .default(DEFAULT_PAGE_SIZE),
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
  /** Per product and unit (GRAMS or a count unit): amounts in that unit. */
  material: z.array(
    z.object({
      productName: z.string(),
      materialName: z.string(),
      unit: z.string(),
      issued: z.number().int(),
      returned: z.number().int(),
      used: z.number().int(),
      outstanding: z.number().int(),
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
  /** Per household, product and unit (GRAMS or a count unit): amounts in that unit. */
  material: z.array(
    z.object({
      workerId: uuidSchema,
      workerName: z.string(),
      productName: z.string(),
      materialName: z.string(),
      unit: z.string(),
      issued: z.number().int(),
      returned: z.number().int(),
      used: z.number().int(),
      outstanding: z.number().int(),
      openWork: z.number().int(),
      flagged: z.boolean(),
    }),
  ),
  /** Bundle tickets issued and not yet collected. */
  tickets: z.object({ issued: z.number().int(), collected: z.number().int(), open: z.number().int(), openPieces: z.number().int() }),
  payPerPeriod: z.array(z.object({ periodId: uuidSchema, name: z.string(), status: z.enum(['open', 'closed']), totalFen: z.number().int() })),
  income: z.object({ revenueFen: z.number().int(), wagesFen: z.number().int(), incomeFen: z.number().int() }),
})
export type Dashboard = z.infer<typeof dashboardResponse>
