/**
 * `npm run bench`: sizes of the WeChat and H5 builds beside an empty Taro app, and the API's
 * round trip beside a raw SELECT 1 through pg, the deployable bundle's cold start and size beside
 * a bare hello function's, all measured in this run on this machine.
 * Feature benchmarks (bench/*-*.ts) are run after these when present.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
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

interface SizeFigures {
  weappMain: number
  emptyWeappMain: number | null
  h5FirstLoadGzip: number
  emptyH5FirstLoadGzip: number | null
}

async function sizes(): Promise<SizeFigures> {
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
  rows.push([
    'H5 first-load JS, gzip',
    `${kb(oursH5.gzip)} (${oursH5.files} files, ${kb(oursH5.raw)} raw)`,
    emptyH5 ? `${kb(emptyH5.gzip)} (${kb(emptyH5.raw)} raw)` : 'build failed',
  ])
  const screen = h5FirstScreenGzip(path.join(repoRoot, 'miniapp', 'dist', 'h5'))
  const emptyScreen = empty.ok ? h5FirstScreenGzip(path.join(empty.dir, 'dist', 'h5'), 'pages/index/index') : null
  if (screen)
    rows.push([
      '  + 首页 and the chunks it imports, gzip',
      `${kb(screen.gzip)} (${screen.files} files, ${kb(screen.raw)} raw)`,
      emptyScreen ? `${kb(emptyScreen.gzip)}` : '—',
    ])
  table(rows)

  // What the two goals are made of, so the next cut can be argued from the contents.
  const weappDist = path.join(repoRoot, 'miniapp', 'dist', 'weapp')
  const h5Dist = path.join(repoRoot, 'miniapp', 'dist', 'h5')
  const top = (entries: [string, number][], count: number) =>
    entries
      .slice(0, count)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(' · ')
  console.log(`\nWeChat main package, largest files: ${top(weappMainFiles(weappDist), 10)}`)
  console.log(`WeChat main package JS by owner (before minification): ${top(ownersOf(weappDist, 'weapp-main'), 14)}`)
  console.log(`H5 first load by owner (before minification): ${top(ownersOf(h5Dist, 'h5-first-load'), 14)}`)
  return {
    weappMain: ours.mainPackage,
    emptyWeappMain: emptyWeapp?.mainPackage ?? null,
    h5FirstLoadGzip: oursH5.gzip,
    emptyH5FirstLoadGzip: emptyH5?.gzip ?? null,
  }
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

const startedAt = new Date()
const loadAtStart = loadavg()
console.log(
  `乡约 bench — ${startedAt.toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadAtStart.map((v) => v.toFixed(1)).join(' ')}`,
)
const only = process.argv[2]
let sizeFigures: SizeFigures | undefined
let loadFigures: LoadFigures | undefined
if (!only || only === 'sizes') sizeFigures = await sizes()
if (!only || only === 'api') await roundTrips()
if (!only || only === 'load') {
  console.log('\n== Load: floors, health, vote casting, collection sync, round trips, cold start (bench/load.ts) ==')
  const resultFile = path.join(tmpdir(), `xy-load-${process.pid}.json`)
  const load = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', 'load.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULT_JSON: resultFile },
  })
  if (load.status !== 0) process.exitCode = 1
  try {
    loadFigures = JSON.parse(readFileSync(resultFile, 'utf8')) as LoadFigures
    rmSync(resultFile)
  } catch {
    console.error('[bench] the load part wrote no results')
  }
}
if (!only || only === 'bundle') {
  console.log('\n== The deployable function: cold start and size of the bundle vs a bare hello function (bench/bundle-cold-start.ts) ==')
  const bundle = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', 'bundle-cold-start.ts')], { cwd: repoRoot, stdio: 'inherit' })
  if (bundle.status !== 0) process.exitCode = 1
}
if (!only || only === 'features') {
  const features = readdirSync(path.join(repoRoot, 'bench')).filter(
    (file) => /^[a-z]+-[a-z-]+\.ts$/.test(file) && !['empty-taro-app.ts', 'bundle-cold-start.ts'].includes(file),
  )
  for (const file of features) {
    console.log(`\n== ${file} ==`)
    spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], { cwd: repoRoot, stdio: 'inherit' })
  }
}

if (sizeFigures || loadFigures) {
  const goals = goalsTable(sizeFigures, loadFigures)
  console.log(`\n== The performance issue's table (goals and verdicts, this run) ==\n${goals}`)
  if (process.env.BENCH_NO_RECORD !== '1') recordRun(goals, loadFigures)
}

interface LoadRow {
  label: string
  connections: number
  rps: number
  p50: number
  p99: number
  non2xx: number
  requests: number
  nodeCpuUs: number
  pgCpuUs: number
  floor: { rps: number; p99: number } | null
  trips: { answered: number; waits: number } | null
  note: string | null
}
interface LoadFigures {
  rows: LoadRow[]
  trips: { label: string; answered: number; waits: number; after: number }[]
  baseline: string | null
  markdown: string
}

function verdict(ok: boolean): string {
  return ok ? '✔ met' : '✘ not met'
}

/** The issue's table: each measure beside its floor from this run, the goal, and whether it holds. */
function goalsTable(sizes: SizeFigures | undefined, load: LoadFigures | undefined): string {
  const out = ['| measure | 乡约 | floor in the same run | goal | verdict |', '| --- | --- | --- | --- | --- |']
  if (sizes) {
    out.push(
      `| H5 first-load JS, gzip | ${kb(sizes.h5FirstLoadGzip)} | empty Taro 4.2 app: ${sizes.emptyH5FirstLoadGzip === null ? 'build failed' : kb(sizes.emptyH5FirstLoadGzip)} | ≤ 120 KB | ${verdict(sizes.h5FirstLoadGzip <= 120 * 1024)} |`,
    )
    out.push(
      `| WeChat main package | ${kb(sizes.weappMain)} | empty Taro 4.2 app: ${sizes.emptyWeappMain === null ? 'build failed' : kb(sizes.emptyWeappMain)} | ≤ 400 KB | ${verdict(sizes.weappMain <= 400 * 1024)} |`,
    )
  }
  if (load) {
    // With a baseline in the run, the goals are judged on this tree's rows.
    const ours = load.rows.filter((r) => !r.label.includes('— before'))
    const floorOf = (connections: number, kind: 'noop' | 'insert') =>
      ours.find((r) => r.connections === connections && r.label.startsWith('floor') && r.label.includes(kind === 'noop' ? 'no-op' : 'INSERT'))
    const cpu = (r: LoadRow) => `CPU ${r.nodeCpuUs.toFixed(0)} µs Node + ${r.pgCpuUs.toFixed(0)} µs Postgres a request`
    for (const r of ours.filter((row) => row.label.startsWith('GET /api/health'))) {
      const floor = floorOf(r.connections, 'noop')
      out.push(
        `| GET /api/health, ${r.connections} connections | ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; ${cpu(r)}; ${r.trips?.waits ?? '—'} wait | no-op Hono: ${floor ? `${floor.rps.toFixed(0)} req/s, p99 ${floor.p99} ms; CPU ${floor.nodeCpuUs.toFixed(0)} µs` : '—'} | — | ${floor ? `${(r.rps / floor.rps).toFixed(2)} × the no-op floor` : '—'} |`,
      )
    }
    for (const [prefix, name, rpsGoal, p99Goal, waitsGoal] of [
      ['vote cast', 'vote cast', 0.35, 4, null],
      ['collection sync', 'piece collection (sync of one entry, as the app sends it)', 0.2, null, 3],
    ] as const) {
      for (const r of ours.filter((row) => row.label.startsWith(prefix))) {
        const floor = floorOf(r.connections, 'insert')
        if (!floor) continue
        const rpsRatio = r.rps / floor.rps
        const p99Ratio = r.p99 / Math.max(1, floor.p99)
        const waits = r.trips?.waits
        const checks = [`${rpsRatio.toFixed(2)} × req/s ${rpsRatio >= rpsGoal ? '✔' : '✘'}`]
        let ok = rpsRatio >= rpsGoal && r.non2xx === 0
        if (p99Goal !== null) {
          checks.push(`p99 ${p99Ratio.toFixed(1)} × ${p99Ratio <= p99Goal ? '✔' : '✘'}`)
          ok &&= p99Ratio <= p99Goal
        }
        if (waitsGoal !== null) {
          checks.push(`${waits ?? '?'} waits ${waits !== undefined && waits <= waitsGoal ? '✔' : '✘'}`)
          ok &&= waits !== undefined && waits <= waitsGoal
        }
        if (r.non2xx > 0) checks.push(`${r.non2xx} non-2xx ✘`)
        const goal = `≥ ${rpsGoal} × the floor's req/s${p99Goal !== null ? `; p99 ≤ ${p99Goal} × its p99` : ''}${waitsGoal !== null ? `; ≤ ${waitsGoal} waits before the answer` : ''}`
        out.push(
          `| ${name}, ${r.connections} connections | ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; ${cpu(r)}; ${r.trips ? `${r.trips.answered} statements in ${r.trips.waits} waits` : '—'} | Hono + one INSERT … ON CONFLICT via pg: ${floor.rps.toFixed(0)} req/s, p50 ${floor.p50} ms, p99 ${floor.p99} ms; CPU ${floor.nodeCpuUs.toFixed(0)} µs Node + ${floor.pgCpuUs.toFixed(0)} µs Postgres | ${goal} | ${verdict(ok)}: ${checks.join(', ')} |`,
        )
      }
    }
  }
  return out.join('\n')
}

/** Appends this run to bench/RESULTS.md (newest first, after the introduction), with date and machine. */
function recordRun(goals: string, load: LoadFigures | undefined): void {
  const file = path.join(repoRoot, 'bench', 'RESULTS.md')
  const text = readFileSync(file, 'utf8')
  const loadAtEnd = loadavg()
  const postgres = spawnSync('psql', [serverUrl, '-Atc', 'show server_version'], { encoding: 'utf8' }).stdout.trim() || 'unknown'
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim()
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim() !== ''
  const section = [
    `## ${startedAt.toISOString().slice(0, 10)} — \`npm run bench${only ? ` -- ${only}` : ''}\` at ${commit}${dirty ? ' (with uncommitted changes)' : ''}${load?.baseline ? `, baseline ${load.baseline}` : ''}`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL ${postgres}; load average ${loadAtStart.map((v) => v.toFixed(1)).join(' / ')} at the start, ${loadAtEnd.map((v) => v.toFixed(1)).join(' / ')} at the end (1 / 5 / 15 min; other work on the machine makes every figure pessimistic: read each beside its floor from the same run). Started ${startedAt.toISOString()}, took ${((Date.now() - startedAt.getTime()) / 60_000).toFixed(1)} min.`,
    '',
    goals,
    ...(load ? ['', load.markdown.trim()] : []),
    '',
  ].join('\n')
  const firstSection = text.indexOf('\n## ')
  const next = firstSection < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, firstSection + 1)}${section}\n${text.slice(firstSection + 1)}`
  writeFileSync(file, next)
  console.log(`[bench] recorded in bench/RESULTS.md`)
}
