// `npm test`: every suite. Without TEST_DATABASE_URL everything runs on the embedded PGlite;
// with it, on that Postgres server, and the API suite runs once more through Neon's driver.
import { spawnSync } from 'node:child_process'

const extraArgs = process.argv.slice(2)
function vitest(args, env = {}) {
  const result = spawnSync('npx', ['vitest', 'run', ...args, ...extraArgs], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const server = process.env.TEST_DATABASE_URL
console.log(`\n[test] database: ${server ? `Postgres server (${new URL(server).host})` : 'embedded PGlite'}\n`)
vitest([])
if (server) {
  console.log('\n[test] API suite again through @neondatabase/serverless (WebSocket proxy on loopback)\n')
  vitest(['--project', 'api'], { TEST_DB_DRIVER: 'neon' })
} else {
  console.warn('\n[test] Neon driver suite skipped: it needs a Postgres server (set TEST_DATABASE_URL).\n')
}
