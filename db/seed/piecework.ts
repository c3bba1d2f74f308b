import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { buildRateBook, computePay, newTicketCode, orderCountDelta, periodContaining, rateOn, type CollectionLine } from '../../shared/piecework'
import type { Role } from '../../shared/roles'
import { appendAudit } from '../audit'
import type { Db } from '../client'
import {
  bundleTickets,
  customerOrders,
  households,
  materialMovements,
  memberships,
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
  type NewPieceCollection,
} from '../schema'
import type { DemoIds } from './demo'
import { addDays, todayInChina } from '../../shared/time'

/** Neighbouring villages whose households weave for 馆里村's workshop (docs/domain.md: workers from 11 villages). */
export const PIECEWORK_NEIGHBOURS = {
  qianyang: {
    name: '前杨村',
    people: ['杨秀云', '杨桂英', '孙丽华', '杨春花', '徐玉兰', '杨凤琴', '韩秀珍', '杨金凤', '郭淑芬', '杨翠兰'],
  },
  houli: {
    name: '后李村',
    people: ['李秀梅', '李玉霞', '陈桂芳', '李凤云', '崔美华', '李翠英', '何淑英', '李桂荣', '宋秀娥'],
  },
} as const

/** The demo's bundle tickets: the first was collected today, the other two are still out. */
export const DEMO_TICKET_CODES = ['K7M3QD', 'P4XW8N', 'H9TR2E'] as const

export const PIECEWORK_DEMO = {
  workshop: '馆里村手撒网工坊',
  /** A worker from 前杨村 who appears in tests as "a worker from another village". */
  neighbourWorker: '杨秀云',
} as const

/** A small deterministic generator, so the demo looks the same on every start. */
function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function seedNeighbour(db: Db, info: { name: string; people: readonly string[] }): Promise<{ villageId: string; households: string[] }> {
  const [village] = await db
    .insert(villages)
    .values({ name: info.name, kind: 'village', township: '示范镇', county: '无棣县（滨州市）' })
    .returning({ id: villages.id })
  if (!village) throw new Error('village insert returned nothing')
  const rows = info.people.map((name, index) => ({ householdId: randomUUID(), personId: randomUUID(), name, birthYear: 1962 + index * 2 }))
  await db.insert(households).values(
    rows.map((row, index) => ({
      id: row.householdId,
      villageId: village.id,
      label: `${row.name}户`,
      group: index < 5 ? '一组' : '二组',
      houseNumber: `${index + 1}号`,
      headPersonId: row.personId,
      elderly: false,
    })),
  )
  await db
    .insert(people)
    .values(rows.map((row) => ({ id: row.personId, name: row.name, birthYear: row.birthYear, householdId: row.householdId, demoPersona: true })))
  const roles: Role[] = ['villager', 'household_rep']
  await db.insert(memberships).values(rows.flatMap((row) => roles.map((role) => ({ personId: row.personId, villageId: village.id, role }))))
  await appendAudit(db, {
    villageId: village.id,
    actorPersonId: null,
    action: 'village.seeded',
    subjectType: 'village',
    subjectId: village.id,
    payload: { households: rows.length, people: rows.length },
  })
  return { villageId: village.id, households: rows.map((row) => row.householdId) }
}

/**
 * 馆里村's hand-cast net workshop: two products with rates, three customer orders, 30 worker
 * households (19 from two neighbouring villages), six weeks of issues and collections ending
 * today, the first two weeks a closed pay period. All rows go in as a handful of batch inserts.
 */
export async function seedPiecework(db: Db, ids: DemoIds, today = todayInChina()): Promise<void> {
  const [head] = await db.select({ id: people.id }).from(people).where(eq(people.name, '刘建国'))
  if (!head) throw new Error('demo workshop head missing')
  const guanliHouseholds = await db
    .select({ id: households.id, headPersonId: households.headPersonId })
    .from(households)
    .where(eq(households.villageId, ids.guanli))
    .orderBy(households.label)
  const qianyang = await seedNeighbour(db, PIECEWORK_NEIGHBOURS.qianyang)
  const houli = await seedNeighbour(db, PIECEWORK_NEIGHBOURS.houli)

  const workshopId = randomUUID()
  await db
    .insert(workshops)
    .values({ id: workshopId, villageId: ids.guanli, name: PIECEWORK_DEMO.workshop, headPersonId: head.id, toleranceBp: 500, orderToleranceBp: 500 })
  await db.insert(workshopNeighbourVillages).values([qianyang, houli].map((v) => ({ workshopId, villageId: v.villageId })))

  const workerHouseholds = [...guanliHouseholds.filter((h) => h.headPersonId !== head.id).map((h) => h.id), ...qianyang.households, ...houli.households]
  const workers = workerHouseholds.map((householdId) => ({ id: randomUUID(), workshopId, householdId }))
  await db.insert(workshopWorkers).values(workers)

  const start = addDays(today, -41)
  const rateChange = addDays(start, 21)
  const net = { id: randomUUID(), name: '手撒网', materialName: '尼龙网线' }
  const pot = { id: randomUUID(), name: '虾笼网', materialName: 'PE 网线' }
  await db.insert(pieceProducts).values([net, pot].map((p) => ({ ...p, workshopId })))
  const weave = { id: randomUUID(), productId: net.id, name: '织网', gramsPerPiece: 400, sortOrder: 0 }
  // Sinkers are counted, not weighed: 24 lead sinkers (铅坠) on each net's edge.
  const finish = {
    id: randomUUID(),
    productId: net.id,
    name: '装坠收边',
    gramsPerPiece: 0,
    countPerPiece: 24,
    countUnit: '个',
    countMaterialName: '铅坠',
    sortOrder: 1,
  }
  const knit = { id: randomUUID(), productId: pot.id, name: '编织', gramsPerPiece: 250, sortOrder: 0 }
  await db.insert(pieceOperations).values([weave, finish, knit])
  const rates = [
    { operationId: weave.id, rateFen: 2000, effectiveFrom: start },
    // A raise from week four: the closed first period keeps its old rate.
    { operationId: weave.id, rateFen: 2100, effectiveFrom: rateChange },
    { operationId: finish.id, rateFen: 300, effectiveFrom: start },
    { operationId: knit.id, rateFen: 1300, effectiveFrom: start },
  ]
  await db.insert(pieceRates).values(rates.map((r) => ({ ...r, createdBy: head.id })))

  const orders = [
    { id: randomUUID(), productId: net.id, customer: '滨州渔具有限公司', quantity: 2000, dueOn: addDays(today, 20), unitPriceFen: 3500 },
    { id: randomUUID(), productId: net.id, customer: '东营海丰渔具', quantity: 2400, dueOn: addDays(today, 45), unitPriceFen: 3600 },
    { id: randomUUID(), productId: pot.id, customer: '天津塘沽水产合作社', quantity: 2500, dueOn: addDays(today, 30), unitPriceFen: 2200 },
  ]
  await db.insert(customerOrders).values(orders.map((o) => ({ ...o, workshopId, createdBy: head.id })))
  const [netOrderA, netOrderB, potOrder] = orders
  if (!netOrderA || !netOrderB || !potOrder) throw new Error('orders missing')

  // 20 households weave nets (the first order for three weeks, then the second), 10 knit pots.
  const random = mulberry32(20240518)
  const movements: (typeof materialMovements.$inferInsert)[] = []
  const collections: NewPieceCollection[] = []
  workers.forEach((worker, index) => {
    const weavesNets = index < 20
    const operation = weavesNets ? weave : knit
    const dailyTarget = weavesNets ? 5 : 8
    for (let week = 0; week < 6; week++) {
      const monday = addDays(start, week * 7)
      if (monday > today) break
      const order = weavesNets ? (week < 3 ? netOrderA : netOrderB) : potOrder
      const expectedPieces = dailyTarget * 6 + 2
      movements.push({
        workshopId,
        orderId: order.id,
        workerId: worker.id,
        kind: 'issue',
        grams: expectedPieces * operation.gramsPerPiece,
        expectedPieces,
        movedOn: monday,
        createdBy: head.id,
      })
      for (let d = 0; d < 6; d++) {
        const day = addDays(monday, d)
        if (day > today) break
        // Some households skip a day: caring for children and elders comes first.
        if (random() < 0.12) continue
        const made = dailyTarget - 1 + Math.floor(random() * 3)
        const rejected = random() < 0.15 ? 1 : 0
        const rework = rejected === 0 && random() < 0.1 ? 1 : 0
        collections.push({
          clientId: randomUUID(),
          workshopId,
          workerId: worker.id,
          orderId: order.id,
          operationId: operation.id,
          collectedOn: day,
          accepted: made - rejected - rework,
          rejected,
          rework,
          rejectReason: rejected ? (weavesNets ? '网眼大小不匀' : '收口不牢') : null,
          reworkReturn: false,
          createdBy: head.id,
        })
        // Rework comes back two days later and passes.
        if (rework > 0 && addDays(day, 2) <= today) {
          collections.push({
            clientId: randomUUID(),
            workshopId,
            workerId: worker.id,
            orderId: order.id,
            operationId: operation.id,
            collectedOn: addDays(day, 2),
            accepted: rework,
            rejected: 0,
            rework: 0,
            rejectReason: null,
            reworkReturn: true,
            createdBy: head.id,
          })
        }
      }
      // Three households also fit weights and edges to the week's nets, with sinkers counted out to them.
      if (weavesNets && index < 3 && addDays(monday, 5) <= today) {
        movements.push({
          workshopId,
          orderId: order.id,
          workerId: worker.id,
          kind: 'issue',
          grams: null,
          count: 60 * finish.countPerPiece,
          unit: '个',
          expectedPieces: 60,
          movedOn: monday,
          createdBy: head.id,
        })
        collections.push({
          clientId: randomUUID(),
          workshopId,
          workerId: worker.id,
          orderId: order.id,
          operationId: finish.id,
          collectedOn: addDays(monday, 5),
          accepted: 60,
          rejected: 0,
          rework: 0,
          rejectReason: null,
          reworkReturn: false,
          createdBy: head.id,
        })
      }
    }
  })
  // One household took thread for an extra batch it has not started: the dashboard flags it.
  const hoarder = workers[4]
  if (hoarder) {
    movements.push({
      workshopId,
      orderId: netOrderB.id,
      workerId: hoarder.id,
      kind: 'issue',
      grams: 8000,
      expectedPieces: 0,
      movedOn: addDays(today, -3),
      createdBy: head.id,
    })
  }
  // Another returned leftover thread.
  const returner = workers[7]
  if (returner) {
    movements.push({
      workshopId,
      orderId: netOrderA.id,
      workerId: returner.id,
      kind: 'return',
      grams: 800,
      expectedPieces: 0,
      movedOn: addDays(start, 20),
      createdBy: head.id,
    })
  }
  // Today's thread for three bundles of ten nets, each with its ticket (扎票); one came back already.
  const bundled = workers[1]
  const ticketIds = [randomUUID(), randomUUID(), randomUUID()]
  const bundleIssue = {
    id: randomUUID(),
    workshopId,
    orderId: netOrderB.id,
    workerId: bundled?.id ?? '',
    kind: 'issue' as const,
    grams: 30 * weave.gramsPerPiece,
    expectedPieces: 30,
    movedOn: today,
    createdBy: head.id,
  }
  if (bundled) {
    movements.push(bundleIssue)
    collections.push({
      clientId: randomUUID(),
      workshopId,
      workerId: bundled.id,
      orderId: netOrderB.id,
      operationId: weave.id,
      collectedOn: today,
      accepted: 10,
      rejected: 0,
      rework: 0,
      rejectReason: null,
      reworkReturn: false,
      ticketId: ticketIds[0],
      createdBy: head.id,
    })
  }
  await db.insert(materialMovements).values(movements)
  if (bundled) {
    await db.insert(bundleTickets).values(
      ticketIds.map((id, i) => ({
        id,
        workshopId,
        code: DEMO_TICKET_CODES[i] ?? newTicketCode(random),
        workerId: bundled.id,
        orderId: netOrderB.id,
        operationId: weave.id,
        pieces: 10,
        movementId: bundleIssue.id,
        issuedOn: today,
        createdBy: head.id,
      })),
    )
  }
  for (let i = 0; i < collections.length; i += 1000) await db.insert(pieceCollections).values(collections.slice(i, i + 1000))

  const closed = { id: randomUUID(), workshopId, name: '第1期', startsOn: start, endsOn: addDays(start, 13) }
  const open = { id: randomUUID(), workshopId, name: '第2期', startsOn: addDays(start, 14), endsOn: addDays(start, 48) }
  assertDemoKeepsTheRules(collections, orders, [closed, open], buildRateBook(rates), [weave, finish, knit])
  await db.insert(payPeriods).values([
    { ...closed, status: 'closed', closedAt: new Date(Date.parse(`${addDays(start, 15)}T10:00:00+08:00`)), closedBy: head.id },
    { ...open, status: 'open' },
  ])
  const adjustments = [
    { periodId: closed.id, workerId: workers[0]?.id ?? '', amountFen: 5000, reason: '全勤奖' },
    { periodId: open.id, workerId: workers[2]?.id ?? '', amountFen: -20000, reason: '扣回预支' },
    { periodId: open.id, workerId: workers[9]?.id ?? '', amountFen: 1500, reason: '更正第1期漏记1张网' },
  ]
  await db.insert(payAdjustments).values(adjustments.map((a) => ({ ...a, createdBy: head.id })))

  const closedLines: CollectionLine[] = collections
    .filter((c) => c.collectedOn >= closed.startsOn && c.collectedOn <= closed.endsOn)
    .map((c) => ({
      workerId: c.workerId,
      operationId: c.operationId,
      collectedOn: c.collectedOn,
      accepted: c.accepted,
      rejected: c.rejected,
      rework: c.rework,
      reworkReturn: c.reworkReturn ?? false,
    }))
  const pay = computePay(
    closedLines,
    buildRateBook(rates),
    adjustments.filter((a) => a.periodId === closed.id),
  )
  await db.insert(payPeriodLines).values(
    pay.lines.map((line) => ({
      periodId: closed.id,
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
  await db.insert(payPeriodRateLines).values(
    pay.lines.flatMap((line) =>
      line.byRate.flatMap((r) =>
        r.rateFen === null
          ? []
          : [
              {
                periodId: closed.id,
                workerId: line.workerId,
                operationId: r.operationId,
                rateFen: r.rateFen,
                acceptedPieces: r.acceptedPieces,
                grossFen: r.amountFen,
              },
            ],
      ),
    ),
  )
  // One summary entry per kind of change instead of a thousand: the seed is not a user's action.
  await appendAudit(db, {
    villageId: ids.guanli,
    actorPersonId: head.id,
    action: 'piecework.demo.seeded',
    subjectType: 'workshop',
    subjectId: workshopId,
    payload: { workers: workers.length, orders: orders.length, movements: movements.length, collections: collections.length, tickets: ticketIds.length },
  })
  await appendAudit(db, {
    villageId: ids.guanli,
    actorPersonId: head.id,
    action: 'piecework.period.closed',
    subjectType: 'pay_period',
    subjectId: closed.id,
    payload: { totalFen: pay.totalFen, grossFen: pay.grossFen, adjustmentsFen: pay.adjustmentsFen, workers: pay.lines.length },
  })
}

/**
 * The demo is what villages copy: it must keep the rules the API enforces. Before this guard it
 * showed 1575 nets accepted against an order of 1500.
 */
function assertDemoKeepsTheRules(
  collections: readonly NewPieceCollection[],
  orders: readonly { id: string; quantity: number }[],
  periods: readonly { startsOn: string; endsOn: string }[],
  book: ReturnType<typeof buildRateBook>,
  operations: readonly { id: string; name: string }[],
): void {
  const counted = new Map<string, number>()
  for (const c of collections) {
    const line = { accepted: c.accepted, rejected: c.rejected, rework: c.rework, reworkReturn: c.reworkReturn ?? false }
    const key = `${c.orderId}/${c.operationId}`
    counted.set(key, (counted.get(key) ?? 0) + orderCountDelta(line))
    if (!periodContaining(periods, c.collectedOn)) throw new Error(`demo collection on ${c.collectedOn} lies in no pay period`)
    if (rateOn(book, c.operationId, c.collectedOn) === null) throw new Error(`demo collection on ${c.collectedOn} has no rate`)
  }
  for (const order of orders) {
    for (const operation of operations) {
      const n = counted.get(`${order.id}/${operation.id}`) ?? 0
      if (n > order.quantity) throw new Error(`demo order of ${order.quantity} collects ${n} at ${operation.name}`)
    }
  }
}
