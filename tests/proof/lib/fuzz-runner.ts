import fc from 'fast-check'
import { errorBodySchema, errorCatalog } from '../../../shared/errors'
import { routes } from '../../../functions/routes'
import type { ApiHarness, CallResult } from '../../harness/api'
import { fuzzCaseArb, queryCaseArb, type FuzzCase } from './generate'
import { ACTOR, featureOf, type Operation } from './operations'
import { diffFingerprints, fingerprintQuery, IdPool, installChangeLog } from './state'

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000)
const ACCEPT_CAP = Number(process.env.FUZZ_ACCEPT_CAP ?? 40)
export const FUZZ_GET_RUNS = Number(process.env.FUZZ_GET_RUNS ?? 200)

export interface RouteReport {
  route: string
  sent: number
  ok: number
  byCode: Record<string, number>
  handlerReached: number
  violations: string[]
  ms: number
}

function seedOf(text: string): number {
  let h = 2166136261
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
  return h >>> 0
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return (text ?? String(value)).slice(0, 300)
}

/** What every non-2xx answer must look like: our envelope, a catalogued code, the code's own status. */
export function envelopeProblem(res: CallResult): string | null {
  if (res.status < 300) return null
  const parsed = errorBodySchema.safeParse(res.body)
  if (!parsed.success) return `status ${res.status} without the error envelope: ${short(res.body)}`
  const expected = errorCatalog[parsed.data.error.code].status
  if (expected !== res.status) return `code ${parsed.data.error.code} answered with ${res.status}, catalog says ${expected}`
  return null
}

export interface FuzzContext {
  api: ApiHarness
  pool: IdPool
  fingerprint: () => Promise<string>
  changes: Awaited<ReturnType<typeof installChangeLog>>
  tokens: Map<string, string>
}

export async function fuzzContext(api: ApiHarness): Promise<FuzzContext> {
  const pool = new IdPool(api.db)
  await pool.refresh()
  const tokens = new Map<string, string>()
  for (const actor of Object.values(ACTOR)) tokens.set(actor.name, await api.tokenFor(actor.name))
  const fingerprint = await fingerprintQuery(api.db)
  return { api, pool, fingerprint, changes: await installChangeLog(api.db), tokens }
}

function actorFor(ctx: FuzzContext, op: Operation): { token: string; village: string } {
  const actor = ACTOR[featureOf(op)]
  return { token: ctx.tokens.get(actor.name) ?? '', village: ctx.api.demo[actor.village] }
}

/**
 * Sends `runs` generated bodies to one POST route as its feature's most powerful demo person.
 * Bodies the route's own schema rejects never reach the database (the wrapper parses before it
 * opens a transaction), so they are checked as one batch; every body that passes the schema and
 * is then rejected is checked on its own: the fingerprint before and after must be equal.
 */
export async function fuzzPost(ctx: FuzzContext, op: Operation, runs = FUZZ_RUNS): Promise<RouteReport> {
  const started = performance.now()
  const route = routes.find((r) => r.path === op.path && r.method === 'POST')
  const { token, village } = actorFor(ctx, op)
  const report: RouteReport = { route: `POST ${op.path}`, sent: 0, ok: 0, byCode: {}, handlerReached: 0, violations: [], ms: 0 }
  const cases = fc.sample(fuzzCaseArb(op.body ?? { type: 'object' }), { numRuns: runs, seed: seedOf(op.path) })
  const prepared = cases.map((c: FuzzCase) => {
    if (c.kind === 'raw') return { c, body: undefined, reaches: false }
    const body = ctx.pool.resolve(c.body, village)
    const wire = JSON.stringify(body)
    const reaches = wire !== undefined && Buffer.byteLength(wire) <= 64 * 1024 && (route?.body?.safeParse(JSON.parse(wire)).success ?? true)
    return { c, body, reaches }
  })
  // Schema-rejected first, as one batch; then the ones that reach a handler, one at a time.
  prepared.sort((a, b) => Number(a.reaches) - Number(b.reaches))
  const fullBefore = await ctx.fingerprint()
  const routeStart = await ctx.changes.mark()
  let before = routeStart
  let pending = 0
  let sinceRefresh = 0
  let accepted = 0
  let firstKey: string | undefined
  for (const { c, body, reaches } of prepared) {
    if (reaches && pending > 0) {
      const now = await ctx.changes.mark()
      if (now !== before) report.violations.push(`schema-rejected bodies changed the database: ${(await ctx.changes.since(before)).join(', ')}`)
      before = now
      pending = 0
    }
    // Past ACCEPT_CAP successes a route has shown it works; further valid bodies reuse the first
    // success's Idempotency-Key, which must answer 409 (or replay) without running the handler:
    // the count stays at `runs` without minutes of month-long rosters being generated.
    const reuseKey = reaches && accepted >= ACCEPT_CAP ? firstKey : undefined
    const res =
      c.kind === 'raw'
        ? await ctx.api.call('POST', op.path, { token, rawBody: c.raw, headers: c.contentType ? { 'content-type': c.contentType } : {} })
        : await ctx.api.call('POST', op.path, {
            token,
            body: body ?? null,
            headers: { 'idempotency-key': reuseKey ?? `fuzz-${report.sent}-${seedOf(op.path)}` },
          })
    if (reuseKey && res.status < 300 && res.headers.get('idempotent-replay') !== 'true')
      report.violations.push(`a reused Idempotency-Key ran the handler again ← ${short(body)}`)
    report.sent += 1
    const problem = envelopeProblem(res)
    if (problem) report.violations.push(`${problem} ← ${short(c.kind === 'raw' ? c.raw : body)}`)
    if (res.status === 500) report.violations.push(`500 ← ${short(c.kind === 'raw' ? c.raw : body)}`)
    if (res.status < 300) {
      report.ok += 1
      report.byCode[String(res.status)] = (report.byCode[String(res.status)] ?? 0) + 1
    } else {
      const code = (res.body as { error?: { code?: string } }).error?.code ?? String(res.status)
      report.byCode[code] = (report.byCode[code] ?? 0) + 1
    }
    if (!reaches) {
      if (res.status < 300) report.violations.push(`a body the schema rejects was accepted: ${short(body)}`)
      pending += 1
      continue
    }
    report.handlerReached += 1
    const after = await ctx.changes.mark()
    if (res.status >= 400 && after !== before) {
      report.violations.push(`rejected (${res.status}) but the database changed: ${(await ctx.changes.since(before)).join(', ')} ← ${short(body)}`)
    }
    before = after
    if (res.status < 300 && !reuseKey) {
      accepted += 1
      firstKey ??= `fuzz-${report.sent - 1}-${seedOf(op.path)}`
    }
    if (res.status < 300 && ++sinceRefresh >= 10) {
      await ctx.pool.refresh()
      sinceRefresh = 0
    }
  }
  if (pending > 0) {
    const now = await ctx.changes.mark()
    if (now !== before) report.violations.push(`schema-rejected bodies changed the database: ${(await ctx.changes.since(before)).join(', ')}`)
  }
  // Cross-check the change log against the full fingerprint: no write may escape the triggers.
  const fullAfter = await ctx.fingerprint()
  if (fullAfter !== fullBefore && (await ctx.changes.mark()) === routeStart) {
    report.violations.push(`database changed without a logged change: ${diffFingerprints(fullBefore, fullAfter).join(', ')}`)
  }
  if (accepted === 0 && fullAfter !== fullBefore)
    report.violations.push(`no request was accepted but the database changed: ${diffFingerprints(fullBefore, fullAfter).join(', ')}`)
  await ctx.pool.refresh()
  report.ms = Math.round(performance.now() - started)
  return report
}

/** GET routes with generated query strings: never a 500, never a write. */
export async function fuzzGet(ctx: FuzzContext, op: Operation, runs = FUZZ_GET_RUNS): Promise<RouteReport> {
  const started = performance.now()
  const { token, village } = actorFor(ctx, op)
  const report: RouteReport = { route: `GET ${op.path}`, sent: 0, ok: 0, byCode: {}, handlerReached: 0, violations: [], ms: 0 }
  const cases = fc.sample(queryCaseArb(op.query), { numRuns: runs, seed: seedOf(op.path) })
  const before = await ctx.changes.mark()
  for (const raw of cases) {
    const resolved = ctx.pool.resolve(raw, village) as Record<string, unknown>
    const query: Record<string, string> = {}
    for (const [key, value] of Object.entries(resolved ?? {})) query[key] = typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
    const res = await ctx.api.call('GET', op.path, { token, query })
    report.sent += 1
    const problem = envelopeProblem(res)
    if (problem) report.violations.push(`${problem} ← ${short(query)}`)
    if (res.status === 500) report.violations.push(`500 ← ${short(query)}`)
    const code = res.status < 300 ? String(res.status) : ((res.body as { error?: { code?: string } }).error?.code ?? String(res.status))
    if (res.status < 300) report.ok += 1
    report.byCode[code] = (report.byCode[code] ?? 0) + 1
  }
  if ((await ctx.changes.mark()) !== before) report.violations.push(`GET changed the database: ${(await ctx.changes.since(before)).join(', ')}`)
  report.ms = Math.round(performance.now() - started)
  return report
}

export function formatReport(r: RouteReport): string {
  const codes = Object.entries(r.byCode)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code}×${n}`)
    .join(' ')
  return `${r.route.padEnd(44)} sent ${String(r.sent).padStart(5)} · 2xx ${String(r.ok).padStart(4)} · reached handler ${String(r.handlerReached).padStart(4)} · ${r.ms} ms · ${codes}`
}
