/**
 * `npm run db:migrate`: applies the committed migrations (db/migrations) and exits — the step a
 * deployment runs before it takes traffic (Vercel's build command runs it). It connects through
 * DATABASE_URL_UNPOOLED when set: Neon's pooled endpoint is PgBouncer in transaction mode, which
 * is not for migrations. `-- --seed-demo` also loads the demo villages into an empty database.
 */
import { settleAuditSeals } from '../db/audit'
import { openDb, pickDriver } from '../db/client'
import { latestMigrationTag, runMigrations, schemaIsCurrent } from '../db/migrate'
import { seedDemoIfEmpty } from '../db/seed/demo'
import { getEnv } from '../functions/lib/env'

const env = getEnv()
const databaseUrl = env.DATABASE_URL_UNPOOLED ?? env.DATABASE_URL
const config = { databaseUrl, driver: env.DATABASE_DRIVER, pgliteDataDir: env.PGLITE_DIR, neonWsProxy: env.NEON_WS_PROXY, poolMax: 1 }
const where = databaseUrl ? `${new URL(databaseUrl).host}${env.DATABASE_URL_UNPOOLED ? ' (DATABASE_URL_UNPOOLED)' : ' (DATABASE_URL)'}` : 'embedded PGlite'
const started = performance.now()
const handle = await openDb(config)
try {
  const before = await schemaIsCurrent(handle)
  await runMigrations(handle)
  console.log(
    `[db:migrate] ${where}, driver ${pickDriver(config)}: ${before ? 'already at' : 'migrated to'} ${latestMigrationTag()} in ${(performance.now() - started).toFixed(0)} ms`,
  )
  if (process.argv.includes('--seed-demo')) {
    const seeded = await seedDemoIfEmpty(handle.db)
    await settleAuditSeals()
    console.log(seeded ? '[db:migrate] demo villages loaded' : '[db:migrate] the database has data: demo not loaded')
  }
} finally {
  await handle.close()
}
