/**
 * `npm run bench -- bundle`: the deployable function as Vercel ships it (scripts/build-api.ts),
 * beside a bare hello function bundled the same way, in the same run. Cold start = a fresh
 * `node` process (no tsx) importing the module and answering its first request (GET /api/health
 * against a migrated Postgres database, production settings); size beside Vercel's 250 MB limit.
 * The same route through tsx from the TypeScript source is shown for reference.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import pg from 'pg'
import { openDb, repoRoot } from '../db/client'
import { runMigrations } from '../db/migrate'
import { buildApiBundle } from '../scripts/build-api'

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const runs = 7
const limit = 250 * 1024 * 1024
const work = path.join(repoRoot, '.bench', 'bundle')
mkdirSync(path.join(work, 'hello'), { recursive: true })

const mb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(0)} KB`)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

const bundle = await buildApiBundle(path.join(work, 'api', 'index.mjs'))
const helloSource = path.join(work, 'hello', 'source.mjs')
writeFileSync(helloSource, "export async function GET() { return new Response('hello') }\n")
const helloOut = path.join(work, 'hello', 'index.mjs')
await build({ entryPoints: [helloSource], outfile: helloOut, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' })

/** What Vercel's own tracer (@vercel/nft, a dependency of @vercel/node) would ship for a function. */
async function traced(entry: string): Promise<{ files: number; bytes: number } | null> {
  try {
    const { nodeFileTrace } = (await import('@vercel/nft' as string)) as {
      nodeFileTrace: (files: string[], options: Record<string, unknown>) => Promise<{ fileList: Set<string> }>
    }
    const { fileList } = await nodeFileTrace([entry], { base: repoRoot, ignore: ['node_modules/@electric-sql/**'] })
    let bytes = 0
    for (const file of fileList) bytes += statSync(path.join(repoRoot, file)).size
    return { files: fileList.size, bytes }
  } catch {
    return null
  }
}

const admin = new pg.Client({ connectionString: serverUrl })
await admin.connect()
const database = `xy_bench_bundle_${process.pid}`
await admin.query(`CREATE DATABASE ${database}`)
const url = new URL(serverUrl)
url.pathname = `/${database}`
const handle = await openDb({ databaseUrl: url.toString(), driver: 'pg', poolMax: 1 })
await runMigrations(handle)
await handle.close()

const env = {
  ...process.env,
  NODE_OPTIONS: '',
  NODE_ENV: 'production',
  DATABASE_URL: url.toString(),
  DATABASE_DRIVER: 'pg',
  SESSION_SECRET: 'bench-only-secret-0123456789abcdef0123456789',
}

interface Cold {
  status: number
  importMs: number
  firstAnswerMs: number
  sinceProcessStartMs: number
}

function coldStart(moduleUrl: string, useTsx: boolean): { median: Cold; wall: number } {
  const script = `
const t0 = performance.now()
const m = await import(${JSON.stringify(moduleUrl)})
const t1 = performance.now()
const res = await m.GET(new Request('http://127.0.0.1/api/health'))
await res.text()
const t2 = performance.now()
console.log(JSON.stringify({ status: res.status, importMs: t1 - t0, firstAnswerMs: t2 - t1, sinceProcessStartMs: t2 }))
process.exit(0)
`
  const samples: Cold[] = []
  const walls: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const args = [...(useTsx ? ['--import', 'tsx'] : []), '--input-type=module', '-e', script]
    const result = spawnSync(process.execPath, args, { cwd: repoRoot, env, encoding: 'utf8' })
    walls.push(performance.now() - started)
    const sample = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Cold
    if (sample.status !== 200) throw new Error(`cold start failed (${moduleUrl}): ${result.stderr}`)
    samples.push(sample)
  }
  return {
    median: {
      status: 200,
      importMs: median(samples.map((s) => s.importMs)),
      firstAnswerMs: median(samples.map((s) => s.firstAnswerMs)),
      sinceProcessStartMs: median(samples.map((s) => s.sinceProcessStartMs)),
    },
    wall: median(walls),
  }
}

try {
  const hello = coldStart(pathToFileURL(helloOut).href, false)
  const ours = coldStart(pathToFileURL(bundle.outfile).href, false)
  const source = coldStart(pathToFileURL(path.join(repoRoot, 'functions', 'handler.ts')).href, true)
  const oursTrace = await traced('api/index.mjs')
  const helloTrace = await traced(path.relative(repoRoot, helloOut))

  const rows: string[][] = [
    ['measure', '乡约 function (all routes, bundled)', 'bare hello function (floor)', 'same routes, tsx from source'],
    ['---', '---', '---', '---'],
    [
      'process start → first answer (median)',
      `${ours.median.sinceProcessStartMs.toFixed(0)} ms`,
      `${hello.median.sinceProcessStartMs.toFixed(0)} ms`,
      `${source.median.sinceProcessStartMs.toFixed(0)} ms`,
    ],
    [
      '  of which: import the module',
      `${ours.median.importMs.toFixed(0)} ms`,
      `${hello.median.importMs.toFixed(0)} ms`,
      `${source.median.importMs.toFixed(0)} ms`,
    ],
    [
      '  of which: first request (pool, schema check, answer)',
      `${ours.median.firstAnswerMs.toFixed(0)} ms`,
      `${hello.median.firstAnswerMs.toFixed(1)} ms`,
      `${source.median.firstAnswerMs.toFixed(0)} ms`,
    ],
    ['spawn → exit, wall (median)', `${ours.wall.toFixed(0)} ms`, `${hello.wall.toFixed(0)} ms`, `${source.wall.toFixed(0)} ms`],
    ['bundle file', mb(bundle.bytes), mb(statSync(helloOut).size), '—'],
    [
      'shipped (@vercel/nft trace of the function) / 250 MB limit',
      oursTrace
        ? `${mb(oursTrace.bytes)} in ${oursTrace.files} files (${((oursTrace.bytes / limit) * 100).toFixed(2)} %)`
        : `${mb(bundle.bytes)} (${((bundle.bytes / limit) * 100).toFixed(2)} %; @vercel/nft not installed)`,
      helloTrace ? `${mb(helloTrace.bytes)} in ${helloTrace.files} files` : mb(statSync(helloOut).size),
      '—',
    ],
  ]
  console.log(`cold start: ${runs} fresh node processes each, Postgres ${new URL(serverUrl).host}, NODE_ENV=production`)
  for (const row of rows) console.log(`| ${row.join(' | ')} |`)
  console.log(
    `[bundle] cold start ${ours.median.sinceProcessStartMs.toFixed(0)} ms (hello ${hello.median.sinceProcessStartMs.toFixed(0)} ms, tsx ${source.median.sinceProcessStartMs.toFixed(0)} ms); bundle ${mb(bundle.bytes)} of 250 MB`,
  )
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  await admin.end()
}
