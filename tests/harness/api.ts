import { and, eq } from 'drizzle-orm'
import { afterAll } from 'vitest'
import type { Db } from '../../db/client'
import { people, memberships, villages } from '../../db/schema'
import { seedDemoIfEmpty, type DemoIds } from '../../db/seed/demo'
import { issueSessionToken } from '../../functions/lib/auth'
import { useDbHandle } from '../../functions/lib/db'
import { resetEnv } from '../../functions/lib/env'
import { settleAuditSeals } from '../../db/audit'
import { settleAfterCommit } from '../../functions/lib/after-commit'
import { dispatch } from '../../functions/lib/router'
import type { Role } from '../../shared/roles'
import { errorBodySchema, type ErrorCode } from '../../shared/errors'
import { createTestDatabase, type TestDatabase } from './db'

export interface CallOptions {
  body?: unknown
  /** Sent as-is, for malformed or oversized payloads. */
  rawBody?: string | Blob
  token?: string
  headers?: Record<string, string>
  query?: Record<string, string>
}

export interface CallResult<T = unknown> {
  status: number
  body: T
  headers: Headers
}

export interface ApiHarness {
  database: TestDatabase
  db: Db
  demo: DemoIds
  call: <T = unknown>(method: string, path: string, options?: CallOptions) => Promise<CallResult<T>>
  personId: (name: string) => Promise<string>
  tokenFor: (name: string) => Promise<string>
  /** A person holding `role` in the village, and their token. */
  someone: (villageId: string, role: Role) => Promise<{ personId: string; token: string }>
}

/**
 * Each test file gets its own migrated database with the demo villages, wired into the same
 * handlers the server and Vercel run. Requests go through the real router, as a client's would.
 */
export async function setupApi(env: Record<string, string> = { DEMO_LOGIN: '1' }): Promise<ApiHarness> {
  for (const [key, value] of Object.entries(env)) process.env[key] = value
  resetEnv()
  const database = await createTestDatabase()
  useDbHandle(database)
  const demo = await seedDemoIfEmpty(database.db)
  if (!demo) throw new Error('a fresh test database should be empty')
  afterAll(async () => {
    await database.drop()
  })

  const call: ApiHarness['call'] = async (method, path, options = {}) => {
    const url = new URL(path, 'http://xiangyue.test')
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value)
    const headers = new Headers(options.headers)
    if (options.token) headers.set('authorization', `Bearer ${options.token}`)
    let body: BodyInit | undefined
    if (options.rawBody !== undefined) body = options.rawBody
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
    const response = await dispatch(new Request(url, { method, headers, body }))
    // Audit entries are sealed after the answer; a test reads the chain as a later request would.
    await settleAuditSeals()
    // …and what it started after its commit (a WeChat message) has finished.
    await settleAfterCommit()
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // Non-JSON bodies are returned as text so a test can assert on them.
    }
    return { status: response.status, body: parsed as never, headers: response.headers }
  }

  const personId = async (name: string) => {
    const [row] = await database.db.select({ id: people.id }).from(people).where(eq(people.name, name))
    if (!row) throw new Error(`no demo person named ${name}`)
    return row.id
  }

  return {
    database,
    db: database.db,
    demo,
    call,
    personId,
    tokenFor: async (name) => (await issueSessionToken(await personId(name))).token,
    someone: async (villageId, role) => {
      const [row] = await database.db
        .select({ id: memberships.personId })
        .from(memberships)
        .innerJoin(villages, eq(villages.id, memberships.villageId))
        .where(and(eq(memberships.villageId, villageId), eq(memberships.role, role)))
        .limit(1)
      if (!row) throw new Error(`no ${role} in ${villageId}`)
      return { personId: row.id, token: (await issueSessionToken(row.id)).token }
    },
  }
}

/** The stable error code of a failed call; fails the test if the body is not our error envelope. */
export function errorCodeOf(result: CallResult): ErrorCode {
  return errorBodySchema.parse(result.body).error.code
}
