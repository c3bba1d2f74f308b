import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { openDb, type DbHandle } from '../db/client'
import { runMigrations } from '../db/migrate'
import { eq } from 'drizzle-orm'
import { households, landAttendance, landVotes, memberships, people } from '../db/schema'
import { seedDemoIfEmpty } from '../db/seed/demo'
import { issueSessionToken } from '../functions/lib/auth'
import { useDbHandle } from '../functions/lib/db'
import { dispatch } from '../functions/lib/router'
import { countBallots, tallyMotion, voteChoices, type VoteChoice } from '../shared/votes'

/*
 * The tally of a 2,000-person villagers' assembly: 2,000 checked in, 1,400 ballots in the app,
 * the rest by hand. First the pure rule, then GET /api/land/motions/tally through the real router
 * and database: PGlite in memory, then the Postgres server (BENCH_DATABASE_URL, TEST_DATABASE_URL or
 * the local one; LAND_BENCH_PG=0 skips it).
 * Goal: under 20 ms. Run: npx tsx bench/land-tally.ts
 */
const PEOPLE = 2000
const APP_VOTERS = 1400

const fmt = (ms: number | undefined) => `${(ms ?? 0).toFixed(3)} ms`
function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return `p50 ${fmt(at(0.5))}  p99 ${fmt(at(0.99))}  max ${fmt(sorted.at(-1))}  (${sorted.length} runs)`
}

function pureBench(): void {
  const ballots: VoteChoice[] = Array.from({ length: APP_VOTERS }, (_, i) => voteChoices[i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : 0] ?? 'for')
  const run = () =>
    tallyMotion({ type: 'assembly', eligible: 2600, present: PEOPLE, app: countBallots(ballots), hands: { for: 400, against: 100, abstain: 50 } })
  for (let i = 0; i < 200; i++) run()
  const times: number[] = []
  let passed = false
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now()
    passed = run().passed
    times.push(performance.now() - t0)
  }
  console.log(`pure tally, ${PEOPLE} present, ${APP_VOTERS} app ballots + hands: ${stats(times)}  passed=${passed}`)
}

async function call(method: string, path: string, token: string, payload?: unknown, query?: Record<string, string>) {
  const url = new URL(path, 'http://bench.local')
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value)
  const response = await dispatch(
    new Request(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      body: payload ? JSON.stringify(payload) : undefined,
    }),
  )
  const body = (await response.json()) as Record<string, unknown>
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`)
  return body
}

async function apiBench(label: string, handle: DbHandle): Promise<void> {
  await runMigrations(handle)
  useDbHandle(handle)
  const demo = await seedDemoIfEmpty(handle.db)
  if (!demo) throw new Error('bench database should be empty')
  const [secretary] = await handle.db.select({ id: people.id }).from(people).where(eq(people.name, '青明'))
  if (!secretary) throw new Error('no secretary')
  const token = (await issueSessionToken(secretary.id)).token
  const year = await call('POST', '/api/land/years/create', token, {
    villageId: demo.gaojing,
    year: 2035,
    perHouseholdTenthMu: 120,
    season: '2036年',
    parcels: Array.from({ length: 10 }, (_, i) => ({ name: `压测地${i}`, areaTenthMu: 120 })),
  })
  // Nominate and approve one household so the motion has a candidate of this year.
  const [home] = await handle.db.select({ id: households.id }).from(households).where(eq(households.villageId, demo.gaojing)).limit(1)
  if (!home) throw new Error('no household')
  const nomination = await call('POST', '/api/land/nominations/create', token, {
    awardYearId: year.id,
    householdId: home.id,
    deedKind: 'simple_wedding',
    deedDate: '2026-05-01',
  })
  await call('POST', '/api/land/nominations/review', token, { nominationId: nomination.id, decision: 'approved' })
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const meeting = await call('POST', '/api/land/meetings/create', token, {
    awardYearId: year.id,
    type: 'assembly',
    title: '压测村民会议',
    meetingDate: today,
    urgentReason: '压测',
  })
  await call('POST', '/api/land/meetings/open', token, { meetingId: meeting.id })
  // 2,000 adults checked in and 1,400 ballots, written in batches (the bench measures the tally, not the setup).
  const crowd = await handle.db
    .insert(people)
    .values(Array.from({ length: PEOPLE }, (_, i) => ({ name: `压测村民${i}`, birthYear: 1950 + (i % 50), householdId: home.id })))
    .returning({ id: people.id })
  await handle.db.insert(memberships).values(crowd.map((person) => ({ personId: person.id, villageId: demo.gaojing, role: 'villager' as const })))
  await handle.db.insert(landAttendance).values(
    crowd.map((person) => ({
      meetingId: String(meeting.id),
      personId: person.id,
      householdId: home.id,
      method: 'roll_call' as const,
      recordedBy: secretary.id,
    })),
  )
  const motion = await call('POST', '/api/land/motions/create', token, {
    meetingId: meeting.id,
    kind: 'whole_list',
    title: '压测表决',
    candidateIds: [nomination.id],
  })
  await call('POST', '/api/land/motions/open', token, { motionId: motion.id })
  for (let start = 0; start < APP_VOTERS; start += 500) {
    await handle.db.insert(landVotes).values(
      crowd.slice(start, Math.min(APP_VOTERS, start + 500)).map((person, i) => ({
        motionId: String(motion.id),
        personId: person.id,
        choice: (i % 7 === 0 ? 'against' : 'for') as VoteChoice,
        recordedBy: person.id,
      })),
    )
  }
  await call('POST', '/api/land/hands/enter', token, { motionId: motion.id, hands: { for: 400, against: 100, abstain: 50 } })
  const times: number[] = []
  let last: Record<string, unknown> = {}
  for (let i = 0; i < 10; i++) await call('GET', '/api/land/motions/tally', token, undefined, { motionId: String(motion.id) })
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now()
    last = await call('GET', '/api/land/motions/tally', token, undefined, { motionId: String(motion.id) })
    times.push(performance.now() - t0)
  }
  const tally = last.tally as { present: number; votedInApp: number; passed: boolean }
  console.log(
    `API tally via ${label}, GET /api/land/motions/tally (auth + 4 queries + rule): ${stats(times)}  present=${tally.present} app=${tally.votedInApp} passed=${tally.passed}`,
  )
}

pureBench()
const pglite = await openDb({ pgliteDataDir: 'memory://' })
await apiBench('PGlite (in memory)', pglite)
await pglite.close()

const serverUrl =
  process.env.LAND_BENCH_PG === '0' ? null : (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
if (serverUrl) {
  const name = `xy_bench_land_${process.pid}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await openDb({ databaseUrl: url.toString(), driver: 'pg' })
  try {
    await apiBench('Postgres 15 (pg)', handle)
  } finally {
    await handle.close()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}
