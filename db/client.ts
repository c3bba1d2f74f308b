import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { attachDatabasePool } from '@vercel/functions'
import { fillPlaceholders, is, sql, SQL, type Placeholder, type Query } from 'drizzle-orm'
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { lockPgliteDir } from './pglite-lock'
import { releaseDeadCheckouts } from './pool-guard'
import * as schema from './schema'

export type Schema = typeof schema
/** One type for every driver flavour: PGlite, node-postgres and Neon's serverless Pool. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DriverName = 'pglite' | 'pg' | 'neon'

export interface DbHandle {
  db: Db
  driver: DriverName
  close: () => Promise<void>
}

export interface DbConfig {
  /** Absent → embedded PGlite. */
  databaseUrl?: string | undefined
  /** Forces the Neon driver for a URL that does not look like Neon (e.g. through a local proxy). */
  driver?: DriverName | undefined
  /** PGlite data directory; `memory://` for an in-memory database. */
  pgliteDataDir?: string | undefined
  /** A PGlite data-dir snapshot to start from (tests load a migrated snapshot instead of migrating). */
  pgliteLoadDataDir?: Blob | File | undefined
  /** Neon over a WebSocket-to-TCP proxy, for local Postgres: `host:port` of the proxy. */
  neonWsProxy?: string | undefined
  poolMax?: number | undefined
  /**
   * Hot statements are sent as named (protocol-level) prepared statements: parsed and planned once
   * per connection instead of on every request. Off (false) for a pooler that refuses them
   * (PgBouncer in transaction mode before 1.21, or without max_prepared_statements).
   */
  preparedStatements?: boolean | undefined
  /**
   * pg connections send a transaction's statements together where the caller allows it
   * (`scriptTransaction`): one wait for several statements. Default on; the Neon driver has no
   * pipelining and sends them one after another.
   */
  pipeline?: boolean | undefined
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const migrationsFolder = path.join(repoRoot, 'db', 'migrations')
export const defaultPgliteDir = path.join(repoRoot, '.data', 'pglite')

export function pickDriver(config: DbConfig): DriverName {
  if (config.driver) return config.driver
  if (!config.databaseUrl) return 'pglite'
  const host = safeHost(config.databaseUrl)
  return host.endsWith('.neon.tech') ? 'neon' : 'pg'
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

/**
 * Vercel keeps an instance warm between requests (Fluid compute) and suspends it when idle; a
 * connection left open across a suspension is cut by Neon and fails the next request.
 * `attachDatabasePool` keeps the instance alive until the pool has closed its idle clients, and
 * the short idle timeout (Vercel advises about 5 s) makes that soon. One pool per instance, not
 * per request: warm requests reuse a connection instead of a TLS and auth handshake each, and the
 * audit sealing that runs after the answer (waitUntil) shares it. Off Vercel it does nothing.
 */
const POOL_IDLE_TIMEOUT_MS = 5_000

export async function openDb(config: DbConfig): Promise<DbHandle> {
  const driver = pickDriver(config)
  preparedStatements = config.preparedStatements !== false
  if (driver === 'pglite') return openPglite(config)
  if (!config.databaseUrl) throw new Error(`DATABASE_URL is required for the ${driver} driver`)
  if (driver === 'pg') return openPg(config.databaseUrl, config.poolMax, config.pipeline !== false)
  return openNeon(config.databaseUrl, config.neonWsProxy, config.poolMax)
}

async function openPglite(config: DbConfig): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  const dataDir = config.pgliteDataDir ?? defaultPgliteDir
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  // One process per folder: a second one is refused here rather than silently corrupting it.
  const release = dataDir.startsWith('memory://') ? async () => {} : await lockPgliteDir(dataDir)
  const client = await PGlite.create({
    dataDir,
    ...(config.pgliteLoadDataDir ? { loadDataDir: config.pgliteLoadDataDir } : {}),
  }).catch(async (error: unknown) => {
    await release()
    throw error
  })
  const db = drizzle({ client, schema, casing: 'snake_case' })
  return { db, driver: 'pglite', close: () => client.close().finally(release) }
}

async function openPg(url: string, poolMax = 10, pipeline = true): Promise<DbHandle> {
  const { default: pg } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  // Pipelining changes nothing for a caller that awaits each query (everything but
  // scriptTransaction): a query is written at once instead of after the previous answer.
  const pool = new pg.Pool({ connectionString: url, max: poolMax, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS, pipeline })
  attachDatabasePool(pool)
  // An idle client that loses its server (restart, network cut) emits here; without a listener
  // the whole process would crash on an error no request caused.
  pool.on('error', (error) => console.error('[db] idle client error:', error.message))
  // A checked-out client whose server connection dies (restart, killed backend) emits 'error' on
  // itself, not on the pool; unheard, that would crash the process. The query in flight still
  // rejects, and the wrapper answers it with a retryable 503.
  pool.on('connect', (client) => client.on('error', (error) => console.error('[db] connection lost:', error.message)))
  releaseDeadCheckouts(pool)
  const db = drizzle({ client: pool, schema, casing: 'snake_case' })
  scriptPools.set(db, { pool, pipelined: pipeline })
  directPools.set(db, { pool, types: drizzleTypes(pg.types) })
  return { db, driver: 'pg', close: () => pool.end() }
}

async function openNeon(url: string, wsProxy: string | undefined, poolMax = 10): Promise<DbHandle> {
  const { Pool, neonConfig } = await import('@neondatabase/serverless')
  const { drizzle } = await import('drizzle-orm/neon-serverless')
  const { default: WebSocket } = await import('ws')
  neonConfig.webSocketConstructor = WebSocket
  if (wsProxy) {
    // Local Postgres behind a plain WebSocket-to-TCP proxy: no TLS, and no pipelined connect
    // (the pipelined startup fails with 08P01 against a non-Neon server).
    neonConfig.wsProxy = () => wsProxy
    neonConfig.useSecureWebSocket = false
    neonConfig.pipelineTLS = false
    neonConfig.pipelineConnect = false
  }
  const pool = new Pool({ connectionString: url, max: poolMax, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS })
  attachDatabasePool(pool)
  pool.on('error', (error: Error) => console.error('[db] idle client error:', error.message))
  pool.on('connect', (client: { on: (event: 'error', listener: (error: Error) => void) => unknown }) =>
    client.on('error', (error: Error) => console.error('[db] connection lost:', error.message)),
  )
  releaseDeadCheckouts(pool)
  const db = drizzle({ client: pool, schema, casing: 'snake_case' })
  scriptPools.set(db, { pool: pool as unknown as ScriptPool, pipelined: false })
  return { db, driver: 'neon', close: () => pool.end() }
}

/** Whether `queryRows` names its statements; set by the last `openDb` (one database per process). */
let preparedStatements = true
const dialect = new PgDialect()

/**
 * A hand-written statement's rows, as unknown for the caller to parse: every driver (PGlite,
 * node-postgres, Neon) answers `execute()` with a `rows` array, though drizzle types it per driver.
 * With a `name` (for a hot statement whose text never changes; the values are parameters) it is
 * a named prepared statement on pg and Neon connections, unless they are switched off; PGlite
 * runs in-process and ignores the name.
 */
export async function queryRows(db: Db | Tx, query: SQL | Query, name?: string): Promise<unknown[]> {
  // A hot statement on pg goes to the pool as it is: drizzle's prepared-query object, its tracing
  // spans and placeholder filling cost more per request than the statement's own client work.
  const direct = name ? directPools.get(db) : undefined
  if (direct) {
    const { sql: text, params } = rendered(query)
    return (await direct.pool.query({ text, values: params, types: direct.types, ...(preparedStatements ? { name } : {}) })).rows
  }
  const result: unknown = is(query, SQL)
    ? name && preparedStatements
      ? await db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute()
      : await db.execute(query)
    : await db._.session.prepareQuery(query, undefined, name && preparedStatements ? name : undefined, false).execute()
  const rows = (result as { rows?: unknown }).rows
  if (!Array.isArray(rows)) throw new Error('the driver answered execute() without rows')
  return rows
}

const rendered = (query: SQL | Query): Query => (is(query, SQL) ? dialect.sqlToQuery(query) : query)

/**
 * A hot statement, written once with a placeholder for each value and rendered once: a request
 * only puts its values in. Rendering the collection batch's statements through drizzle on every
 * request was a fifth of that request's Node CPU in the bench's profile, more than sending them.
 * `statement.with(values)` is what `queryRows` and `scriptTransaction` send under `statement.name`.
 */
export class HotStatement<Key extends string> {
  private text: Query | undefined
  constructor(
    readonly name: string,
    private readonly build: (slot: Readonly<Record<Key, Placeholder<Key>>>) => SQL,
  ) {}

  with(values: Readonly<Record<Key, unknown>>): Query {
    this.text ??= dialect.sqlToQuery(this.build(new Proxy({} as Record<Key, Placeholder<Key>>, { get: (_, key) => sql.placeholder(String(key)) })))
    return { sql: this.text.sql, params: fillPlaceholders(this.text.params, values) }
  }

  /** The statement's rows with these values (see `queryRows`). */
  rows(db: Db | Tx, values: Readonly<Record<Key, unknown>>): Promise<unknown[]> {
    return queryRows(db, this.with(values), this.name)
  }
}

/** A statement of a script: named when its text never changes (a hot statement). */
export interface ScriptStatement {
  query: SQL | Query
  name?: string
}

interface ScriptClient {
  query: (config: { text: string; values: unknown[]; name?: string }) => Promise<{ rows: unknown[] }>
  release: (error?: Error | boolean) => void
  /** pg's socket: corked while a script is written, so its statements leave in one write. */
  connection?: { stream?: { cork?: () => void; uncork?: () => void } }
}
interface ScriptPool {
  connect: () => Promise<ScriptClient>
}
const scriptPools = new WeakMap<object, { pool: ScriptPool; pipelined: boolean }>()

interface TypeParsers {
  getTypeParser: (typeId: number, format?: 'text' | 'binary') => (value: string) => unknown
}
interface DirectPool {
  query: (config: { text: string; values: unknown[]; name?: string; types: TypeParsers }) => Promise<{ rows: unknown[] }>
}
/** pg pools by their drizzle handle, for `queryRows`' hot statements. */
const directPools = new WeakMap<object, { pool: DirectPool; types: TypeParsers }>()

/** The OIDs drizzle's node-postgres driver leaves as text: dates, timestamps, intervals and their arrays. */
const TEXT_TYPES = new Set([1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182])
const asText = (value: string) => value

/** drizzle's type parsing for pg, built once: a statement sent past drizzle answers exactly as through it. */
function drizzleTypes(types: TypeParsers): TypeParsers {
  return { getTypeParser: (typeId, format) => (TEXT_TYPES.has(typeId) ? asText : types.getTypeParser(typeId, format)) }
}

/**
 * One transaction run as a few scripts, each one wait where the driver pipelines (pg): BEGIN goes
 * out with the first script's statements, COMMIT with the last one's (`commit: true`), and a
 * script's statements are written together, executed in order by Postgres (each with its own
 * snapshot under READ COMMITTED, so a read after a lock sees what the lock waited for). A failed
 * statement aborts the transaction: the ones behind it fail too, a COMMIT behind it rolls back,
 * and the first failure is what `run` throws. Without pipelining (Neon's driver) the same
 * statements go one after another; on PGlite inside its own transaction.
 */
const OPEN: readonly ScriptStatement[] = [{ query: sql`begin` }]
/*
 * A named statement is planned once per connection only if Postgres picks its generic plan; for
 * a statement of `= any($n)` arrays it went on planning afresh each time (its custom plans look
 * cheaper), and the collections' facts statement spent more time being planned than running:
 * 1.9 ms of 3.5 ms (pg_stat_statements under the bench's load). The scripts' statements are
 * written for the generic plan: each reads rows by key or through an index.
 */
const OPEN_FOR_NAMED_STATEMENTS: readonly ScriptStatement[] = [...OPEN, { query: sql`set local plan_cache_mode = force_generic_plan` }]

export async function scriptTransaction<T>(
  db: Db,
  work: (run: (statements: readonly ScriptStatement[], options?: { commit?: boolean }) => Promise<unknown[][]>) => Promise<T>,
): Promise<T> {
  const entry = scriptPools.get(db)
  if (!entry) {
    return db.transaction(async (tx) =>
      work(async (statements) => {
        const answers: unknown[][] = []
        for (const statement of statements) answers.push(await queryRows(tx, statement.query))
        return answers
      }),
    )
  }
  const client = await entry.pool.connect()
  let open = false
  let committed = false
  let releaseError: Error | undefined
  const send = (statement: ScriptStatement) => {
    const { sql: text, params } = rendered(statement.query)
    return client.query({ text, values: params, ...(statement.name && preparedStatements ? { name: statement.name } : {}) })
  }
  const run = async (statements: readonly ScriptStatement[], options?: { commit?: boolean }): Promise<unknown[][]> => {
    const opening = open ? [] : preparedStatements ? OPEN_FOR_NAMED_STATEMENTS : OPEN
    const all: ScriptStatement[] = [...opening, ...statements, ...(options?.commit ? [{ query: sql`commit` }] : [])]
    const begins = !open
    open = true
    let settled: PromiseSettledResult<{ rows: unknown[] }>[]
    if (entry.pipelined) {
      // pg writes each statement as it is submitted: one system call (and one wake-up of the
      // server) per statement unless the socket is corked while the script is submitted.
      const stream = client.connection?.stream
      stream?.cork?.()
      let pending: Promise<{ rows: unknown[] }>[]
      try {
        pending = all.map(send)
      } finally {
        stream?.uncork?.()
      }
      settled = await Promise.allSettled(pending)
    } else {
      settled = []
      for (const statement of all) {
        try {
          settled.push({ status: 'fulfilled', value: await send(statement) })
        } catch (error) {
          settled.push({ status: 'rejected', reason: error })
          break
        }
      }
    }
    if (options?.commit) {
      open = false
      committed = true
    }
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected')
    if (failed) throw failed.reason
    const rows = settled.map((result) => (result.status === 'fulfilled' ? result.value.rows : []))
    return rows.slice(begins ? opening.length : 0, options?.commit ? -1 : undefined)
  }
  try {
    const result = await work(run)
    if (open && !committed) await client.query({ text: 'commit', values: [] })
    open = false
    return result
  } catch (error) {
    releaseError = error instanceof Error ? error : new Error(String(error))
    // An aborted or unfinished transaction is rolled back before the client goes back to the pool;
    // a client whose connection is gone is dropped instead (pool-guard released it already).
    try {
      await client.query({ text: 'rollback', values: [] })
      releaseError = undefined
    } catch {
      // the connection is gone: release with the error so the pool drops it
    }
    throw error
  } finally {
    client.release(releaseError ?? undefined)
  }
}
