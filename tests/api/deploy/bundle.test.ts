/**
 * The API as it deploys: the esbuild bundle Vercel ships (scripts/build-api.ts), served by plain
 * `node` (no tsx) through the same method exports @vercel/node calls, against a database that
 * starts empty. The release's order is followed: the function answers 503 until
 * `npm run db:migrate` has run, then real requests work. With TEST_DB_DRIVER=neon (the second
 * API pass of `npm test` on Postgres) the bundle talks through Neon's driver, as production does.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { repoRoot } from '../../../db/client'
import { latestMigrationTag } from '../../../db/migrate'
import { buildApiBundle, type ApiBundle } from '../../../scripts/build-api'
import { adminQuery, withDatabase } from '../../harness/global-setup'
import { startWsProxy, type WsProxy } from '../../harness/ws-proxy'

const testDb = inject('testDb')
const serverUrl = testDb.kind === 'pg' ? testDb.serverUrl : ''
const neon = testDb.kind === 'pg' && process.env.TEST_DB_DRIVER === 'neon'
const workDir = path.join(repoRoot, '.tmp', `bundle-${process.pid}-${Date.now().toString(36)}`)
const dbName = `xy_bundle_${testDb.runId}_${process.pid}${neon ? '_neon' : ''}`
const servers: ChildProcess[] = []
let bundle: ApiBundle
let proxy: WsProxy | null = null
let dbEnv: Record<string, string> = {}

interface Served {
  base: string
  child: ChildProcess
  output: () => string
}

/** A clean environment: nothing from this process's database, tsx loader or test settings leaks in. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_OPTIONS: '' }
  return env
}

async function serveBundle(extra: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'serve-bundle.mjs'), bundle.outfile], {
    cwd: repoRoot,
    env: { ...baseEnv(), ...dbEnv, ...extra },
  })
  servers.push(child)
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bundle server did not start:\n${output}`)), 20_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening (\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.on('exit', (code) => reject(new Error(`the bundle server exited (${code}):\n${output}`)))
  })
  return { base: `http://127.0.0.1:${port}`, child, output: () => output }
}

async function stop(served: Served): Promise<void> {
  if (served.child.exitCode !== null) return
  const exited = new Promise((resolve) => served.child.once('exit', resolve))
  served.child.kill('SIGTERM')
  await exited
}

async function call(served: Served, method: string, url: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${served.base}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: kept as text for the assertion to show
  }
  return { status: response.status, headers: response.headers, body: body as Record<string, never> }
}

/**
 * `npm run db:migrate` as the deployment runs it, with the same environment the function gets.
 * Asynchronous: the Neon run's WebSocket proxy lives in this process and must keep forwarding.
 */
async function migrate(extra: Record<string, string>): Promise<string> {
  const child = spawn('npm', ['run', '--silent', 'db:migrate', '--', '--seed-demo'], { cwd: repoRoot, env: { ...baseEnv(), ...dbEnv, ...extra } })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  expect(code, output).toBe(0)
  return output
}

beforeAll(async () => {
  mkdirSync(workDir, { recursive: true })
  bundle = await buildApiBundle(path.join(workDir, 'api', 'index.mjs'))
  if (testDb.kind === 'pg') {
    await adminQuery(testDb.serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    await adminQuery(testDb.serverUrl, `CREATE DATABASE ${dbName}`)
    const url = withDatabase(testDb.serverUrl, dbName)
    dbEnv = { DATABASE_URL: url, DATABASE_DRIVER: neon ? 'neon' : 'pg' }
    if (neon) {
      const server = new URL(testDb.serverUrl)
      proxy = await startWsProxy({ host: server.hostname, port: Number(server.port || 5432) })
      dbEnv.NEON_WS_PROXY = proxy.address
    }
  } else {
    dbEnv = { PGLITE_DIR: mkdtempSync(path.join(tmpdir(), 'xy-bundle-pglite-')) }
  }
}, 120_000)

afterAll(async () => {
  for (const child of servers) if (child.exitCode === null) child.kill('SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 300))
  await proxy?.close()
  if (testDb.kind === 'pg') await adminQuery(testDb.serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  else if (dbEnv.PGLITE_DIR) rmSync(dbEnv.PGLITE_DIR, { recursive: true, force: true })
  rmSync(workDir, { recursive: true, force: true })
})

describe('the deployable bundle', () => {
  it('is one self-contained file, well inside the function size limit, with only the zod locales in use', () => {
    expect(readdirSync(path.dirname(bundle.outfile))).toEqual(['index.mjs'])
    expect(bundle.bytes).toBeLessThan(10 * 1024 * 1024)
    const inputs = Object.keys(Object.values(bundle.metafile.outputs)[0]?.inputs ?? {})
    const locales = inputs
      .filter((file) => !file.startsWith('zod-locales:') && /zod[\\/]v4[\\/]locales[\\/][^\\/]+\.js$/.test(file))
      .map((file) => path.basename(file))
    expect(locales.sort()).toEqual(['en.js', 'zh-CN.js'])
    // Every route of the registry is inside (one route file per URL in the source).
    expect(inputs.filter((file) => /functions[\\/]api[\\/]/.test(file)).length).toBeGreaterThan(80)
  })

  it('answers 503 schema_not_migrated before the migrate step, then serves real requests once it has run', async () => {
    const env = { DEMO_LOGIN: '1', DB_AUTO_MIGRATE: '0' }
    let served = await serveBundle(env)
    const before = await call(served, 'GET', '/api/health')
    expect(before.status, JSON.stringify(before.body)).toBe(503)
    expect(before.body.error).toMatchObject({ code: 'schema_not_migrated', retryable: true })
    expect(before.headers.get('retry-after')).toBe('1')
    const login = await call(served, 'POST', '/api/auth/demo', { body: { personId: '00000000-0000-4000-8000-000000000000' } })
    expect(login.status).toBe(503)

    // The migrate step goes through DATABASE_URL_UNPOOLED: here DATABASE_URL names a database
    // that does not exist, so success proves the direct string was the one used.
    if (testDb.kind === 'pg') {
      const out = await migrate({ DATABASE_URL: withDatabase(testDb.serverUrl, `${dbName}_absent`), DATABASE_URL_UNPOOLED: dbEnv.DATABASE_URL ?? '' })
      expect(out).toContain('DATABASE_URL_UNPOOLED')
    } else {
      // One process per PGlite data directory: the function stops while the step runs.
      await stop(served)
      await migrate({})
      served = await serveBundle(env)
    }
    expect(served.output()).not.toMatch(/tsx/)

    // A warm instance recovers by itself once the schema is current (no restart on Postgres).
    const health = await call(served, 'GET', '/api/health')
    expect(health.status, JSON.stringify(health.body)).toBe(200)
    expect(health.body).toMatchObject({ ok: true, driver: testDb.kind === 'pg' ? (neon ? 'neon' : 'pg') : 'pglite', migration: latestMigrationTag() })

    const personas = await call(served, 'GET', '/api/auth/demo-personas')
    expect(personas.status).toBe(200)
    const list = personas.body.personas as unknown as { personId: string; name: string }[]
    const secretary = list.find((persona) => persona.name === '青明')
    expect(secretary).toBeDefined()

    // zod's zh-CN locale survived the bundling: the villager reads Chinese.
    const invalid = await call(served, 'POST', '/api/auth/demo', { body: { personId: 'nope' } })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error).toMatchObject({ code: 'validation_failed', fields: [{ path: 'personId' }] })
    expect(JSON.stringify(invalid.body)).toMatch(/[\u4e00-\u9fff]/)

    const session = await call(served, 'POST', '/api/auth/demo', { body: { personId: secretary?.personId } })
    expect(session.status, JSON.stringify(session.body)).toBe(200)
    const token = session.body.token as unknown as string
    const me = await call(served, 'GET', '/api/me', { token })
    expect(me.status).toBe(200)
    const person = me.body.person as unknown as { name: string }
    const memberships = me.body.memberships as unknown as { villageId: string; villageName: string }[]
    expect(person.name).toBe('青明')
    const village = memberships.find((membership) => membership.villageName === '高井嘎查')
    expect(village).toBeDefined()

    const overview = await call(served, 'GET', `/api/villages/overview?villageId=${village?.villageId}`, { token })
    expect(overview.status).toBe(200)
    expect(overview.body).toMatchObject({ village: { name: '高井嘎查' }, households: 40, elderlyHouseholds: 8 })

    // A write with its Idempotency-Key, through the bundle's transaction path, and its replay.
    const villager = list.find((persona) => persona.name === '莫日根')
    const invite = { body: { villageId: village?.villageId, personId: villager?.personId }, token, headers: { 'idempotency-key': 'bundle-smoke-0001' } }
    const created = await call(served, 'POST', '/api/invites/create', invite)
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const replayed = await call(served, 'POST', '/api/invites/create', invite)
    expect(replayed.status).toBe(201)
    expect(replayed.headers.get('idempotent-replay')).toBe('true')
    expect(replayed.body).toEqual(created.body)

    const verify = await call(served, 'GET', `/api/audit/verify?villageId=${village?.villageId}`, { token })
    expect(verify.status, JSON.stringify(verify.body)).toBe(200)
    expect(verify.body).toMatchObject({ ok: true })

    const openapi = await call(served, 'GET', '/api/openapi.json')
    expect(openapi.status).toBe(200)
    expect(openapi.body.servers).toEqual([expect.objectContaining({ url: served.base })])

    const unknown = await call(served, 'GET', '/api/no/such/route')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatchObject({ code: 'route_not_found' })
    const wrongMethod = await call(served, 'DELETE', '/api/health')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.body.error).toMatchObject({ code: 'method_not_allowed' })
    await stop(served)
    // Two servers started and a migrate run as a child process: seconds alone, far more on a loaded 2-core CI machine.
  }, 120_000)

  it.runIf(testDb.kind === 'pg' && !neon)(
    'never migrates by itself in production: an unmigrated database gets 503, not a silent migration',
    async () => {
      const fresh = `${dbName}_prod`
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`)
      await adminQuery(serverUrl, `CREATE DATABASE ${fresh}`)
      try {
        const served = await serveBundle({
          NODE_ENV: 'production',
          DATABASE_URL: withDatabase(serverUrl, fresh),
          SESSION_SECRET: 'bundle-smoke-test-secret-0123456789abcdef',
          // Asking for it does not make production migrate from a request.
          DB_AUTO_MIGRATE: '1',
        })
        const health = await call(served, 'GET', '/api/health')
        expect(health.status).toBe(503)
        expect(health.body.error).toMatchObject({ code: 'schema_not_migrated' })
        await stop(served)
      } finally {
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`)
      }
    },
    120_000,
  )
})

describe('the Vercel configuration', () => {
  it('deploys one function, api/index.mjs, which re-exports the bundle, and rewrites every /api path to it', async () => {
    const { readFileSync } = await import('node:fs')
    const config = JSON.parse(readFileSync(path.join(repoRoot, 'vercel.json'), 'utf8')) as {
      builds?: unknown
      routes?: unknown
      functions: Record<string, unknown>
      rewrites: { source: string; destination: string }[]
      buildCommand: string
    }
    // The current form: `builds`/`routes` cannot be combined with `functions`/`rewrites`/`headers`.
    expect(config.builds).toBeUndefined()
    expect(config.routes).toBeUndefined()
    // Vercel makes a function of every file in the root api/ folder: exactly one is there.
    const apiFiles = readdirSync(path.join(repoRoot, 'api')).filter((file) => !file.startsWith('_') && !file.startsWith('.'))
    expect(apiFiles).toEqual(['index.mjs'])
    expect(Object.keys(config.functions)).toEqual(['api/index.mjs'])
    expect(readFileSync(path.join(repoRoot, 'api', 'index.mjs'), 'utf8')).toMatch(/from '\.\.\/dist\/api\/index\.mjs'/)
    expect(config.rewrites[0]).toEqual({ source: '/api/(.*)', destination: '/api' })
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    // The build runs the migrate step before the deployment exists; @vercel/node runs
    // vercel-build (the bundle) itself before it traces api/index.mjs.
    expect(config.buildCommand).toBe('npm run build:vercel')
    expect(pkg.scripts['build:vercel']).toMatch(/build:api.*db:migrate/)
    expect(pkg.scripts['vercel-build']).toBe('npm run build:api')
    expect(existsSync(path.join(repoRoot, 'scripts', 'build-api.ts'))).toBe(true)
  })
})
