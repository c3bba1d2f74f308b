// `npm start`: build the H5 app if it is missing, then serve API + H5 on one port with the demo.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

const rebuild = process.argv.includes('--rebuild')
if (rebuild || !existsSync('miniapp/dist/h5/index.html')) {
  console.log('[start] building the H5 app (first start takes about half a minute)…')
  const build = spawnSync('npm', ['run', 'build:h5'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}
// The demo (persona login, demo villages) is the default for a developer's `npm start`, never for
// production: there the server starts without it, and refuses to start if DEMO_LOGIN=1 is asked for.
const production = process.env.NODE_ENV === 'production' || process.env.VERCEL_ENV === 'production'
if (production) {
  // In production the server never migrates by itself: the migrate step runs before traffic.
  const migrate = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { stdio: 'inherit' })
  if (migrate.status !== 0) process.exit(migrate.status ?? 1)
}
const child = spawn(process.execPath, ['--import', 'tsx', 'functions/server/serve.ts'], {
  stdio: 'inherit',
  env: production ? process.env : { DEMO_LOGIN: '1', ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
