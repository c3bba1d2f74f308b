// `npm test`: every suite. Without TEST_DATABASE_URL everything runs on the embedded PGlite;
// with it, on that Postgres server, and the API suite runs once more through Neon's driver.
// `npm test -- --database-suites` runs only the projects that talk to a database (api, proof,
// e2e): CI's second pass on the Postgres server, where shared, miniapp and weapp would only repeat
// the first pass byte for byte. The elders walk (every page at 大字 and at 2× font) is left out of
// that pass too: it measures layout, which the driver underneath cannot change, and it is the
// longest browser suite. The fuzz suites there send the first quarter of the bodies the first
// pass sent (the same seeds, so the same bodies): what the server's driver could change is how a
// body the schema let through fails, and each POST route still gets 250 bodies.
import { spawnSync } from 'node:child_process'

const databaseSuitesFlag = '--database-suites'
const databaseSuitesOnly = process.argv.includes(databaseSuitesFlag)
const extraArgs = process.argv.slice(2).filter((arg) => arg !== databaseSuitesFlag)
function vitest(args, env = {}) {
  const result = spawnSync('npx', ['vitest', 'run', ...args, ...extraArgs], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const server = process.env.TEST_DATABASE_URL
console.log(`\n[test] database: ${server ? `Postgres server (${new URL(server).host})` : 'embedded PGlite'}\n`)
if (databaseSuitesOnly) {
  console.log('[test] only the suites that talk to a database: api, proof, e2e (without the elders layout walk)\n')
  vitest(['--project', 'api', '--project', 'proof', '--project', 'e2e', '--exclude', 'tests/e2e/elders.test.ts'], {
    FUZZ_RUNS: process.env.FUZZ_RUNS ?? '250',
    FUZZ_GET_RUNS: process.env.FUZZ_GET_RUNS ?? '50',
  })
} else {
  vitest([])
}
if (server) {
  console.log('\n[test] API suite again through @neondatabase/serverless (WebSocket proxy on loopback)\n')
  vitest(['--project', 'api'], { TEST_DB_DRIVER: 'neon' })
} else {
  console.warn('\n[test] Neon driver suite skipped: it needs a Postgres server (set TEST_DATABASE_URL).\n')
}
