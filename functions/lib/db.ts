import { openDb, type DbHandle } from '../../db/client'
import { runMigrations } from '../../db/migrate'
import { getEnv } from './env'

let current: Promise<DbHandle> | undefined

/**
 * One handle per process (a Vercel instance or the local server), opened and migrated on first
 * use. Migrations are idempotent, so a cold start on an up-to-date database costs one query.
 */
export function getDbHandle(): Promise<DbHandle> {
  current ??= (async () => {
    const env = getEnv()
    const handle = await openDb({
      databaseUrl: env.DATABASE_URL,
      driver: env.DATABASE_DRIVER,
      pgliteDataDir: env.PGLITE_DIR,
      neonWsProxy: env.NEON_WS_PROXY,
    })
    await runMigrations(handle)
    return handle
  })()
  // A failed open must not poison every later request: let the next one try again.
  current.catch(() => {
    current = undefined
  })
  return current
}

/** Tests and the local server inject an already-open database. */
export function useDbHandle(handle: DbHandle): void {
  current = Promise.resolve(handle)
}
