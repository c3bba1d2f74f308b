import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { households, payPeriodLines, pieceOperations } from '../../../db/schema'
import {
  MAX_ADJUSTMENT_FEN,
  MAX_ORDER_QUANTITY,
  MAX_PERIOD_DAYS,
  MAX_PIECES_PER_HOUSEHOLD_DAY,
  MAX_RATE_FEN,
  maxLineFen,
  paySheetResponse,
  syncCollectionsResponse,
} from '../../../shared/piecework'
import { addDays, todayInChina } from '../../../shared/time'
import { setupApi } from '../../harness/api'
import { demoWorkshop, entry } from './fixture'

// Item 11: the largest period the API accepts — the longest period, every day at the daily piece
// limit and the highest rate, the largest adjustments — closes, and its pay sheet is exact.

const api = await setupApi()
const demo = await demoWorkshop(api)
const today = todayInChina()
const startsOn = addDays(today, -(MAX_PERIOD_DAYS - 1))
const post = <T = unknown>(path: string, body: unknown) => api.call<T>('POST', path, { token: demo.headToken, body })

describe('the largest period the API accepts', () => {
  it('closes, with every sum exact and in bigint', async () => {
    const workshop = await post<{ id: string }>('/api/piecework/workshops/create', { villageId: api.demo.guanli, name: '满负荷试验组' })
    expect(workshop.status).toBe(201)
    const workshopId = workshop.body.id
    const own = await api.db.select({ id: households.id }).from(households).where(eq(households.villageId, api.demo.guanli)).limit(2)
    const workerIds: string[] = []
    for (const household of own) {
      const added = await post<{ id: string }>('/api/piecework/workers/add', { workshopId, householdId: household.id })
      expect(added.status).toBe(201)
      workerIds.push(added.body.id)
    }
    const product = await post<{ id: string }>('/api/piecework/products/create', {
      workshopId,
      name: '满价件',
      materialName: '无',
      effectiveFrom: startsOn,
      operations: [{ name: '做', gramsPerPiece: 0, rateFen: MAX_RATE_FEN }],
    })
    expect(product.status).toBe(201)
    const [operation] = await api.db.select().from(pieceOperations).where(eq(pieceOperations.productId, product.body.id))
    const period = await post<{ id: string }>('/api/piecework/periods/create', { workshopId, name: '全年', startsOn, endsOn: today })
    expect(period.status).toBe(201)

    // Every day of the period, each household hands in the most pieces a day allows; orders of
    // the largest size take them (a new order when one is full).
    const perOrder = Math.floor(MAX_ORDER_QUANTITY / MAX_PIECES_PER_HOUSEHOLD_DAY)
    const entries: ReturnType<typeof entry>[] = []
    let orderId = ''
    let inOrder = perOrder
    for (const workerId of workerIds) {
      for (let day = 0; day < MAX_PERIOD_DAYS; day++) {
        if (inOrder === perOrder) {
          const order = await post<{ id: string }>('/api/piecework/orders/create', {
            workshopId,
            customer: '大客户',
            productId: product.body.id,
            quantity: MAX_ORDER_QUANTITY,
            dueOn: today,
            unitPriceFen: 1,
          })
          expect(order.status).toBe(201)
          orderId = order.body.id
          inOrder = 0
        }
        entries.push(
          entry({ operationId: operation?.id ?? '', orderId, today }, workerId, {
            accepted: MAX_PIECES_PER_HOUSEHOLD_DAY,
            collectedOn: addDays(startsOn, day),
          }),
        )
        inOrder += 1
      }
    }
    for (let i = 0; i < entries.length; i += 200) {
      const res = await post('/api/piecework/collections/sync', { workshopId, entries: entries.slice(i, i + 200) })
      expect(res.status).toBe(200)
      const { results } = syncCollectionsResponse.parse(res.body)
      expect(results.filter((r) => r.outcome !== 'ok')).toEqual([])
    }
    for (const workerId of workerIds) {
      const adjustment = await post('/api/piecework/adjustments/create', {
        periodId: period.body.id,
        workerId,
        amountFen: MAX_ADJUSTMENT_FEN,
        reason: '满额奖励',
      })
      expect(adjustment.status).toBe(201)
    }

    const closed = await post('/api/piecework/periods/close', { periodId: period.body.id })
    expect(closed.status).toBe(200)
    const sheet = paySheetResponse.parse(closed.body)
    expect(sheet.locked).toBe(true)
    const line = maxLineFen()
    // Far beyond what the old integer column held: this is the period that used to lock forever.
    expect(line).toBeGreaterThan(2 ** 31)
    expect(sheet.lines.map((l) => l.totalFen)).toEqual(workerIds.map(() => line))
    expect(sheet.totalFen).toBe(line * workerIds.length)
    const stored = await api.db.select().from(payPeriodLines).where(eq(payPeriodLines.periodId, period.body.id))
    expect(stored.map((row) => [row.acceptedPieces, row.grossFen, row.totalFen])).toEqual(
      workerIds.map(() => [MAX_PIECES_PER_HOUSEHOLD_DAY * MAX_PERIOD_DAYS, line - MAX_ADJUSTMENT_FEN, line]),
    )
  }, 120_000)
})
