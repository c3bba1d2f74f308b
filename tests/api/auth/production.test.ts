/**
 * Safe defaults: `NODE_ENV=production npm start` kept demo login on, seeded the demo villages and
 * let anyone become any person. In production demo login and demo seeding cannot happen (asking
 * for them stops the start), demo login only ever signs in the demo's own fictional people, and
 * the development key (public, in the repository) signs nothing a production server accepts.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { count, eq } from 'drizzle-orm'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { households, people, villages } from '../../../db/schema'
import { openDb, repoRoot } from '../../../db/client'
import { issueSessionToken } from '../../../functions/lib/auth'
import { DEV_SECRET, getEnv, resetEnv } from '../../../functions/lib/env'
import { demoPersonasResponse } from '../../../shared/auth'
import { errorCodeOf, setupApi } from '../../harness/api'
import { freePort } from '../../harness/free-port'

const api = await setupApi({ DEMO_LOGIN: '1' })
const saved = { ...process.env }
afterEach(() => {
  for (const key of ['NODE_ENV', 'VERCEL_ENV', 'SESSION_SECRET', 'DATABASE_URL', 'DEMO_LOGIN']) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
  resetEnv()
})
const root = mkdtempSync(path.join(tmpdir(), 'xy-prod-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a-real-production-secret-of-enough-length-0123456789',
  DATABASE_URL: 'postgres://unused@127.0.0.1:1/none',
}

function configure(env: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  resetEnv()
}

describe('production configuration', () => {
  it.each([
    { name: 'NODE_ENV=production with DEMO_LOGIN=1', env: { ...PRODUCTION, DEMO_LOGIN: '1' }, error: /DEMO_LOGIN=1 is refused in production/ },
    {
      name: 'VERCEL_ENV=production with DEMO_LOGIN=1',
      env: { ...PRODUCTION, NODE_ENV: undefined, VERCEL_ENV: 'production', DEMO_LOGIN: '1' },
      error: /DEMO_LOGIN=1 is refused/,
    },
    { name: 'the public development key', env: { ...PRODUCTION, SESSION_SECRET: DEV_SECRET, DEMO_LOGIN: '0' }, error: /public development key/ },
    { name: 'no session secret', env: { ...PRODUCTION, SESSION_SECRET: undefined, DEMO_LOGIN: '0' }, error: /SESSION_SECRET/ },
  ])('refuses $name', ({ env, error }) => {
    configure(env)
    expect(() => getEnv()).toThrow(error)
  })

  it('a token signed with the development key is refused by a production server', async () => {
    configure({ DEMO_LOGIN: '1', SESSION_SECRET: undefined, NODE_ENV: 'test' })
    expect(getEnv().SESSION_SECRET).toBe(DEV_SECRET)
    const devToken = (await issueSessionToken(await api.personId('马淑兰'))).token
    expect((await api.call('GET', '/api/me', { token: devToken })).status).toBe(200)

    configure({ ...PRODUCTION, DEMO_LOGIN: '0' })
    const refused = await api.call('GET', '/api/me', { token: devToken })
    expect(refused.status).toBe(401)
    expect(errorCodeOf(refused)).toBe('unauthenticated')
  })

  it('in production the demo routes answer demo_login_disabled', async () => {
    configure({ ...PRODUCTION, DEMO_LOGIN: '0' })
    const secretaryId = await api.personId('青明')
    expect(errorCodeOf(await api.call('GET', '/api/auth/demo-personas'))).toBe('demo_login_disabled')
    const login = await api.call('POST', '/api/auth/demo', { body: { personId: secretaryId } })
    expect(login.status).toBe(403)
    expect(errorCodeOf(login)).toBe('demo_login_disabled')
  })
})

describe('demo login signs in only the demo’s own people', () => {
  it('refuses a real person on the same database, and does not list them', async () => {
    const [household] = await api.db
      .insert(households)
      .values({ villageId: api.demo.gaojing, label: '真实村民户', elderly: false })
      .returning({ id: households.id })
    const [real] = await api.db
      .insert(people)
      .values({ name: '真实村民', birthYear: 1960, householdId: household?.id ?? null })
      .returning({ id: people.id })
    if (!real) throw new Error('insert failed')
    const login = await api.call('POST', '/api/auth/demo', { body: { personId: real.id } })
    expect(login.status).toBe(404)
    expect(errorCodeOf(login)).toBe('not_found')
    expect(login.body).not.toHaveProperty('token')
    const list = demoPersonasResponse.parse((await api.call('GET', '/api/auth/demo-personas')).body)
    expect(list.personas.map((p) => p.personId)).not.toContain(real.id)
    // Every seeded person is a demo persona; the real one is not.
    const [demo] = await api.db.select({ n: count() }).from(people).where(eq(people.demoPersona, true))
    const [all] = await api.db.select({ n: count() }).from(people)
    expect(demo?.n).toBe((all?.n ?? 0) - 1)
  })
})

describe('the production server', () => {
  it('refuses to start when demo login is asked for, before touching the database', async () => {
    const dataDir = path.join(root, 'refused')
    const result = await runServer({ ...PRODUCTION, DEMO_LOGIN: '1', DATABASE_DRIVER: 'pglite', PGLITE_DIR: dataDir }, { untilHealthy: false })
    expect(result.exitCode, result.output).toBe(78)
    expect(result.output).toMatch(/拒绝启动 refusing to start: DEMO_LOGIN=1 is refused in production/)
    expect(existsSync(dataDir)).toBe(false)
  }, 60_000)

  it('refuses to start on a database the migrate step has not brought up to date', async () => {
    const dataDir = path.join(root, 'unmigrated')
    const result = await runServer({ ...PRODUCTION, DEMO_LOGIN: undefined, DATABASE_DRIVER: 'pglite', PGLITE_DIR: dataDir }, { untilHealthy: true })
    expect(result.healthy).toBe(false)
    expect(result.exitCode, result.output).toBe(78)
    expect(result.output).toMatch(/run `npm run db:migrate` first/)
  }, 120_000)

  it('starts without demo login by default: nothing seeded, demo routes refused', async () => {
    const dataDir = path.join(root, 'started')
    // What `npm start` (scripts/start.mjs) does in production: the migrate step, then the server
    // with no DEMO_LOGIN.
    const productionEnv = { ...PRODUCTION, DEMO_LOGIN: undefined, DATABASE_DRIVER: 'pglite', PGLITE_DIR: dataDir }
    const migrated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { cwd: repoRoot, env: withEnv(productionEnv), encoding: 'utf8' })
    expect(migrated.status, `${migrated.stdout}${migrated.stderr}`).toBe(0)
    const result = await runServer(productionEnv, {
      untilHealthy: true,
      whileUp: async (url) => {
        const personas = await fetch(`${url}/api/auth/demo-personas`)
        expect(personas.status).toBe(403)
        const login = await fetch(`${url}/api/auth/demo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ personId: '00000000-0000-4000-8000-000000000000' }),
        })
        expect(login.status).toBe(403)
      },
    })
    expect(result.healthy, result.output).toBe(true)
    const handle = await openDb({ pgliteDataDir: dataDir })
    try {
      const [seeded] = await handle.db.select({ n: count() }).from(villages)
      expect(seeded?.n).toBe(0)
    } finally {
      await handle.close()
    }
  }, 120_000)
})

function withEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

async function runServer(
  extra: Record<string, string | undefined>,
  options: { untilHealthy: boolean; whileUp?: (url: string) => Promise<void> },
): Promise<{ exitCode: number | null; output: string; healthy: boolean }> {
  const port = await freePort()
  const env = withEnv({ ...extra, PORT: String(port) })
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/server/serve.ts'], { cwd: repoRoot, env })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  let healthy = false
  const deadline = Date.now() + 60_000
  while (child.exitCode === null && Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        healthy = true
        break
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  try {
    if (healthy && options.whileUp) await options.whileUp(url)
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
  }
  return { exitCode: child.exitCode, output, healthy }
}
