import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { serve } from '@hono/node-server'
import { and, eq } from 'drizzle-orm'
import pg from 'pg'
import { openDb, type DbHandle } from '../db/client'
import { runMigrations } from '../db/migrate'
import { customerOrders, pieceOperations, workshopWorkers, workshops } from '../db/schema'
import { seedDemoIfEmpty } from '../db/seed/demo'
import { PIECEWORK_DEMO } from '../db/seed/piecework'
import { todayInChina } from '../shared/time'
import { issueSessionToken } from '../functions/lib/auth'
import { useDbHandle } from '../functions/lib/db'
import { createApp } from '../functions/server/app'
import { startWsProxy } from '../tests/harness/ws-proxy'
import { buildRateBook, computePay, type AdjustmentLine, type CollectionLine, type RateRow } from '../shared/piecework'

/*
 * 1. A year of pay for a 300-household workshop: 300 workers × 365 days ≈ 110k collections,
 *    three operations whose rates change four times a year, one adjustment per worker — through
 *    the pure computePay. Goal: under 500 ms.
 * 2. Logging one collection through POST /api/piecework/collections/create (handler in-process,
 *    and over HTTP through the local server) beside a raw INSERT of the same row through pg.
 *    Postgres at BENCH_DATABASE_URL / TEST_DATABASE_URL (default local), else PGlite in memory.
 * Run: npx tsx bench/piecework-pay.ts
 */

const WORKERS = 300
const DAYS = 365

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2)
  return `p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  max ${(sorted.at(-1) ?? 0).toFixed(2)} ms  (n=${sorted.length})`
}

function day(offset: number): string {
  return new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
}

function pureBench(): void {
  const operations = ['op-weave', 'op-finish', 'op-knit']
  const rates: RateRow[] = operations.flatMap((operationId, o) =>
    [0, 90, 180, 270].map((offset, i) => ({ operationId, rateFen: 300 + o * 500 + i * 50, effectiveFrom: day(offset) })),
  )
  const collections: CollectionLine[] = []
  for (let w = 0; w < WORKERS; w++) {
    for (let d = 0; d < DAYS; d++) {
      collections.push({
        workerId: `worker-${w}`,
        operationId: operations[w % 3] ?? 'op-weave',
        collectedOn: day(d),
        accepted: 3 + ((w + d) % 5),
        rejected: (w + d) % 11 === 0 ? 1 : 0,
        rework: (w + d) % 13 === 0 ? 1 : 0,
        reworkReturn: false,
      })
    }
  }
  const adjustments: AdjustmentLine[] = Array.from({ length: WORKERS }, (_, w) => ({ workerId: `worker-${w}`, amountFen: w % 2 ? 5000 : -2000 }))
  for (let i = 0; i < 3; i++) computePay(collections, rates, adjustments)
  const times: number[] = []
  let total = 0
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now()
    total = computePay(collections, buildRateBook(rates), adjustments).totalFen
    times.push(performance.now() - t0)
  }
  console.log(
    `pure computePay, ${WORKERS} workers × ${DAYS} days = ${collections.length} collections: ${stats(times)}  total ${total / 100} 元  (goal < 500 ms)`,
  )
}

async function openBenchDb(): Promise<{ handle: DbHandle; url: string | null; drop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  try {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    const name = `xy_bench_pw_${process.pid}`
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    // BENCH_DRIVER=neon: production's driver, over WebSockets through a loopback proxy.
    const wsProxy = process.env.BENCH_DRIVER === 'neon' ? await startWsProxy({ host: url.hostname, port: Number(url.port || 5432) }) : null
    const handle = await openDb(
      wsProxy ? { databaseUrl: url.toString(), driver: 'neon', neonWsProxy: wsProxy.address } : { databaseUrl: url.toString(), driver: 'pg' },
    )
    return {
      handle,
      url: url.toString(),
      drop: async () => {
        await handle.close()
        await wsProxy?.close()
        const again = new pg.Client({ connectionString: serverUrl })
        await again.connect()
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await again.end()
      },
    }
  } catch {
    const handle = await openDb({ pgliteDataDir: 'memory://' })
    return { handle, url: null, drop: () => handle.close() }
  }
}

async function logBench(): Promise<void> {
  const { handle, url, drop } = await openBenchDb()
  try {
    await runMigrations(handle)
    const demo = await seedDemoIfEmpty(handle.db)
    if (!demo) throw new Error('bench database not empty')
    useDbHandle(handle)
    const db = handle.db
    const [workshop] = await db.select().from(workshops).where(eq(workshops.name, PIECEWORK_DEMO.workshop))
    const [worker] = await db
      .select()
      .from(workshopWorkers)
      .where(eq(workshopWorkers.workshopId, workshop?.id ?? ''))
    const [operation] = await db.select().from(pieceOperations).where(eq(pieceOperations.name, '装坠收边'))
    const [order] = await db
      .select()
      .from(customerOrders)
      .where(and(eq(customerOrders.workshopId, workshop?.id ?? ''), eq(customerOrders.productId, operation?.productId ?? '')))
    if (!workshop || !worker || !operation || !order) throw new Error('demo workshop incomplete')
    const token = (await issueSessionToken(workshop.headPersonId)).token
    const collectedOn = todayInChina()
    const body = () =>
      JSON.stringify({
        workshopId: workshop.id,
        clientId: randomUUID(),
        workerId: worker.id,
        orderId: order.id,
        operationId: operation.id,
        collectedOn,
        accepted: 3,
        rejected: 0,
      })
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }

    const app = createApp()
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    const port = (server.address() as AddressInfo).port

    const handler: number[] = []
    const http: number[] = []
    const raw: number[] = []
    const rawClient = url ? new pg.Client({ connectionString: url }) : null
    await rawClient?.connect()
    const N = 200
    for (let i = 0; i < N + 20; i++) {
      let t0 = performance.now()
      const r1 = await app.request('/api/piecework/collections/create', { method: 'POST', headers, body: body() })
      if (r1.status !== 201) throw new Error(`handler ${r1.status} ${await r1.text()}`)
      if (i >= 20) handler.push(performance.now() - t0)
      t0 = performance.now()
      const r2 = await fetch(`http://127.0.0.1:${port}/api/piecework/collections/create`, { method: 'POST', headers, body: body() })
      if (r2.status !== 201) throw new Error(`http ${r2.status} ${await r2.text()}`)
      await r2.text()
      if (i >= 20) http.push(performance.now() - t0)
      if (rawClient) {
        t0 = performance.now()
        await rawClient.query(
          `insert into piece_collections (client_id, workshop_id, worker_id, order_id, operation_id, collected_on, accepted, rejected, rework)
           values ($1, $2, $3, $4, $5, $6, 3, 0, 0) on conflict do nothing returning id`,
          [randomUUID(), workshop.id, worker.id, order.id, operation.id, collectedOn],
        )
        if (i >= 20) raw.push(performance.now() - t0)
      }
    }
    await rawClient?.end()

    // The head's phone comes back online with a full queue: 200 entries (the most one sync takes).
    const syncTimes: number[] = []
    for (let round = 0; round < 5; round++) {
      const entries = Array.from({ length: 200 }, () => JSON.parse(body()) as Record<string, unknown>)
      const t0 = performance.now()
      const res = await fetch(`http://127.0.0.1:${port}/api/piecework/collections/sync`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ workshopId: workshop.id, entries }),
      })
      const text = await res.text()
      if (res.status !== 200 || text.includes('"error"')) throw new Error(`sync ${res.status} ${text.slice(0, 300)}`)
      syncTimes.push(performance.now() - t0)
    }
    server.close()
    const where = url ? `Postgres ${new URL(url).host}, ${handle.driver} driver` : 'PGlite in memory'
    console.log(`log one collection (${where}), each with its checks, insert and audit entry:`)
    console.log(`  POST handler in-process:   ${stats(handler)}`)
    console.log(`  POST over HTTP (local):    ${stats(http)}`)
    console.log(rawClient ? `  raw INSERT through pg:     ${stats(raw)}` : '  raw INSERT through pg:     (no Postgres server)')
    console.log(`  sync of a 200-entry offline queue over HTTP: ${stats(syncTimes)}`)
  } finally {
    await drop()
  }
}

pureBench()
await logBench()
process.exit(0)
