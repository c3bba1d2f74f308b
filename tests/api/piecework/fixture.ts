import { randomUUID } from 'node:crypto'
import { and, asc, count, eq } from 'drizzle-orm'
import { expect } from 'vitest'
import {
  auditLog,
  auditOutbox,
  bundleTickets,
  customerOrders,
  households,
  materialMovements,
  payAdjustments,
  payPeriodLines,
  payPeriodRateLines,
  payPeriods,
  people,
  pieceCollections,
  pieceOperations,
  pieceProducts,
  pieceRates,
  workshopNeighbourVillages,
  workshopWorkers,
  workshops,
} from '../../../db/schema'
import { PIECEWORK_DEMO } from '../../../db/seed/piecework'
import { todayInChina } from '../../../shared/time'
import type { ApiHarness } from '../../harness/api'

export const HEAD = '刘建国'

/** The demo workshop, its workers by name, and a fresh product/order with known material. */
export async function demoWorkshop(api: ApiHarness) {
  const [workshop] = await api.db.select().from(workshops).where(eq(workshops.name, PIECEWORK_DEMO.workshop))
  if (!workshop) throw new Error('demo workshop missing')
  const workerRows = await api.db
    .select({ id: workshopWorkers.id, householdId: workshopWorkers.householdId, name: people.name })
    .from(workshopWorkers)
    .innerJoin(households, eq(households.id, workshopWorkers.householdId))
    .innerJoin(people, eq(people.id, households.headPersonId))
    .where(eq(workshopWorkers.workshopId, workshop.id))
  const workerByName = (name: string) => {
    const row = workerRows.find((w) => w.name === name)
    if (!row) throw new Error(`no worker ${name}`)
    return row
  }
  const periods = await api.db.select().from(payPeriods).where(eq(payPeriods.workshopId, workshop.id)).orderBy(asc(payPeriods.startsOn))
  const closed = periods.find((p) => p.status === 'closed')
  const open = periods.find((p) => p.status === 'open')
  if (!closed || !open) throw new Error('demo periods missing')
  const headToken = await api.tokenFor(HEAD)
  return { workshop, workers: workerRows, workerByName, closed, open, headToken }
}

export interface LineOptions {
  /** The order's quantity (default 100). */
  quantity?: number
  gramsPerPiece?: number
  rateFen?: number
  /** The day the product's first rate takes effect (default today). */
  effectiveFrom?: string
}

/** A new product (100 g per piece, 2 yuan), an order, and material for `pieces` issued to `workerId`. */
export async function freshLine(api: ApiHarness, workshopId: string, headToken: string, workerId: string, pieces = 10, options: LineOptions = {}) {
  const today = todayInChina()
  const gramsPerPiece = options.gramsPerPiece ?? 100
  const product = await api.call<{ id: string }>('POST', '/api/piecework/products/create', {
    token: headToken,
    body: {
      workshopId,
      name: `测试网${randomUUID().slice(0, 4)}`,
      materialName: '测试网线',
      effectiveFrom: options.effectiveFrom ?? today,
      operations: [{ name: '织', gramsPerPiece, rateFen: options.rateFen ?? 200 }],
    },
  })
  expect(product.status).toBe(201)
  const [operation] = await api.db.select().from(pieceOperations).where(eq(pieceOperations.productId, product.body.id))
  if (!operation) throw new Error('operation missing')
  const order = await api.call<{ id: string }>('POST', '/api/piecework/orders/create', {
    token: headToken,
    body: { workshopId, customer: '测试客户', productId: product.body.id, quantity: options.quantity ?? 100, dueOn: today, unitPriceFen: 500 },
  })
  expect(order.status).toBe(201)
  if (gramsPerPiece > 0 && pieces > 0) {
    const issue = await api.call('POST', '/api/piecework/materials/move', {
      token: headToken,
      body: { workshopId, orderId: order.body.id, workerId, kind: 'issue', grams: pieces * gramsPerPiece, expectedPieces: pieces, movedOn: today },
    })
    expect(issue.status).toBe(201)
  }
  return { productId: product.body.id, operationId: operation.id, orderId: order.body.id, today }
}

export function entry(
  line: { operationId: string; orderId: string; today: string },
  workerId: string,
  counts: Partial<{
    accepted: number
    rejected: number
    rework: number
    rejectReason: string
    reworkReturn: boolean
    collectedOn: string
    overOrder: boolean
    overOrderReason: string
    ticketCode: string
  }>,
) {
  return {
    clientId: randomUUID(),
    workerId,
    orderId: line.orderId,
    operationId: line.operationId,
    collectedOn: line.today,
    accepted: 0,
    rejected: 0,
    ...counts,
  }
}

export async function auditActions(api: ApiHarness, villageId: string, subjectId: string): Promise<string[]> {
  const rows = await api.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.villageId, villageId), eq(auditLog.subjectId, subjectId)))
  return rows.map((r) => r.action)
}

/** Rows of every piecework table and of the village's audit trail (chain and outbox): what "nothing changed" compares. */
export async function pieceworkState(api: ApiHarness, villageId: string): Promise<Record<string, number>> {
  const tables = {
    workshops,
    workshopWorkers,
    workshopNeighbourVillages,
    pieceProducts,
    pieceOperations,
    pieceRates,
    customerOrders,
    materialMovements,
    pieceCollections,
    payPeriods,
    payAdjustments,
    payPeriodLines,
    payPeriodRateLines,
    bundleTickets,
  }
  const counts: Record<string, number> = {}
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await api.db.select({ n: count() }).from(table)
    counts[name] = row?.n ?? 0
  }
  const [log] = await api.db.select({ n: count() }).from(auditLog).where(eq(auditLog.villageId, villageId))
  const [outbox] = await api.db.select({ n: count() }).from(auditOutbox).where(eq(auditOutbox.villageId, villageId))
  counts.audit = (log?.n ?? 0) + (outbox?.n ?? 0)
  return counts
}

/** A product whose operation counts its material (sinkers: `perPiece` 个 a piece), an order, and `count` 个 issued to `workerId`. */
export async function countedLine(api: ApiHarness, workshopId: string, headToken: string, workerId: string, count: number, perPiece = 10) {
  const today = todayInChina()
  const product = await api.call<{ id: string }>('POST', '/api/piecework/products/create', {
    token: headToken,
    body: {
      workshopId,
      name: `坠网${randomUUID().slice(0, 4)}`,
      materialName: '网片',
      effectiveFrom: today,
      operations: [{ name: '装坠', gramsPerPiece: 0, countPerPiece: perPiece, countUnit: '个', countMaterialName: '铅坠', rateFen: 300 }],
    },
  })
  expect(product.status).toBe(201)
  const [operation] = await api.db.select().from(pieceOperations).where(eq(pieceOperations.productId, product.body.id))
  if (!operation) throw new Error('operation missing')
  const order = await api.call<{ id: string }>('POST', '/api/piecework/orders/create', {
    token: headToken,
    body: { workshopId, customer: '测试客户', productId: product.body.id, quantity: 1000, dueOn: today, unitPriceFen: 500 },
  })
  expect(order.status).toBe(201)
  if (count > 0) {
    const issue = await api.call('POST', '/api/piecework/materials/move', {
      token: headToken,
      body: { workshopId, orderId: order.body.id, workerId, kind: 'issue', count, unit: '个', expectedPieces: Math.floor(count / perPiece), movedOn: today },
    })
    expect(issue.status).toBe(201)
  }
  return { productId: product.body.id, operationId: operation.id, orderId: order.body.id, today }
}
