/**
 * Safe defaults: with database backends killed under load, half the failures answered
 * `500 internal_error` — node-postgres's "Client has encountered a connection error and is not
 * queryable" (a BEGIN on a pooled client that died idle, a ROLLBACK after the killed query) was
 * not recognised as transient, and the app retries only a 503. Every connection-level failure is
 * now a retryable 503, and the app's one retry (same Idempotency-Key) then succeeds exactly once.
 * The pool also keeps its clients: a BEGIN that fails used to leave its client checked out for
 * good, and after ten of them every request hung.
 */
import { randomUUID } from 'node:crypto'
import { count, eq } from 'drizzle-orm'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openDb } from '../../db/client'
import { invites } from '../../db/schema'
import { useDbHandle } from '../../functions/lib/db'
import { handleErrors, isTransientDbError } from '../../functions/lib/route'
import { errorBodySchema } from '../../shared/errors'
import { testDatabaseKind } from '../harness/db'
import { setupApi, type CallResult } from '../harness/api'

const api = await setupApi({ DEMO_LOGIN: '1' })

/** Drizzle's wrapper around a driver error, as it throws from a failed statement. */
function failedQuery(statement: string, cause: Error): Error {
  return new Error(`Failed query: ${statement}\nparams: `, { cause })
}
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {})

function expectRetryable(res: { status: number; body: unknown; headers: Headers }): void {
  expect(res.status, JSON.stringify(res.body)).toBe(503)
  const body = errorBodySchema.parse(res.body)
  expect(body.error.code).toBe('database_unavailable')
  expect(body.error.retryable).toBe(true)
  expect(res.headers.get('retry-after')).toBe('1')
}

describe('which failures are the connection’s', () => {
  it.each([
    { name: 'BEGIN on a client whose backend died', error: failedQuery('begin', pgError('Client has encountered a connection error and is not queryable')) },
    { name: 'ROLLBACK after the killed query', error: failedQuery('rollback', pgError('Client has encountered a connection error and is not queryable')) },
    { name: 'a closed client', error: failedQuery('select 1', pgError('Client was closed and is not queryable')) },
    { name: 'the kill itself (57P01)', error: failedQuery('insert', pgError('terminating connection due to administrator command', '57P01')) },
    { name: 'connection terminated', error: failedQuery('commit', pgError('Connection terminated unexpectedly')) },
    { name: 'a refused connection', error: pgError('connect ECONNREFUSED 127.0.0.1:5432') },
    { name: 'a reset socket, two wrappers deep', error: failedQuery('begin', new Error('pool', { cause: pgError('read ECONNRESET') })) },
    { name: 'too many connections (53300)', error: pgError('sorry, too many clients already', '53300') },
  ])('$name → 503 retryable', async ({ error }) => {
    expect(isTransientDbError(error)).toBe(true)
    const res = await handleErrors(async () => {
      throw error
    })
    expectRetryable({ status: res.status, body: await res.json(), headers: res.headers })
  })

  it.each([
    { name: 'a syntax error (our bug)', error: failedQuery('selec 1', pgError('syntax error at or near "selec"', '42601')) },
    { name: 'a plain exception', error: new Error('undefined is not a function') },
  ])('$name stays a 500', async ({ error }) => {
    expect(isTransientDbError(error)).toBe(false)
    const res = await handleErrors(async () => {
      throw error
    })
    expect(res.status).toBe(500)
  })
})

describe.runIf(testDatabaseKind() === 'pg')('database backends killed under load (Postgres)', () => {
  it('every failed write is a retryable 503, and one retry with the same key succeeds exactly once', async () => {
    const url = api.database.url
    if (!url) throw new Error('a Postgres run has a database url')
    const databaseName = new URL(url).pathname.slice(1)
    const secretary = await api.someone(api.demo.gaojing, 'secretary')
    const villagerId = await api.personId('朝鲁')
    const [before] = await api.db.select({ n: count() }).from(invites).where(eq(invites.personId, villagerId))
    // The product on a small pool of its own: a client lost to a kill would soon leave none.
    const product = await openDb({ databaseUrl: url, driver: 'pg', poolMax: 4 })
    useDbHandle(product)

    const killer = new pg.Client({ connectionString: url })
    await killer.connect()
    let killing = true
    let kills = 0
    const killLoop = (async () => {
      while (killing) {
        const result = await killer.query<{ killed: boolean }>(
          'select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [databaseName],
        )
        kills += result.rows.filter((row) => row.killed).length
        await new Promise((resolve) => setTimeout(resolve, 15))
      }
    })()

    const write = (key: string): Promise<CallResult> =>
      api.call('POST', '/api/invites/create', {
        token: secretary.token,
        body: { villageId: api.demo.gaojing, personId: villagerId },
        headers: { 'idempotency-key': key },
      })
    const keys = Array.from({ length: 60 }, () => `killed-${randomUUID()}`)
    const first: { key: string; res: CallResult }[] = []
    for (let wave = 0; wave < keys.length; wave += 10) {
      const batch = keys.slice(wave, wave + 10)
      first.push(...(await Promise.all(batch.map(async (key) => ({ key, res: await write(key) })))))
    }
    killing = false
    await killLoop
    await killer.end()

    const failed = first.filter(({ res }) => res.status !== 201)
    console.log(`[connection-lost] ${kills} backends killed; ${failed.length} of ${first.length} writes failed, all answered 503`)
    expect(kills).toBeGreaterThan(0)
    expect(failed.length).toBeGreaterThan(0)
    for (const { res } of failed) expectRetryable(res)

    // The pool lost no client to the kills (drizzle leaves one checked out when BEGIN fails): the
    // product keeps answering, and the app's one retry, with the key it kept, succeeds once.
    for (const { key } of failed) expect((await write(key)).status).toBe(201)
    for (const { key } of first.slice(0, 5)) expect((await write(key)).headers.get('idempotent-replay')).toBe('true')
    // Every client was given back: the pool closes at once (it waits for checked-out ones).
    const closed = await Promise.race([product.close().then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5000))])
    expect(closed, 'a pool client is still checked out after the kills').toBe(true)
    useDbHandle(api.database)
    const [after] = await api.db.select({ n: count() }).from(invites).where(eq(invites.personId, villagerId))
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBe(keys.length)
    const verify = await api.call('GET', '/api/audit/verify', { token: secretary.token, query: { villageId: api.demo.gaojing } })
    expect((verify.body as { ok: boolean }).ok).toBe(true)
  }, 60_000)
})
