/**
 * Faults: the database failing mid-request, a client retrying after a timeout whose
 * request in fact succeeded, and a product starting on a database whose migrations are behind.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { migrationsFolder, openDb, repoRoot } from '../../db/client'
import { latestMigrationTag, readJournal } from '../../db/migrate'
import { errorBodySchema } from '../../shared/errors'
import { testDatabaseKind } from '../harness/db'
import { adminQuery, withDatabase } from '../harness/global-setup'
import { setupApi, type CallResult } from '../harness/api'
import { createYear, gaojingAdults, gaojingHouseholds, nominateAndApprove, openMotion, openUrgentMeeting, tokenForId } from '../api/land/_scenario'
import { makeShift, VOLUNTEER } from '../api/garden/fixture'
import { demoWorkshop, entry, freshLine } from '../api/piecework/fixture'
import { validArb } from './lib/generate'
import { ACTOR, featureOf, loadOperations } from './lib/operations'
import { IdPool, installChangeLog, publicTables } from './lib/state'
import { freePort } from '../harness/free-port'

delete process.env.WECHAT_APPID
delete process.env.WECHAT_SECRET
const api = await setupApi({ DEMO_LOGIN: '1' })
const changes = await installChangeLog(api.db)
const kind = testDatabaseKind()

// A switchable fault inside every write: the SECOND row written by a transaction, in whatever
// table, fails as the database would under a transient failure, so the first write has happened
// and must be rolled back with it.
await api.db.execute(sql.raw(`create table proof_fault (mode text not null)`))
await api.db.execute(
  sql.raw(`create or replace function proof_fault_fire() returns trigger language plpgsql as $$
    declare m text; n int;
    begin
      select mode into m from proof_fault limit 1;
      if m is null then return coalesce(new, old); end if;
      n := coalesce(nullif(current_setting('proof.writes', true), ''), '0')::int + 1;
      perform set_config('proof.writes', n::text, true);
      if n < 2 then return coalesce(new, old); end if;
      if m = 'serialization' then raise exception 'injected serialization failure' using errcode = '40001'; end if;
      if m = 'kill' then perform pg_terminate_backend(pg_backend_pid()); end if;
      return coalesce(new, old);
    end $$`),
)
for (const { name: table } of await publicTables(api.db)) {
  if (['proof_fault', 'proof_changes', 'idempotency_records', 'rate_limits'].includes(table)) continue
  await api.db.execute(
    sql.raw(`create trigger proof_fault_${table} before insert or update or delete on "${table}" for each row execute function proof_fault_fire()`),
  )
}
const setFault = async (mode: 'serialization' | 'kill' | null) => {
  await api.db.execute(sql.raw(`delete from proof_fault`))
  if (mode) await api.db.execute(sql.raw(`insert into proof_fault (mode) values ('${mode}')`))
}

const operations = (await loadOperations(api)).filter((op) => op.method === 'POST' && op.auth === 'user')
const pool = new IdPool(api.db)
await pool.refresh()
const tokens = new Map<string, string>()
for (const actor of Object.values(ACTOR)) tokens.set(actor.name, await api.tokenFor(actor.name))

function expectRetryable(res: CallResult): void {
  expect(res.status, JSON.stringify(res.body)).toBe(503)
  const body = errorBodySchema.parse(res.body)
  expect(body.error.code).toBe('database_unavailable')
  expect(body.error.retryable).toBe(true)
  expect(res.headers.get('retry-after')).toBe('1')
}

// Feature flows first: the generic sweep below may close periods or meetings they rely on.
describe('a client retries after a timeout whose request succeeded', () => {
  /** The first answer is lost; the client sends the same request with the same key, twice at once too. */
  async function retriedTwice(path: string, token: string, body: unknown): Promise<{ first: CallResult; again: CallResult[]; wrote: string[] }> {
    const headers = { 'idempotency-key': `retry-${randomUUID()}` }
    const before = await changes.mark()
    const first = await api.call('POST', path, { token, body, headers })
    expect(first.status, JSON.stringify(first.body)).toBeLessThan(300)
    const afterFirst = await changes.mark()
    const wrote = await changes.since(before)
    const again = await Promise.all([api.call('POST', path, { token, body, headers }), api.call('POST', path, { token, body, headers })])
    for (const res of again) {
      expect(res.status).toBe(first.status)
      expect(res.body).toEqual(first.body)
      expect(res.headers.get('idempotent-replay')).toBe('true')
    }
    expect(await changes.mark(), `${path}: a retry wrote again`).toBe(afterFirst)
    return { first, again, wrote }
  }

  it('a vote is cast once', async () => {
    const secretary = tokens.get(ACTOR.land.name) ?? ''
    const yearId = await createYear(api, secretary, 2033, '故障测试地')
    const [household] = await gaojingHouseholds(api)
    const candidates = await nominateAndApprove(api, secretary, yearId, household ? [household.id] : [])
    const meetingId = await openUrgentMeeting(api, secretary, yearId)
    const [voter] = await gaojingAdults(api)
    const voterToken = await tokenForId(voter?.id ?? '')
    expect((await api.call('POST', '/api/land/meetings/check-in', { token: voterToken, body: { meetingId } })).status).toBeLessThan(300)
    const motionId = await openMotion(api, secretary, meetingId, candidates)
    const { wrote } = await retriedTwice('/api/land/votes/cast', voterToken, { motionId, choice: 'for' })
    expect(wrote.join(' ')).toContain('land_votes×1')
  })

  it('a garden sign-up is made once', async () => {
    const shift = await makeShift(api, { startInMin: 3 * 24 * 60, capacity: 3 })
    const { wrote } = await retriedTwice('/api/garden/shifts/sign-up', await api.tokenFor(VOLUNTEER), { villageId: api.demo.caibei, shiftId: shift.id })
    expect(wrote.join(' ')).toContain('garden_signups×1')
  })

  it('a piece collection and a material issue are recorded once', async () => {
    const demo = await demoWorkshop(api)
    const worker = demo.workers[0]
    if (!worker) throw new Error('demo workshop has no workers')
    const line = await freshLine(api, demo.workshop.id, demo.headToken, worker.id, 10)
    const issue = await retriedTwice('/api/piecework/materials/move', demo.headToken, {
      workshopId: demo.workshop.id,
      orderId: line.orderId,
      workerId: worker.id,
      kind: 'issue',
      grams: 500,
      expectedPieces: 5,
      movedOn: line.today,
    })
    expect(issue.wrote.join(' ')).toContain('material_movements×1')
    const collection = await retriedTwice('/api/piecework/collections/create', demo.headToken, {
      workshopId: demo.workshop.id,
      ...entry(line, worker.id, { accepted: 4 }),
    })
    expect(collection.wrote.join(' ')).toContain('piece_collections×1')
  })
})

describe('the database fails in the middle of a write', () => {
  const modes = kind === 'pg' ? (['serialization', 'kill'] as const) : (['serialization'] as const)
  const report: string[] = []

  it.each(modes)('%s: nothing partial is stored, the client gets a retryable 503, the retry succeeds exactly once', async (mode) => {
    let proven = 0
    for (const [index, op] of operations.entries()) {
      const token = tokens.get(ACTOR[featureOf(op)].name) ?? ''
      const village = api.demo[ACTOR[featureOf(op)].village]
      // Find a body that gets as far as a write: with the fault on, that is exactly a 503.
      for (const generated of fc.sample(validArb(op.body ?? {}), { numRuns: 20, seed: 11 + index })) {
        const body = pool.resolve(generated, village, true)
        const key = `fault-${randomUUID()}`
        const headers = { 'idempotency-key': key }
        await setFault(mode)
        const before = await changes.mark()
        const failed = await api.call('POST', op.path, { token, body, headers })
        await setFault(null)
        if (failed.status !== 503) {
          // Rejected before any write (state, validation): the fault never fired.
          expect(failed.status, `${op.path} ${JSON.stringify(failed.body)}`).not.toBe(500)
          if (failed.status < 300) break
          continue
        }
        expectRetryable(failed)
        expect(await changes.since(before), `${op.path}: partial write after a ${mode}`).toEqual([])
        const retried = await api.call('POST', op.path, { token, body, headers })
        expect(retried.status, `${op.path} retry ${JSON.stringify(retried.body)}`).toBeLessThan(500)
        if (retried.status >= 300) {
          // The body itself is refused further on (e.g. the same household twice): still nothing stored.
          expect(await changes.since(before), `${op.path}: a refused retry wrote`).toEqual([])
          continue
        }
        const afterRetry = await changes.mark()
        expect(afterRetry).toBeGreaterThan(before)
        const replay = await api.call('POST', op.path, { token, body, headers })
        expect(replay.status).toBe(retried.status)
        expect(replay.body).toEqual(retried.body)
        expect(replay.headers.get('idempotent-replay')).toBe('true')
        expect(await changes.mark(), `${op.path}: the replay wrote again`).toBe(afterRetry)
        proven += 1
        report.push(`${mode} ${op.path}`)
        await pool.refresh()
        break
      }
    }
    console.log(`[faults] ${mode}: ${proven} write routes failed cleanly and retried exactly once:\n  ${report.filter((r) => r.startsWith(mode)).join('\n  ')}`)
    expect(proven).toBeGreaterThanOrEqual(10)
    // After a killed connection the product keeps serving.
    expect((await api.call('GET', '/api/health')).status).toBe(200)
  })
})

describe('a database whose migrations are behind', () => {
  it('is migrated when the product starts, and health reports the newest migration', async () => {
    const journal = readJournal()
    expect(journal.entries.length).toBeGreaterThan(1)
    // A copy of the migrations folder as an older release shipped it: only the first migration.
    const oldFolder = mkdtempSync(path.join(tmpdir(), 'xy-old-migrations-'))
    cpSync(migrationsFolder, oldFolder, { recursive: true })
    const first = journal.entries[0]
    if (!first) throw new Error('empty journal')
    for (const entry of journal.entries.slice(1)) rmSync(path.join(oldFolder, `${entry.tag}.sql`))
    const journalPath = path.join(oldFolder, 'meta', '_journal.json')
    const oldJournal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] }
    writeFileSync(journalPath, JSON.stringify({ ...oldJournal, entries: oldJournal.entries.slice(0, 1) }))

    const serverUrl = process.env.TEST_DATABASE_URL
    const dataDir = mkdtempSync(path.join(tmpdir(), 'xy-behind-'))
    const dbName = `xy_behind_${process.pid}`
    const env: NodeJS.ProcessEnv = { ...process.env, DEMO_LOGIN: '0' }
    delete env.DATABASE_URL
    let old
    if (kind === 'pg' && serverUrl) {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
      await adminQuery(serverUrl, `CREATE DATABASE ${dbName}`)
      env.DATABASE_URL = withDatabase(serverUrl, dbName)
      old = await openDb({ databaseUrl: env.DATABASE_URL, driver: 'pg', poolMax: 1 })
      const { migrate } = await import('drizzle-orm/node-postgres/migrator')
      await migrate(old.db as Parameters<typeof migrate>[0], { migrationsFolder: oldFolder })
    } else {
      env.PGLITE_DIR = dataDir
      old = await openDb({ pgliteDataDir: dataDir })
      const { migrate } = await import('drizzle-orm/pglite/migrator')
      await migrate(old.db as Parameters<typeof migrate>[0], { migrationsFolder: oldFolder })
    }
    const applied = await old.db.execute(sql.raw('select count(*) as n from drizzle.__drizzle_migrations'))
    expect(Number((applied as unknown as { rows: { n: string }[] }).rows[0]?.n)).toBe(1)
    await old.close()

    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'functions/server/serve.ts'], { cwd: repoRoot, env: { ...env, PORT: String(port) } })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    try {
      const health = await (async (): Promise<{ migration?: string; migrationsApplied?: number } | null> => {
        for (let i = 0; i < 300; i++) {
          try {
            const res = await fetch(`http://127.0.0.1:${port}/api/health`)
            if (res.ok) return (await res.json()) as { migration?: string; migrationsApplied?: number }
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 200))
          }
        }
        return null
      })()
      expect(health, output).not.toBeNull()
      expect(health?.migration).toBe(latestMigrationTag())
      expect(health?.migrationsApplied).toBe(journal.entries.length)
      console.log(`[faults] started on a database at ${first.tag}: migrated on start to ${health?.migration} (${health?.migrationsApplied} applied)`)
    } finally {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
      rmSync(oldFolder, { recursive: true, force: true })
      rmSync(dataDir, { recursive: true, force: true })
      if (kind === 'pg' && serverUrl) await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
    }
  })
})
