import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { eq } from 'drizzle-orm'
import pg from 'pg'
import { openDb, repoRoot } from '../db/client'
import { landAttendance, memberships, people } from '../db/schema'
import { issueSessionToken } from '../functions/lib/auth'
import { voteChoices } from '../shared/votes'

/*
 * Casting a vote over HTTP (the real server: auth, zod, row locks, upsert, audit chain, one
 * transaction) beside a raw INSERT … ON CONFLICT through pg, in the same run, 200 concurrent
 * clients each. Goal: HTTP p50 within 2× of raw, p99 under 50 ms.
 * Run: npx tsx bench/land-cast.ts   (Postgres from BENCH_DATABASE_URL or the local test server)
 */
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const CLIENTS = 200
const ROUNDS = 5

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN).toFixed(2)
  return `p50 ${at(0.5)} ms · p99 ${at(0.99)} ms · max ${(sorted.at(-1) ?? Number.NaN).toFixed(2)} ms (n=${samples.length})`
}

async function clients<T>(count: number, work: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => work(index)))
}

const admin = new pg.Client({ connectionString: serverUrl })
await admin.connect()
const database = `xy_bench_cast_${process.pid}`
await admin.query(`CREATE DATABASE ${database}`)
const url = new URL(serverUrl)
url.pathname = `/${database}`
const port = 3990 + (process.pid % 9)
const child = spawn(process.execPath, ['--import', 'tsx', 'functions/server/serve.ts'], {
  cwd: repoRoot,
  env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), DEMO_LOGIN: '1' },
  stdio: 'ignore',
})
const base = `http://127.0.0.1:${port}`
const handle = await openDb({ databaseUrl: url.toString(), driver: 'pg', poolMax: 10 })
try {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  const call = async (token: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await response.text()
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${text}`)
    return JSON.parse(text) as Record<string, unknown>
  }
  const [secretary] = await handle.db.select({ id: people.id }).from(people).where(eq(people.name, '青明'))
  if (!secretary) throw new Error('demo not seeded')
  const secretaryToken = (await issueSessionToken(secretary.id)).token
  const [membership] = await handle.db.select().from(memberships).where(eq(memberships.personId, secretary.id))
  const villageId = membership?.villageId ?? ''
  const current = (await call(secretaryToken, 'GET', `/api/land/years/current?villageId=${villageId}`)) as {
    awardYear: { meetings: { id: string; motions: { id: string }[] }[] }
  }
  const meeting = current.awardYear.meetings[0]
  const motion = meeting?.motions[0]
  if (!meeting || !motion) throw new Error('no demo meeting')
  await call(secretaryToken, 'POST', '/api/land/meetings/open', { meetingId: meeting.id })
  const [home] = await handle.db.select({ id: people.householdId }).from(people).where(eq(people.id, secretary.id))
  const crowd = await handle.db
    .insert(people)
    .values(Array.from({ length: CLIENTS }, (_, i) => ({ name: `压测${i}`, birthYear: 1970, householdId: home?.id ?? null })))
    .returning({ id: people.id })
  await handle.db.insert(memberships).values(crowd.map((person) => ({ personId: person.id, villageId, role: 'villager' as const })))
  await handle.db
    .insert(landAttendance)
    .values(crowd.map((person) => ({ meetingId: meeting.id, personId: person.id, method: 'roll_call' as const, recordedBy: secretary.id })))
  await call(secretaryToken, 'POST', '/api/land/motions/open', { motionId: motion.id })
  const tokens = await Promise.all(crowd.map(async (person) => (await issueSessionToken(person.id)).token))

  // warm-up
  await clients(20, (i) => call(tokens[i] ?? '', 'POST', '/api/land/votes/cast', { motionId: motion.id, choice: 'for' }))

  const httpSamples: number[] = []
  const httpStart = performance.now()
  await clients(CLIENTS, async (i) => {
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now()
      await call(tokens[i] ?? '', 'POST', '/api/land/votes/cast', { motionId: motion.id, choice: voteChoices[(i + round) % 3] })
      httpSamples.push(performance.now() - t0)
    }
  })
  const httpSeconds = (performance.now() - httpStart) / 1000

  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 })
  const rawSamples: number[] = []
  const insert = `insert into land_votes (motion_id, person_id, choice, recorded_by) values ($1, $2, $3, $2)
    on conflict (motion_id, person_id) do update set choice = excluded.choice, updated_at = now()`
  await clients(20, (i) => pool.query(insert, [motion.id, crowd[i]?.id, 'for']))
  const rawStart = performance.now()
  await clients(CLIENTS, async (i) => {
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now()
      await pool.query(insert, [motion.id, crowd[i]?.id, voteChoices[(i + round) % 3]])
      rawSamples.push(performance.now() - t0)
    }
  })
  const rawSeconds = (performance.now() - rawStart) / 1000
  await pool.end()
  console.log(`cast a vote, ${CLIENTS} concurrent clients × ${ROUNDS} rounds, Postgres ${url.host}, server pool 10, raw pool 10`)
  console.log(`  HTTP POST /api/land/votes/cast: ${summary(httpSamples)} · ${(httpSamples.length / httpSeconds).toFixed(0)} req/s`)
  console.log(`  raw INSERT … ON CONFLICT (pg): ${summary(rawSamples)} · ${(rawSamples.length / rawSeconds).toFixed(0)} q/s`)
} finally {
  child.kill('SIGTERM')
  await handle.close()
  await new Promise((resolve) => setTimeout(resolve, 500))
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  await admin.end()
}
