/**
 * `npm run bench -- load`: the product on the Postgres server (a fresh database), driven by
 * autocannon from another process on 127.0.0.1, beside its floors measured in the same run: a
 * no-op Hono route and a Hono route that sends one `INSERT … ON CONFLICT` through pg (same pool
 * size, same server adapter). Health, vote casting and the collection sync (one entry, as the app
 * sends it) at 50 and 200 connections; CPU per request of the serving Node process and of the
 * Postgres backends of this database (from /proc); database round trips per request (counted by
 * a protocol-level proxy between the product and Postgres); a function's cold start.
 * BENCH_BASELINE=<git ref>: the same load also against that commit, in the same run (the
 * "before" of a change), from a temporary worktree on the same database.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { repoRoot } from '../db/client'
import { startWsProxy } from '../tests/harness/ws-proxy'
import { startPgCounter } from './lib/pg-counter'
import { freePort } from '../tests/harness/free-port'

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const SECONDS = Math.min(Number(process.env.LOAD_SECONDS ?? 8), 10)
const CONCURRENCY = [50, 200]

function withDatabase(url: string, database: string, port?: number): string {
  const out = new URL(url)
  out.pathname = `/${database}`
  if (port) {
    out.hostname = '127.0.0.1'
    out.port = String(port)
  }
  return out.toString()
}

interface CannonResult {
  requests: number
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  timeouts: number
}

/** Async: the round-trip counting proxy lives in this process and must keep forwarding meanwhile. */
interface CollectionJob {
  workshopId: string
  operationId: string
  collectedOn: string
  pairs: { workerId: string; orderId: string }[]
}

async function cannon(job: {
  url: string
  method: 'GET' | 'POST'
  body?: string
  tokens: string[]
  connections: number
  seconds: number
  collection?: CollectionJob
}): Promise<CannonResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'lib', 'cannon.ts'), JSON.stringify(job)], { cwd: repoRoot })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  const line = stdout.trim().split('\n').pop() ?? ''
  if (status !== 0 || !line.startsWith('{')) throw new Error(`autocannon failed: ${stderr}`)
  return JSON.parse(line) as CannonResult
}

async function post<T>(base: string, route: string, token: string, body: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(`${base}${route}`, { method: 'POST', headers, body: JSON.stringify(body) })
  const json = (await res.json()) as T
  if (!res.ok) throw new Error(`${route} ${res.status} ${JSON.stringify(json)}`)
  return json
}

async function startProduct(
  databaseUrl: string,
  port: number,
  nodeFlags: string[] = [],
  env: Record<string, string> = {},
  cwd = repoRoot,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', 'functions/server/serve.ts'], {
    cwd,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DEMO_LOGIN: '1', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  child.kill('SIGKILL')
  throw new Error('product did not start')
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

interface Measured extends CannonResult {
  nodeCpuUs: number
  pgCpuUs: number
}

/**
 * One load run with the CPU it cost: the serving process's, and that of every Postgres backend
 * connected to `databaseName` (other helpers' databases on the same server are not counted).
 * A backend opened during the run counts whole, its start-up included.
 */
async function measured(serverPid: number, databaseName: string, run: () => Promise<CannonResult>): Promise<Measured> {
  const backends = async () =>
    (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [databaseName])).rows.map((r) => r.pid)
  const pgBefore = new Map((await backends()).map((pid) => [pid, cpuMs(pid)]))
  const nodeBefore = cpuMs(serverPid)
  const result = await run()
  const nodeAfter = cpuMs(serverPid)
  let pgSpent = 0
  for (const pid of await backends()) pgSpent += cpuMs(pid) - (pgBefore.get(pid) ?? 0)
  const served = Math.max(1, result.requests)
  return { ...result, nodeCpuUs: ((nodeAfter - nodeBefore) * 1000) / served, pgCpuUs: (pgSpent * 1000) / served }
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`
}

const admin = new pg.Client({ connectionString: serverUrl })
await admin.connect()
const database = `xy_load_${process.pid}`
await admin.query(`CREATE DATABASE ${database}`)
const target = new URL(serverUrl)
const counter = await startPgCounter({ host: target.hostname, port: Number(target.port || 5432) })
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const lines: string[] = []
/** What `npm run bench` reads back to print the goals table (BENCH_RESULT_JSON names the file). */
let results: { rows: unknown[]; trips: unknown[]; baseline: string | null; coldStart?: unknown } | undefined
let child: ChildProcess | undefined
try {
  child = await startProduct(withDatabase(serverUrl, database, counter.port), port)
  const db = new pg.Client({ connectionString: withDatabase(serverUrl, database) })
  await db.connect()
  const village = (await db.query<{ id: string }>(`select id from villages where name = '高井嘎查'`)).rows[0]?.id ?? ''
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const adults = (
    await db.query<{ id: string; household_id: string }>(
      `select p.id, p.household_id from people p join households h on h.id = p.household_id where h.village_id = $1 and p.birth_year <= $2 order by p.id`,
      [village, year - 18],
    )
  ).rows
  const secretaryId = (await db.query<{ id: string }>(`select id from people where name = '青明'`)).rows[0]?.id ?? ''
  await db.end()
  const login = async (personId: string) => (await post<{ token: string }>(base, '/api/auth/demo', '', { personId })).token
  const secretary = await login(secretaryId)

  // A meeting in session with one motion open, every adult of 高井嘎查 present.
  const awardYear = await post<{ id: string }>(base, '/api/land/years/create', secretary, {
    villageId: village,
    year: 2040,
    perHouseholdTenthMu: 120,
    season: '压测年度',
    parcels: Array.from({ length: 10 }, (_, i) => ({ name: `压测地${i + 1}`, areaTenthMu: 120 })),
  })
  const households = [...new Set(adults.map((a) => a.household_id))].slice(0, 3)
  const candidates: string[] = []
  for (const householdId of households) {
    const nomination = await post<{ id: string }>(base, '/api/land/nominations/create', secretary, {
      awardYearId: awardYear.id,
      householdId,
      deedKind: 'no_birthday_banquet',
      deedDate: `${year}-03-01`,
      notes: '压测',
    })
    await post(base, '/api/land/nominations/review', secretary, { nominationId: nomination.id, decision: 'approved' })
    candidates.push(nomination.id)
  }
  const meeting = await post<{ id: string }>(base, '/api/land/meetings/create', secretary, {
    awardYearId: awardYear.id,
    type: 'assembly',
    title: '压测村民会议',
    meetingDate: today,
    urgentReason: '压测',
  })
  await post(base, '/api/land/meetings/open', secretary, { meetingId: meeting.id })
  await post(base, '/api/land/meetings/roll-call', secretary, { meetingId: meeting.id, personIds: adults.map((a) => a.id) })
  const motion = await post<{ id: string }>(base, '/api/land/motions/create', secretary, {
    meetingId: meeting.id,
    kind: 'whole_list',
    title: '压测表决',
    candidateIds: candidates,
  })
  await post(base, '/api/land/motions/open', secretary, { motionId: motion.id })
  const tokens: string[] = []
  for (const adult of adults) tokens.push(await login(adult.id))

  // Round trips per request, one request at a time: those before the answer (what the client
  // waits for) and, once the wire is quiet, those after it (sealing the audit chain).
  const quiet = async () => {
    for (let last = counter.trips(); ;) {
      await new Promise((resolve) => setTimeout(resolve, 60))
      if (counter.trips() === last) return
      last = counter.trips()
    }
  }
  const trips = async (label: string, send: () => Promise<Response>) => {
    const answered: number[] = []
    const total: number[] = []
    const waited: number[] = []
    let sample: { answered: string[]; after: string[] } = { answered: [], after: [] }
    for (let i = 0; i < 20; i++) {
      await quiet()
      const before = counter.trips()
      const waitsBefore = counter.waits()
      const firstStatement = counter.statements()
      const res = await send()
      const answer = await res.text()
      if (!res.ok) throw new Error(`${label}: ${res.status} ${answer.slice(0, 300)}`)
      answered.push(counter.trips() - before)
      waited.push(counter.waits() - waitsBefore)
      const answeredStatements = counter.statements()
      await quiet()
      total.push(counter.trips() - before)
      sample = {
        answered: counter.statementsSince(firstStatement).slice(0, answeredStatements - firstStatement),
        after: counter.statementsSince(answeredStatements),
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
    const short = (text: string) => (text.length > 90 ? `${text.slice(0, 87)}…` : text)
    console.log(
      `[load] ${label}, the last request's statements before the answer:\n  ${sample.answered.map(short).join('\n  ')}\n  after it:\n  ${sample.after.map(short).join('\n  ')}`,
    )
    return { answered: median(answered), after: median(total) - median(answered), waits: median(waited) }
  }
  const voteBody = JSON.stringify({ motionId: motion.id, choice: 'for' })
  const castTrips = await trips('vote cast', () =>
    fetch(`${base}/api/land/votes/cast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
      body: voteBody,
    }),
  )
  const castKeyTrips = await trips('vote cast with Idempotency-Key', () =>
    fetch(`${base}/api/land/votes/cast`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}`, 'idempotency-key': `bench-${Math.random().toString(36).slice(2)}` },
      body: voteBody,
    }),
  )
  const healthTrips = await trips('health', () => fetch(`${base}/api/health`))
  const tallyTrips = await trips('tally', () =>
    fetch(`${base}/api/land/motions/tally?motionId=${motion.id}`, { headers: { authorization: `Bearer ${secretary}` } }),
  )

  // The other writes a weak network retries, each with the Idempotency-Key the mini-program sends.
  const keyed = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${randomUUID()}` })
  const lookup = new pg.Client({ connectionString: withDatabase(serverUrl, database) })
  await lookup.connect()
  const one = async (sql: string, params: unknown[] = []) => {
    const found = (await lookup.query<{ id: string }>(sql, params)).rows[0]?.id
    if (!found) throw new Error(`bench setup: nothing for ${sql}`)
    return found
  }
  const garden = await one(`select id from villages where name = '菜北社区41号院'`)
  const steward = await login(await one(`select id from people where name = '马淑兰'`))
  const volunteer = await login(await one(`select id from people where name = '沙秀芳'`))
  const workshopId = await one(`select w.id from workshops w join villages v on v.id = w.village_id where v.name = '馆里村' order by w.created_at limit 1`)
  const head = await login(await one(`select id from people where name = '刘建国'`))
  const productId = await one(`select id from piece_products where workshop_id = $1 order by created_at limit 1`, [workshopId])
  // An operation made of the grams issued below: picked by id alone, it was sometimes the one
  // counted in 个, which the grams do not cover, and every collection was refused.
  const operationId = await one(`select id from piece_operations where product_id = $1 and count_per_piece = 0 order by id limit 1`, [productId])
  const workerIds = (
    await lookup.query<{ id: string }>(`select id from workshop_workers where workshop_id = $1 order by joined_at limit 10`, [workshopId])
  ).rows.map((r) => r.id)
  const workerId = workerIds[0] ?? ''
  await lookup.end()
  // Night shifts half a year ahead, one a day: nothing of the demo roster overlaps them.
  const shiftIds: string[] = []
  for (let day = 0; day < 20; day++) {
    const startsAt = new Date(Date.UTC(year, new Date().getUTCMonth() + 6, 1 + day, 19, 0)).toISOString()
    shiftIds.push(
      (
        await post<{ id: string }>(base, '/api/garden/shifts/create', steward, {
          villageId: garden,
          title: `压测夜班${day + 1}`,
          kind: 'gate',
          startsAt,
          durationMinutes: 60,
          capacity: 5,
        })
      ).id,
    )
  }
  // Ten orders and up to ten households, each with material enough for every piece of the load:
  // each load connection collects for its own household and order, as ten heads' phones would.
  const orderIds: string[] = []
  for (let i = 0; i < 10; i++) {
    orderIds.push(
      (
        await post<{ id: string }>(base, '/api/piecework/orders/create', head, {
          workshopId,
          customer: `压测客户${i + 1}`,
          productId,
          quantity: 1_000_000,
          dueOn: today,
          unitPriceFen: 100,
        })
      ).id,
    )
  }
  const order = { id: orderIds[0] ?? '' }
  let nextShift = 0
  const signUpTrips = await trips('garden sign-up with Idempotency-Key', () =>
    fetch(`${base}/api/garden/shifts/sign-up`, {
      method: 'POST',
      headers: keyed(volunteer),
      body: JSON.stringify({ villageId: garden, shiftId: shiftIds[nextShift++ % shiftIds.length] }),
    }),
  )
  // Material first: a collection is refused beyond what the household's material can make.
  const issueTrips = await trips('material issue with Idempotency-Key', () =>
    fetch(`${base}/api/piecework/materials/move`, {
      method: 'POST',
      headers: keyed(head),
      body: JSON.stringify({ workshopId, orderId: order.id, workerId, kind: 'issue', grams: 500, expectedPieces: 10, movedOn: today }),
    }),
  )
  for (const id of workerIds) {
    await post(base, '/api/piecework/materials/move', head, {
      workshopId,
      orderId: order.id,
      workerId: id,
      kind: 'issue',
      grams: 50_000_000,
      expectedPieces: 0,
      movedOn: today,
    })
  }
  const collectionTrips = await trips('piece collection (create) with Idempotency-Key', () =>
    fetch(`${base}/api/piecework/collections/create`, {
      method: 'POST',
      headers: keyed(head),
      body: JSON.stringify({ workshopId, clientId: randomUUID(), workerId, orderId: order.id, operationId, collectedOn: today, accepted: 3, rejected: 0 }),
    }),
  )
  const syncTrips = await trips('piece collection (sync of one entry, as the app sends it)', () =>
    fetch(`${base}/api/piecework/collections/sync`, {
      method: 'POST',
      headers: keyed(head),
      body: JSON.stringify({
        workshopId,
        entries: [{ clientId: randomUUID(), workerId, orderId: order.id, operationId, collectedOn: today, accepted: 3, rejected: 0 }],
      }),
    }),
  )
  const collectionJob: CollectionJob = {
    workshopId,
    operationId,
    collectedOn: today,
    pairs: orderIds.map((orderId, i) => ({ orderId, workerId: workerIds[i % workerIds.length] ?? workerId })),
  }

  // The load runs against a product process connected straight to Postgres: the counting proxy
  // (a JavaScript process in the middle) must not be part of what is measured.
  child.kill('SIGTERM')
  await new Promise((resolve) => child?.once('exit', resolve))
  child = undefined
  const direct = withDatabase(serverUrl, database)
  // LOAD_POOLER=<port>: the product (not the floors) connects through a connection pooler on
  // 127.0.0.1 (PgBouncer in transaction mode, as Neon's pooled endpoint); with
  // DATABASE_PREPARED_STATEMENTS=0 it sends its statements unnamed.
  const productUrlOf = (name: string) =>
    process.env.LOAD_POOLER ? withDatabase(serverUrl, name, Number(process.env.LOAD_POOLER)) : withDatabase(serverUrl, name)
  const storedCollections = async (name: string) => {
    const c = new pg.Client({ connectionString: withDatabase(serverUrl, name) })
    await c.connect()
    const n = Number((await c.query<{ n: string }>('select count(*) as n from piece_collections')).rows[0]?.n ?? 0)
    await c.end()
    return n
  }

  interface LoadRow {
    label: string
    connections: number
    result: Measured
    floor?: Measured
    trips?: { answered: number; waits: number }
    note?: string
  }
  const table: LoadRow[] = []

  /** The floors, against `name`, just before the variant they are the floor of. */
  const measureFloors = async (name: string, tag: string): Promise<Map<string, Measured>> => {
    const floorChild = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'lib', 'floor-server.ts')], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: withDatabase(serverUrl, name), PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve) => floorChild.stdout?.once('data', () => resolve()))
    const floors = new Map<string, Measured>()
    try {
      await cannon({ url: `${base}/insert`, method: 'POST', body: voteBody, tokens: [''], connections: 50, seconds: 2 })
      for (const connections of CONCURRENCY) {
        for (const kind of ['noop', 'insert'] as const) {
          const result = await measured(floorChild.pid ?? 0, name, () =>
            cannon({ url: `${base}/${kind}`, method: 'POST', body: voteBody, tokens: [''], connections, seconds: SECONDS }),
          )
          floors.set(`${kind}/${connections}`, result)
          table.push({ label: `${kind === 'noop' ? 'floor: no-op Hono route' : 'floor: Hono + one INSERT … ON CONFLICT via pg'}${tag}`, connections, result })
          console.log(`[load] floor${tag} ${kind} ${connections}: ${result.rps.toFixed(0)} req/s p50 ${result.p50} p99 ${result.p99}`)
        }
      }
    } finally {
      floorChild.kill('SIGTERM')
      await new Promise((resolve) => floorChild.once('exit', resolve))
    }
    return floors
  }

  // The product (and, with BENCH_BASELINE, the same load against an earlier commit first). Each
  // variant runs on its own copy of the set-up database, with its floors measured just before it:
  // the collection sync's cost grows with the collections stored, and the machine's load moves.
  const variants: { name: string; cwd: string; cleanup?: () => void }[] = []
  const baselineRef = process.env.BENCH_BASELINE
  if (baselineRef) {
    const dir = path.join(tmpdir(), `xy-baseline-${process.pid}`)
    execFileSync('git', ['worktree', 'add', '--detach', dir, baselineRef], { cwd: repoRoot, stdio: 'ignore' })
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'))
    const name = execFileSync('git', ['rev-parse', '--short', baselineRef], { cwd: repoRoot, encoding: 'utf8' }).trim()
    variants.push({
      name: `before (${name})`,
      cwd: dir,
      cleanup: () => {
        rmSync(dir, { recursive: true, force: true })
        execFileSync('git', ['worktree', 'prune'], { cwd: repoRoot, stdio: 'ignore' })
      },
    })
  }
  variants.push({ name: baselineRef ? 'after (this tree)' : '', cwd: repoRoot })
  const profileDir = process.env.LOAD_CPU_PROF
  for (const [index, variant] of variants.entries()) {
    const tag = variant.name ? ` — ${variant.name}` : ''
    const variantDb = variants.length > 1 ? `${database}_v${index}` : database
    // The template must have no sessions: the counting proxy may take a moment to close its own.
    for (let attempt = 0; variantDb !== database; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${variantDb} TEMPLATE ${database}`)
        break
      } catch (error) {
        if (attempt >= 20) throw error
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
    }
    try {
      const floors = await measureFloors(variantDb, tag)
      child = await startProduct(
        productUrlOf(variantDb),
        port,
        profileDir && !variant.cleanup ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
        {},
        variant.cwd,
      )
      const pid = child.pid ?? 0
      // Warm-up (not measured): V8 compiles the hot paths, the pool opens its connections.
      await cannon({ url: `${base}/api/land/votes/cast`, method: 'POST', body: voteBody, tokens, connections: 50, seconds: 2 })
      await cannon({ url: `${base}/api/piecework/collections/sync`, method: 'POST', tokens: [head], connections: 50, seconds: 2, collection: collectionJob })
      for (const connections of CONCURRENCY) {
        const health = await measured(pid, variantDb, () => cannon({ url: `${base}/api/health`, method: 'GET', tokens: [''], connections, seconds: SECONDS }))
        table.push({
          label: `GET /api/health${tag}`,
          connections,
          result: health,
          floor: floors.get(`noop/${connections}`),
          trips: { answered: healthTrips.answered, waits: healthTrips.waits },
        })
        const vote = await measured(pid, variantDb, () =>
          cannon({ url: `${base}/api/land/votes/cast`, method: 'POST', body: voteBody, tokens, connections, seconds: SECONDS }),
        )
        table.push({
          label: `vote cast${tag}`,
          connections,
          result: vote,
          floor: floors.get(`insert/${connections}`),
          trips: variant.cleanup ? undefined : { answered: castTrips.answered, waits: castTrips.waits },
        })
        const storedBefore = await storedCollections(variantDb)
        const sync = await measured(pid, variantDb, () =>
          cannon({ url: `${base}/api/piecework/collections/sync`, method: 'POST', tokens: [head], connections, seconds: SECONDS, collection: collectionJob }),
        )
        const stored = (await storedCollections(variantDb)) - storedBefore
        table.push({
          label: `collection sync, one entry${tag}`,
          connections,
          result: sync,
          floor: floors.get(`insert/${connections}`),
          trips: variant.cleanup ? undefined : { answered: syncTrips.answered, waits: syncTrips.waits },
          note: `${stored} rows stored during the run`,
        })
        for (const [label, r] of [
          ['health', health],
          ['vote cast', vote],
          ['collection sync', sync],
        ] as const) {
          console.log(
            `[load]${tag} ${label} ${connections}: ${r.rps.toFixed(0)} req/s p50 ${r.p50} p99 ${r.p99} non-2xx ${r.non2xx}/${r.requests} errors ${r.errors} · Node ${r.nodeCpuUs.toFixed(0)} µs/req · Postgres ${r.pgCpuUs.toFixed(0)} µs/req`,
          )
        }
      }
    } finally {
      child?.kill('SIGTERM')
      await new Promise((resolve) => child?.once('exit', resolve))
      child = undefined
      variant.cleanup?.()
      if (variantDb !== database && process.env.LOAD_KEEP_DB !== '1') await admin.query(`DROP DATABASE IF EXISTS ${variantDb} WITH (FORCE)`)
    }
  }

  lines.push(
    '',
    `### Under load (Postgres, pool of 10 connections, ${SECONDS} s a run; floors measured in this run, just before the variant they stand beside, each variant on its own copy of the set-up database)`,
    '',
  )
  lines.push(
    row([
      'measure',
      'clients',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'Node CPU µs/req',
      'Postgres CPU µs/req',
      'trips before answer (statements · waits)',
      'req/s ÷ floor',
      'p99 ÷ floor',
    ]),
  )
  lines.push(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---']))
  for (const r of table) {
    lines.push(
      row([
        r.note ? `${r.label} (${r.note})` : r.label,
        String(r.connections),
        r.result.rps.toFixed(0),
        String(r.result.p50),
        String(r.result.p99),
        `${r.result.non2xx} of ${r.result.requests}`,
        r.result.nodeCpuUs.toFixed(0),
        r.result.pgCpuUs.toFixed(0),
        r.trips ? `${r.trips.answered} · ${r.trips.waits}` : '—',
        r.floor ? (r.result.rps / r.floor.rps).toFixed(2) : '—',
        r.floor ? (r.result.p99 / Math.max(1, r.floor.p99)).toFixed(1) : '—',
      ]),
    )
  }
  lines.push(
    '',
    "Goals (issue): vote cast ≥ 0.35 × the INSERT floor's req/s and p99 ≤ 4 × its p99; collection sync ≥ 0.2 × the floor, ≤ 3 waits before the answer.",
  )

  // Production's driver: Neon's serverless Pool over WebSockets, through a loopback stand-in for
  // Neon's proxy (one JavaScript hop, as Neon's edge is one hop). LOAD_NEON=0 skips it.
  if (process.env.LOAD_NEON !== '0') {
    const wsProxy = await startWsProxy({ host: target.hostname, port: Number(target.port || 5432) })
    try {
      child = await startProduct(direct, port, [], { DATABASE_DRIVER: 'neon', NEON_WS_PROXY: wsProxy.address })
      lines.push('', '### The same through the Neon driver (WebSocket proxy on loopback)', '')
      lines.push(row(['clients', 'POST /api/land/votes/cast req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'collection sync req/s', 'p50 ms', 'p99 ms', 'non-2xx']))
      lines.push(row(['---', '---', '---', '---', '---', '---', '---', '---', '---']))
      for (const connections of CONCURRENCY) {
        const api = await cannon({ url: `${base}/api/land/votes/cast`, method: 'POST', body: voteBody, tokens, connections, seconds: SECONDS })
        const sync = await cannon({
          url: `${base}/api/piecework/collections/sync`,
          method: 'POST',
          tokens: [head],
          connections,
          seconds: SECONDS,
          collection: collectionJob,
        })
        lines.push(
          row([
            String(connections),
            api.rps.toFixed(0),
            String(api.p50),
            String(api.p99),
            `${api.non2xx} of ${api.requests}`,
            sync.rps.toFixed(0),
            String(sync.p50),
            String(sync.p99),
            `${sync.non2xx} of ${sync.requests}`,
          ]),
        )
        console.log(
          `[load] ${connections} clients via the Neon driver: vote cast ${api.rps.toFixed(0)} req/s p50 ${api.p50} p99 ${api.p99} (non-2xx ${api.non2xx}/${api.requests}) · collection sync ${sync.rps.toFixed(0)} req/s p99 ${sync.p99}`,
        )
      }
      child.kill('SIGTERM')
      await new Promise((resolve) => child?.once('exit', resolve))
      child = undefined
    } finally {
      await wsProxy.close()
    }
  }
  lines.push('', '### Database round trips per request (median of 20, counted at the wire)', '')
  lines.push(
    '',
    'Statements: each simple Query and each Sync (a statement batch the server answers). Waits: what the caller waits for; statements sent together (several in one simple Query) share one wait.',
    '',
  )
  lines.push(row(['request', 'statements before the answer', 'waits before the answer', 'after it (audit sealing)']))
  lines.push(row(['---', '---', '---', '---']))
  const tripRows: [string, { answered: number; waits: number; after: number }][] = [
    ['POST /api/land/votes/cast', castTrips],
    ['POST /api/land/votes/cast with Idempotency-Key', castKeyTrips],
    ['POST /api/piecework/collections/sync, one entry, with Idempotency-Key (as the app sends it)', syncTrips],
    ['POST /api/piecework/collections/create with Idempotency-Key', collectionTrips],
    ['POST /api/garden/shifts/sign-up with Idempotency-Key', signUpTrips],
    ['POST /api/piecework/materials/move with Idempotency-Key', issueTrips],
    ['GET /api/land/motions/tally', tallyTrips],
    ['GET /api/health', healthTrips],
  ]
  for (const [label, t] of tripRows) lines.push(row([label, String(t.answered), String(t.waits), String(t.after)]))
  results = {
    rows: table.map((r) => ({
      label: r.label,
      connections: r.connections,
      ...r.result,
      floor: r.floor ? { rps: r.floor.rps, p99: r.floor.p99 } : null,
      trips: r.trips ?? null,
      note: r.note ?? null,
    })),
    trips: tripRows.map(([label, t]) => ({ label, ...t })),
    baseline: process.env.BENCH_BASELINE ?? null,
  }
  console.log(
    `[load] round trips (statements/waits before answer + after): ${tripRows.map(([label, t]) => `${label} ${t.answered}/${t.waits}+${t.after}`).join(' · ')}`,
  )
} finally {
  child?.kill('SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 500))
  await counter.close()
}

// Cold start: a fresh Node process imports the function and answers its first request.
const coldScript = `
const t0 = performance.now()
const { GET } = await import('./functions/api/health.ts')
const t1 = performance.now()
const res = await GET(new Request('http://127.0.0.1/api/health'))
await res.text()
const t2 = performance.now()
console.log(JSON.stringify({ status: res.status, importMs: t1 - t0, firstResponseMs: t2 - t1, sinceProcessStartMs: t2 }))
process.exit(0)
`
const colds: { wall: number; importMs: number; firstResponseMs: number; sinceStart: number }[] = []
for (let i = 0; i < 5; i++) {
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', coldScript], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: withDatabase(serverUrl, database), NODE_ENV: 'development' },
  })
  const wall = performance.now() - started
  const line = result.stdout.trim().split('\n').pop() ?? '{}'
  const parsed = JSON.parse(line) as { status: number; importMs: number; firstResponseMs: number; sinceProcessStartMs: number }
  if (parsed.status !== 200) throw new Error(`cold start failed: ${result.stderr}`)
  colds.push({ wall, importMs: parsed.importMs, firstResponseMs: parsed.firstResponseMs, sinceStart: parsed.sinceProcessStartMs })
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
lines.push('', '### Cold start of a function (fresh Node process, median of 5)', '')
lines.push(
  row([
    'import the route module',
    'first response (opens pool, checks migrations)',
    'process start → first response',
    'spawn → exit (wall, incl. Node + tsx boot)',
  ]),
)
lines.push(row(['---', '---', '---', '---']))
lines.push(
  row([
    `${median(colds.map((c) => c.importMs)).toFixed(0)} ms`,
    `${median(colds.map((c) => c.firstResponseMs)).toFixed(0)} ms`,
    `${median(colds.map((c) => c.sinceStart)).toFixed(0)} ms`,
    `${median(colds.map((c) => c.wall)).toFixed(0)} ms`,
  ]),
)
console.log(
  `[load] cold start: import ${median(colds.map((c) => c.importMs)).toFixed(0)} ms, first response ${median(colds.map((c) => c.firstResponseMs)).toFixed(0)} ms, wall ${median(colds.map((c) => c.wall)).toFixed(0)} ms`,
)

// LOAD_KEEP_DB=1 leaves the database for EXPLAIN ANALYZE of what the load stored.
if (process.env.LOAD_KEEP_DB === '1') console.log(`[load] database kept: ${database}`)
else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
await admin.end()
console.log(lines.join('\n'))
if (process.env.BENCH_RESULT_JSON && results) {
  results.coldStart = {
    importMs: median(colds.map((c) => c.importMs)),
    firstResponseMs: median(colds.map((c) => c.firstResponseMs)),
    wallMs: median(colds.map((c) => c.wall)),
  }
  writeFileSync(process.env.BENCH_RESULT_JSON, JSON.stringify({ ...results, markdown: lines.join('\n') }))
}
