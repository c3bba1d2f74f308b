/**
 * The authorisation matrix, generated from the OpenAPI document: every
 * route × every role of shared/roles.ts × own village / another village / no login. Each role is
 * held ALONE by a person made for this test, so a cell measures exactly that role.
 * Expected: no login → 401 on `x-auth: user` routes; another village → never 2xx (403, or 404
 * where the route does not admit the row exists); own village → a role outside `x-roles` never
 * gets 2xx. Tokens expired, tampered or signed with another secret → 401 on every user route.
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { eq } from 'drizzle-orm'
import { SignJWT } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { households, memberships, people } from '../../db/schema'
import { getEnv } from '../../functions/lib/env'
import { roles, type Role } from '../../shared/roles'
import { setupApi, type CallResult } from '../harness/api'
import { envelopeProblem } from './lib/fuzz-runner'
import { validArb } from './lib/generate'
import { ACTOR, featureOf, loadOperations, type Operation } from './lib/operations'
import { IdPool } from './lib/state'
import { issueSessionToken } from '../../functions/lib/auth'

delete process.env.WECHAT_APPID
delete process.env.WECHAT_SECRET
const api = await setupApi({ DEMO_LOGIN: '1' })
const operations = (await loadOperations(api)).filter((op) => op.auth === 'user')
const villageKeys = ['gaojing', 'caibei', 'guanli'] as const
type VillageKey = (typeof villageKeys)[number]
const BODIES_PER_CELL = Number(process.env.AUTHZ_BODIES ?? 3)

/** One person per (village, role) holding only that role, in a household of their own. */
async function holder(village: VillageKey, role: Role): Promise<{ id: string; token: string }> {
  const villageId = api.demo[village]
  const [household] = await api.db
    .insert(households)
    .values({ villageId, label: `权限测试 ${role}户`, elderly: false })
    .returning({ id: households.id })
  if (!household) throw new Error('household insert failed')
  const [person] = await api.db
    .insert(people)
    .values({ name: `权限测试${role}`, birthYear: 1980, householdId: household.id })
    .returning({ id: people.id })
  if (!person) throw new Error('person insert failed')
  await api.db.update(households).set({ headPersonId: person.id }).where(eq(households.id, household.id))
  await api.db.insert(memberships).values({ personId: person.id, villageId, role })
  return { id: person.id, token: (await issueSessionToken(person.id)).token }
}

const holders = new Map<string, { id: string; token: string }>()
for (const village of villageKeys) for (const role of roles) holders.set(`${village}:${role}`, await holder(village, role))
const holderOf = (village: VillageKey, role: Role) => holders.get(`${village}:${role}`) ?? { id: '', token: '' }

const pool = new IdPool(api.db)
await pool.refresh()

function homeOf(op: Operation): VillageKey {
  return ACTOR[featureOf(op)].village
}
function otherOf(village: VillageKey): VillageKey {
  return villageKeys[(villageKeys.indexOf(village) + 1) % villageKeys.length] ?? 'caibei'
}

/** Valid-shaped requests whose ids point at rows of the route's home village. */
function requestsFor(op: Operation, count: number, seed: number): { body?: unknown; query?: Record<string, string> }[] {
  const village = api.demo[homeOf(op)]
  const out: { body?: unknown; query?: Record<string, string> }[] = []
  if (op.method === 'POST') {
    for (const body of fc.sample(validArb(op.body ?? { type: 'object' }), { numRuns: count, seed })) out.push({ body: pool.resolve(body, village, true) })
  } else {
    const schema = {
      type: 'object',
      properties: Object.fromEntries(op.query.map((q) => [q.name, q.schema])),
      required: op.query.filter((q) => q.required).map((q) => q.name),
    }
    for (const raw of fc.sample(validArb(schema), { numRuns: count, seed })) {
      const resolved = pool.resolve(raw, village, true) as Record<string, unknown>
      out.push({ query: Object.fromEntries(Object.entries(resolved).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) })
    }
  }
  return out
}

function send(op: Operation, request: { body?: unknown; query?: Record<string, string> }, headers: Record<string, string>): Promise<CallResult> {
  return api.call(op.method, op.path, {
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    ...(request.query ? { query: request.query } : {}),
  })
}

const codeOf = (res: CallResult) => (res.status < 300 ? String(res.status) : ((res.body as { error?: { code?: string } }).error?.code ?? String(res.status)))

// Populate each feature's home village first (as its most powerful person), so ids in the
// matrix's requests point at real rows and reach the handlers' authorisation checks.
const actorTokens = new Map<string, string>()
for (const actor of Object.values(ACTOR)) actorTokens.set(actor.name, await api.tokenFor(actor.name))
for (const op of operations.filter((o) => o.method === 'POST')) {
  const token = actorTokens.get(ACTOR[featureOf(op)].name) ?? ''
  for (const request of requestsFor(op, 25, 7)) await send(op, request, { authorization: `Bearer ${token}` })
  await pool.refresh()
}

interface Cell {
  route: string
  who: string
  statuses: string[]
}
const escalations: Cell[] = []
const problems: string[] = []
const summary: string[] = []
let cells = 0

afterAll(() => {
  console.log(
    `\n[authz] ${operations.length} user routes × (${roles.length} roles × own/other village + no login) = ${cells} cells, ` +
      `${escalations.length} escalations\n${summary.join('\n')}\n`,
  )
})

describe('authorisation matrix from the OpenAPI document', () => {
  it('covers the routes of all three features', () => {
    expect(new Set(operations.map(featureOf))).toEqual(new Set(['land', 'garden', 'piecework', 'other']))
  })

  it.each(operations.map((op, i) => [op.method, op.path, op, i] as const))('%s %s', async (_m, _p, op, index) => {
    const requests = requestsFor(op, BODIES_PER_CELL, 1000 + index)
    const home = homeOf(op)
    const other = otherOf(home)
    // Does the request name anything (an id in the body or query)? If not, "another village" has nothing to reach.
    const scoped = /"[0-9a-f]{8}-[0-9a-f]{4}-/.test(JSON.stringify(requests))
    const row = { noLogin: '', other: new Map<string, number>(), allowed: [] as string[], denied: [] as string[], undecided: [] as string[] }

    // No login.
    cells += 1
    for (const request of requests) {
      const res = await send(op, request, {})
      expect(res.status, `${op.path} without a token`).toBe(401)
      row.noLogin = codeOf(res)
    }
    // Another village: every role, never a 2xx.
    for (const role of roles) {
      cells += 1
      const { token } = holderOf(other, role)
      const statuses: string[] = []
      for (const request of requests) {
        const res = await send(op, request, { authorization: `Bearer ${token}` })
        statuses.push(codeOf(res))
        const problem = envelopeProblem(res)
        if (problem) problems.push(`${op.path} ${problem}`)
        // A route that names no row (e.g. /api/me) answers about the caller: fine, as long as
        // nothing of the other village comes back.
        const leaked = scoped ? res.status < 300 : res.status < 300 && JSON.stringify(res.body).includes(api.demo[home])
        if (leaked) escalations.push({ route: op.path, who: `${other}:${role} (another village)`, statuses })
        row.other.set(codeOf(res), (row.other.get(codeOf(res)) ?? 0) + 1)
      }
    }
    // Own village, denied cells first so their requests see the same state as the allowed ones.
    const ordered = [...roles].sort((a, b) => Number(op.roles?.includes(a) ?? true) - Number(op.roles?.includes(b) ?? true))
    for (const role of ordered) {
      cells += 1
      const { token } = holderOf(home, role)
      const statuses: string[] = []
      for (const request of requests) {
        const res = await send(op, request, { authorization: `Bearer ${token}` })
        statuses.push(codeOf(res))
        const problem = envelopeProblem(res)
        if (problem) problems.push(`${op.path} ${problem}`)
      }
      const allowed = statuses.some((s) => s.startsWith('2'))
      if (allowed) row.allowed.push(role)
      else if (statuses.some((s) => ['forbidden', 'not_member_of_village'].includes(s) || s.startsWith('403'))) row.denied.push(role)
      else row.undecided.push(role)
      if (allowed && op.roles && !op.roles.includes(role)) escalations.push({ route: op.path, who: `${home}:${role} (not in x-roles)`, statuses })
    }
    const otherText = [...row.other].map(([code, n]) => `${code}×${n}`).join(' ')
    summary.push(
      `${`${op.method} ${op.path}`.padEnd(44)} x-roles ${op.roles ? op.roles.join(',') : '(any member)'} │ no login ${row.noLogin} │ other village ${otherText} │ ` +
        `own: 2xx [${row.allowed.join(',')}] 403 [${row.denied.join(',')}] undecided [${row.undecided.join(',')}]`,
    )
    expect(escalations.filter((e) => e.route === op.path)).toEqual([])
    expect(problems).toEqual([])
    // Another village is refused outright; a 4xx that reveals the row's state would be a leak.
    const leaks = [...row.other.keys()].filter(
      (code) =>
        !['forbidden', 'not_member_of_village', 'not_found', 'validation_failed', 'piecework_not_your_pay', 'piecework_worker_not_in_workshop'].includes(code),
    )
    if (leaks.length) summary.push(`  ↳ another village answered ${leaks.join(', ')} (state decided before membership)`)
  })
})

describe('bad tokens on every user route', async () => {
  const secret = new TextEncoder().encode(getEnv().SESSION_SECRET)
  const subject = holderOf('gaojing', 'secretary').id
  const sign = (options: { key?: Uint8Array; exp?: number }) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuer('xiangyue')
      .setAudience('xiangyue-miniapp')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 3600)
      .sign(options.key ?? secret)
  const good = await sign({})
  const [head, , signature] = good.split('.')
  const forged = Buffer.from(
    JSON.stringify({ sub: holderOf('gaojing', 'secretary').id, iss: 'xiangyue', aud: 'xiangyue-miniapp', exp: 9_999_999_999 }),
  ).toString('base64url')
  const tokens = {
    expired: await sign({ exp: Math.floor(Date.now() / 1000) - 60 }),
    tampered: `${head}.${forged}.${signature}`,
    'another secret': await sign({ key: new TextEncoder().encode(`another-secret-${randomUUID()}`) }),
  }
  it.each(Object.entries(tokens))('%s → 401 everywhere', async (_name, token) => {
    let checked = 0
    for (const [index, op] of operations.entries()) {
      for (const request of requestsFor(op, 1, 5000 + index)) {
        const res = await send(op, request, { authorization: `Bearer ${token}` })
        expect(res.status, `${op.method} ${op.path}`).toBe(401)
        expect(envelopeProblem(res)).toBeNull()
        checked += 1
      }
    }
    expect(checked).toBe(operations.length)
  })
})
