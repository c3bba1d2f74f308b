import { AppError } from '../../shared/errors'
import { openDb, type DbHandle } from '../../db/client'
import { runMigrations, schemaIsCurrent } from '../../db/migrate'
import { getEnv } from './env'

let current: Promise<DbHandle> | undefined
/** Set once this process has seen the schema up to date; from then on no request checks again. */
let schemaReady = false

/**
 * One handle per process (a Vercel instance or the local server), opened on first use. Locally
 * (`npm start`, tests) pending migrations are applied then; in production they are applied by
 * `npm run db:migrate` before the deployment takes traffic, and a request that finds the
 * database behind the code is answered 503 schema_not_migrated until that step has run: it
 * never migrates (through the pooled connection, under a request's deadline) by itself.
 */
export function getDbHandle(): Promise<DbHandle> {
  current ??= (async () => {
    const env = getEnv()
    const handle = await openDb({
      databaseUrl: env.DATABASE_URL,
      driver: env.DATABASE_DRIVER,
      pgliteDataDir: env.PGLITE_DIR,
      neonWsProxy: env.NEON_WS_PROXY,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS === '1',
      pipeline: env.DATABASE_PIPELINE === '1',
    })
    if (env.autoMigrate) {
      await runMigrations(handle)
      schemaReady = true
    }
    return handle
  })()
  // A failed open must not poison every later request: let the next one try again.
  current.catch(() => {
    current = undefined
  })
  return schemaReady ? current : current.then(requireCurrentSchema)
}

async function requireCurrentSchema(handle: DbHandle): Promise<DbHandle> {
  // Checked again by each request until it holds: an instance kept warm while the migrate step
  // runs starts answering as soon as it has finished, without a restart.
  if (!schemaReady && !(await schemaIsCurrent(handle))) {
    console.error('[db] the database is behind this release: run `npm run db:migrate` (DATABASE_URL_UNPOOLED) before sending traffic')
    throw new AppError('schema_not_migrated')
  }
  schemaReady = true
  return handle
}

/** Tests and the local server inject an already-open, migrated database. */
export function useDbHandle(handle: DbHandle): void {
  current = Promise.resolve(handle)
  schemaReady = true
}
