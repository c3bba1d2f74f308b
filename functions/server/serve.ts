import { existsSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { settleAuditSeals } from '../../db/audit'
import { PgliteDirLockedError } from '../../db/pglite-lock'
import { seedDemoIfEmpty } from '../../db/seed/demo'
import { AppError } from '../../shared/errors'
import { REMINDER_SCHEDULES } from '../../shared/garden'
import { settleAfterCommit } from '../lib/after-commit'
import { getDbHandle } from '../lib/db'
import { getEnv } from '../lib/env'
import { runReminderSchedule } from '../queries/garden-reminders'
import { createApp, h5Root } from './app'
import { startSchedule } from './schedule'

const port = getEnv().PORT

let env: ReturnType<typeof getEnv>
try {
  env = getEnv()
} catch (error) {
  // A refused configuration (production with DEMO_LOGIN=1, the development key…) stops the start.
  console.error(`[start] 配置有误，拒绝启动 refusing to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(78)
}
let handle: Awaited<ReturnType<typeof getDbHandle>>
try {
  handle = await getDbHandle()
} catch (error) {
  if (error instanceof AppError && error.code === 'schema_not_migrated') {
    // Production never migrates by itself: the migrate step comes first (npm start runs it).
    console.error('[start] 数据库还没有升级，拒绝启动 refusing to start: the database is behind this release; run `npm run db:migrate` first')
    process.exit(78)
  }
  if (!(error instanceof PgliteDirLockedError)) throw error
  console.error(`[start] 拒绝启动 refusing to start: ${error.message}`)
  process.exit(75)
}
// env refuses DEMO_LOGIN=1 in production already; the second condition keeps it so if that changes.
if (env.DEMO_LOGIN === '1' && !env.production) {
  const seeded = await seedDemoIfEmpty(handle.db)
  console.log(seeded ? '[start] 已载入演示村庄 demo villages loaded' : '[start] 数据库已有数据，未重复载入演示数据')
}
if (!existsSync(h5Root)) console.warn(`[start] H5 app not built (${h5Root} missing): only /api is served`)

const server = serve({ fetch: createApp().fetch, port, hostname: getEnv().HOST }, (info) => {
  console.log(`[start] 乡约 running: http://${info.address}:${info.port}/  (database: ${handle.driver})`)
})

// The reminders Vercel Cron runs in production (vercel.json), on the same schedule in this process.
const stopSchedule =
  env.REMINDER_TIMER === '1'
    ? startSchedule(REMINDER_SCHEDULES, async () => {
        const run = await runReminderSchedule(handle.db)
        console.log(`[reminders] ${run.forDate}: ${run.created} new, ${run.sent} sent by WeChat, ${run.appOnly} in the app only, ${run.failed} to retry`)
      })
    : () => undefined

async function shutdown(): Promise<void> {
  stopSchedule()
  server.close()
  // Entries written by the last requests are sealed before the pool goes away.
  await settleAuditSeals()
  await settleAfterCommit()
  await handle.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
