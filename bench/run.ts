/**
 * `npm run bench`: sizes of the WeChat and H5 builds beside an empty Taro app, and the API's
 * round trip beside a raw SELECT 1 through pg, the deployable bundle's cold start and size beside
 * a bare hello function's, all measured in this run on this machine.
 * Feature benchmarks (bench/*-*.ts) are run after these when present.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { repoRoot } from '../db/client'
import { buildEmptyTaroApp } from './empty-taro-app'
import { h5FirstLoadGzip, h5FirstScreenGzip, kb, ownersOf, weappMainFiles, weappSizes } from './sizes'

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}
function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  return `p50 ${percentile(sorted, 50).toFixed(2)} ms · p99 ${percentile(sorted, 99).toFixed(2)} ms (n=${samples.length})`
}

function table(rows: [string, string, string][]): void {
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => [...row[column as 0 | 1 | 2]].length)))
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  │  '))
}

async function sizes(): Promise<void> {
  console.log('\n== Build sizes (built now) ==')
  for (const type of ['weapp', 'h5']) {
    const result = spawnSync('npm', ['run', `build:${type}`], { cwd: repoRoot, stdio: 'ignore' })
    if (result.status !== 0) throw new Error(`build:${type} failed`)
  }
  const empty = buildEmptyTaroApp()
  const ours = weappSizes(path.join(repoRoot, 'miniapp', 'dist', 'weapp'))
  const emptyWeapp = empty.ok ? weappSizes(path.join(empty.dir, 'dist', 'weapp')) : null
  const oursH5 = h5FirstLoadGzip(path.join(repoRoot, 'miniapp', 'dist', 'h5'))
  const emptyH5 = empty.ok ? h5FirstLoadGzip(path.join(empty.dir, 'dist', 'h5')) : null
  const rows: [string, string, string][] = [['measure', '乡约', 'empty Taro 4.2 app (floor)']]
  rows.push(['WeChat main package (limit 2 MB)', kb(ours.mainPackage), emptyWeapp ? kb(emptyWeapp.mainPackage) : 'build failed'])
  for (const [root, size] of Object.entries(ours.subpackages)) rows.push([`  subpackage ${root}`, kb(size), '—'])
  rows.push(['H5 first-load JS, gzip', `${kb(oursH5.gzip)} (${oursH5.files} files, ${kb(oursH5.raw)} raw)`, emptyH5 ? `${kb(emptyH5.gzip)} (${kb(emptyH5.raw)} raw)` : 'build failed'])
  const screen = h5FirstScreenGzip(path.join(repoRoot, 'miniapp', 'dist', 'h5'))
  const emptyScreen = empty.ok ? h5FirstScreenGzip(path.join(empty.dir, 'dist', 'h5'), 'pages/index/index') : null
  if (screen) rows.push(['  + 首页 and the chunks it imports, gzip', `${kb(screen.gzip)} (${screen.files} files, ${kb(screen.raw)} raw)`, emptyScreen ? `${kb(emptyScreen.gzip)}` : '—'])
  table(rows)

  // What the two goals are made of, so the next cut can be argued from the contents.
  const weappDist = path.join(repoRoot, 'miniapp', 'dist', 'weapp')
  const h5Dist = path.join(repoRoot, 'miniapp', 'dist', 'h5')
  const top = (entries: [string, number][], count: number) => entries.slice(0, count).map(([name, bytes]) => `${name} ${kb(bytes)}`).join(' · ')
  console.log(`\nWeChat main package, largest files: ${top(weappMainFiles(weappDist), 10)}`)
  console.log(`WeChat main package JS by owner (before minification): ${top(ownersOf(weappDist, 'weapp-main'), 14)}`)
  console.log(`H5 first load by owner (before minification): ${top(ownersOf(h5Dist, 'h5-first-load'), 14)}`)
}

async function roundTrips(): Promise<void> {
  console.log(`\n== Round trip: GET /api/health vs raw SELECT 1 (Postgres ${new URL(serverUrl).host}) ==`)
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  const database = `xy_bench_${process.pid}`
  await admin.query(`CREATE DATABASE ${database}`)
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  const port = 3900 + (process.pid % 90)
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/server/serve.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), DEMO_LOGIN: '0' },
    stdio: 'ignore',
  })
  try {
    const base = `http://127.0.0.1:${port}`
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
    const raw = new pg.Client({ connectionString: url.toString() })
    await raw.connect()
    const rawSamples: number[] = []
    const apiSamples: number[] = []
    for (let i = 0; i < 50; i++) {
      await raw.query('select 1')
      await (await fetch(`${base}/api/health`)).text()
    }
    for (let i = 0; i < 500; i++) {
      let start = performance.now()
      await raw.query('select 1')
      rawSamples.push(performance.now() - start)
      start = performance.now()
      await (await fetch(`${base}/api/health`)).text()
      apiSamples.push(performance.now() - start)
    }
    await raw.end()
    table([
      ['measure', 'latency', ''],
      ['raw SELECT 1 through pg (floor)', summary(rawSamples), ''],
      ['GET /api/health over HTTP', summary(apiSamples), 'health reads the migration table'],
    ])
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 500))
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  }
}

console.log(`乡约 bench — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`)
const only = process.argv[2]
if (!only || only === 'sizes') await sizes()
if (!only || only === 'api') await roundTrips()
if (!only || only === 'load') {
  console.log('\n== Load: vote casting, round trips, cold start (bench/load.ts) ==')
  const load = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', 'load.ts')], { cwd: repoRoot, stdio: 'inherit' })
  if (load.status !== 0) process.exitCode = 1
}
if (!only || only === 'bundle') {
  console.log('\n== The deployable function: cold start and size of the bundle vs a bare hello function (bench/bundle-cold-start.ts) ==')
  const bundle = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', 'bundle-cold-start.ts')], { cwd: repoRoot, stdio: 'inherit' })
  if (bundle.status !== 0) process.exitCode = 1
}
if (!only || only === 'features') {
  const features = readdirSync(path.join(repoRoot, 'bench')).filter((file) => /^[a-z]+-[a-z-]+\.ts$/.test(file) && !['empty-taro-app.ts', 'bundle-cold-start.ts'].includes(file))
  for (const file of features) {
    console.log(`\n== ${file} ==`)
    spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], { cwd: repoRoot, stdio: 'inherit' })
  }
}
