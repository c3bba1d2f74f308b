import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db } from '../../db/client'
import type { Role } from '../../shared/roles'
import { collectAuditEntries, sealAfterCommit, type PendingEntry } from '../../db/audit'
import { isConnectionLost } from '../../db/connection-lost'
import { idempotencyRecords } from '../../db/schema'
import { AppError, errorCatalog, type ErrorBody, type ErrorCode, type FieldError } from '../../shared/errors'
import { loadSession, requireMember, requireRole, tokenFromRequest, type Authority, type Session, type TokenClaims } from './auth'
import { collectAfterCommit, runAfterCommit, type AfterCommitTask } from './after-commit'
import { cronAuthorised } from './cron'
import { getDbHandle } from './db'
import { consumeRateLimit, RateLimitedError, type RateHit } from './rate-limit'

export const MAX_BODY_BYTES = 64 * 1024

export type Method = 'GET' | 'POST'
/** Every route's path; a route's own literal path is kept in its type (the app's typed client reads it). */
export type ApiPath = `/api/${string}`
/**
 * 'user': a login, with the caller's session (person and roles) read before the handler runs.
 * 'token': a login too, but the handler reads the caller's roles in its own first statement,
 * saving a round trip on a hot path; it must authorise with them before it writes.
 * 'cron': no person; the scheduler's bearer secret (CRON_SECRET, functions/lib/cron.ts).
 */
type AuthMode = 'none' | 'user' | 'token' | 'cron'

/**
 * Where a route finds the village whose roles count — declared once on the route, enforced here:
 * - 'query' / 'body': the input's `villageId`. The caller is checked (member, and one of the
 *   route's `roles` if it has any) before the handler runs.
 * - 'entity': the village of what the handler loads (a meeting, a workshop). The handler calls
 *   `authorize(entity.villageId)` before it writes or answers; an answer given without it is
 *   refused here as our own bug (500), so a forgotten check cannot leak another village's data.
 * - 'caller': the caller's own account (who am I, log out): no village.
 * - 'public': no login (health, the public notice).
 * - 'scheduler': no person, every village — the cron job, behind its own secret (auth 'cron').
 */
export type Tenancy = 'query' | 'body' | 'entity' | 'caller' | 'public' | 'scheduler'

interface PrepareContext<Query, Body, A extends AuthMode> {
  request: Request
  /** Outside any transaction: what is written here is committed at once. */
  db: Db
  personId: A extends 'none' | 'cron' ? string | null : string
  query: Query
  body: Body
  /**
   * Counts an attempt at a guessable input and refuses it with 429 over the limit. Counted here,
   * before the request's transaction, a refused guess stays counted when the request rolls back.
   */
  rateLimit: (hits: readonly RateHit[]) => Promise<void>
}

/** What a route's `prepare` hands its handler: plain strings (an openid), named. */
export type Prepared = Readonly<Record<string, string>>

interface HandlerContext<Query, Body, A extends AuthMode> {
  request: Request
  db: Db
  session: A extends 'user' ? Session : A extends 'token' ? null : Session | null
  /** The verified caller. */
  personId: A extends 'none' | 'cron' ? string | null : string
  /**
   * The caller's verified token. A 'token' route must check its session version against the
   * person's row in its own first statement (`requireCurrentSession`), as loadSession does.
   */
  claims: A extends 'none' | 'cron' ? TokenClaims | null : TokenClaims
  /** What the route's `prepare` answered (empty without one). */
  prepared: Prepared
  /**
   * Counts an attempt inside the handler's transaction, and refuses it with 429 over the limit:
   * committed with the write, so only attempts that succeed count (e.g. invites minted). For
   * attempts that fail (guesses), count in `prepare` instead.
   */
  rateLimit: (hits: readonly RateHit[]) => Promise<void>
  query: Query
  body: Body
  /**
   * Checks the caller in `villageId` against the route's declared `roles` (membership alone when it
   * declares none) and answers the roles held there. 'token' routes pass the authority they read
   * in their own first statement.
   */
  authorize: (villageId: string, authority?: Authority) => readonly Role[]
  /**
   * For the few routes whose rule is not "a role in the village" (a worker reads their own pay
   * from another village): runs the shared rule and counts as the route's authorisation.
   */
  authorizeWith: (check: () => void) => void
  /** The caller's roles in the input's village ('query' and 'body' tenancy; empty otherwise). */
  callerRoles: readonly Role[]
  /**
   * For an `ownTransaction` route sent with an Idempotency-Key: what its transaction must look up
   * (after its locks) and store with its writes. Null without a key, and for every other route.
   */
  idempotency: IdempotencyContext | null
  /**
   * An audit outbox entry the handler wrote with its own statement (a `singleStatementWrite` or
   * `ownTransaction` route; `appendAudit` in the wrapper's transaction notes its own): sealed into
   * the village's chain once the request has answered.
   */
  noteAudit: (villageId: string, id: number) => void
}

/** What an `ownTransaction` route needs to honour an Idempotency-Key inside its own statements. */
export interface IdempotencyContext {
  principal: string
  key: string
  route: string
  requestHash: string
  status: number
  /** The answer as it will be sent (validated by the route's response schema): what to store. */
  output: (value: unknown) => unknown
}

/** A stored record for this key: replays its answer, or refuses a key reused for other content. */
export function replayStoredAnswer(idempotency: IdempotencyContext, stored: { status: number; body: unknown; requestHash: string }): never {
  refuseReusedKey(stored, idempotency.requestHash)
  throw new ReplayStored(stored.status, stored.body)
}

/** A concurrent twin stored its record first (the key's unique violation): its answer is replayed. */
export function concurrentTwin(): never {
  throw new ConcurrentTwin()
}

export interface RouteSpec<
  QuerySchema extends z.ZodType,
  BodySchema extends z.ZodType,
  ResponseSchema extends z.ZodType,
  A extends AuthMode,
  P extends ApiPath = ApiPath,
  M extends Method = Method,
> {
  method: M
  path: P
  summary: string
  tags?: string[]
  auth: A
  tenancy: Tenancy
  query?: QuerySchema
  body?: BodySchema
  response: ResponseSchema
  /**
   * A success ends sessions (the caller's or a villager's): exported as `x-ends-sessions`, so that
   * sweeps which reuse one login for every route (the proof suites) leave it to its own tests.
   */
  endsSessions?: true
  /**
   * The most a body may hold, above MAX_BODY_BYTES: only for a route that takes a compressed photo
   * (base64 in JSON), which its own schema then bounds again.
   */
  maxBodyBytes?: number
  /** Status of a success; 201 for creations. */
  successStatus?: 200 | 201
  /** Codes this route answers with besides the common ones, for the OpenAPI document. */
  errors?: ErrorCode[]
  /**
   * Who may call it within the route's village (see `tenancy`), enforced by the wrapper and
   * `authorize`, and exported as `x-roles`. Absent means any member of the village. The
   * authorisation matrix (tests/proof/authz.test.ts) fails if a role outside this list gets a 2xx.
   */
  roles?: readonly Role[]
  /**
   * Answers with something other than JSON (a spreadsheet download): receives the validated
   * output and builds the Response. GET only.
   */
  render?: (output: z.output<ResponseSchema>) => Promise<Response>
  /** Content type `render` produces, for the OpenAPI document. */
  renders?: string
  /**
   * The handler writes with one statement that re-checks, as it writes, whatever its earlier reads
   * decided. Such a statement is atomic by itself, so without an Idempotency-Key the handler runs
   * outside an explicit transaction: BEGIN and COMMIT are two round trips a busy write can save.
   */
  singleStatementWrite?: true
  /**
   * The handler runs its own transaction (db/client.ts scriptTransaction, a few waits in all) and,
   * with an Idempotency-Key, looks the key up after its locks and stores the record with its writes
   * (`ctx.idempotency`, `replayStoredAnswer`, `concurrentTwin`): the wrapper opens no transaction.
   */
  ownTransaction?: true
  /**
   * Writes run in one transaction with the idempotency record, and honour an Idempotency-Key
   * header: a retry after a lost response replays the stored answer instead of writing twice.
   */
  handler: (ctx: HandlerContext<z.output<QuerySchema>, z.output<BodySchema>, A>) => Promise<z.input<ResponseSchema>>
  /**
   * Work done after authentication and parsing but before the handler's transaction, with its
   * writes committed at once: calling another service (WeChat) and counting attempts that must
   * stay counted when the request is then refused. Its answer reaches the handler as `prepared`.
   */
  prepare?: (ctx: PrepareContext<z.output<QuerySchema>, z.output<BodySchema>, A>) => Promise<Prepared>
}

export type AnyRoute = RouteSpec<z.ZodType, z.ZodType, z.ZodType, AuthMode>

export function defineRoute<
  QuerySchema extends z.ZodType = z.ZodUndefined,
  BodySchema extends z.ZodType = z.ZodUndefined,
  ResponseSchema extends z.ZodType = z.ZodType,
  A extends AuthMode = 'user',
  P extends ApiPath = ApiPath,
  M extends Method = Method,
>(spec: RouteSpec<QuerySchema, BodySchema, ResponseSchema, A, P, M>): RouteSpec<QuerySchema, BodySchema, ResponseSchema, A, P, M> {
  return spec
}

/**
 * Headers every API answer carries besides its own. The local server adds the security headers
 * here (Vercel adds them from vercel.json): set while the response is built, a plain object, they
 * cost nothing; set afterwards, they make the adapter rebuild the response as a stream.
 */
let baseHeaders: Readonly<Record<string, string>> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
const builtHere = new WeakSet<Response>()

export function addApiResponseHeaders(headers: Readonly<Record<string, string>>): void {
  baseHeaders = { ...baseHeaders, ...headers }
}

/** Whether an answer came from `json()` and so already carries the headers added above. */
export function carriesApiHeaders(response: Response): boolean {
  return builtHere.has(response)
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Response {
  const text = JSON.stringify(body)
  // With its length declared, a small answer skips the compressor untouched (it compresses from
  // 1 KB) instead of being re-wrapped to carry a Vary header.
  const response = new Response(text, {
    status,
    headers: { ...baseHeaders, 'content-length': String(Buffer.byteLength(text)), ...headers },
  })
  builtHere.add(response)
  return response
}

export function errorResponse(code: ErrorCode, message?: string, fields?: FieldError[], retryAfterSeconds?: number): Response {
  const entry = errorCatalog[code]
  const body: ErrorBody = {
    error: {
      code,
      message: message ?? entry.message,
      ...(fields && fields.length > 0 ? { fields } : {}),
      ...(entry.status === 503 ? { retryable: true } : {}),
    },
  }
  const retryAfter = retryAfterSeconds ?? (entry.status === 503 ? 1 : undefined)
  return json(entry.status, body, retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : undefined)
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }))
}

/**
 * Reads at most MAX_BODY_BYTES; a lying or absent Content-Length cannot make us buffer more.
 * With a Content-Length within the cap the body is read whole with text(): the HTTP parser stops
 * at the declared length, and @hono/node-server answers text() from the socket without building
 * the full Request that touching `body` makes it build (≈ 0.1 ms a request). Without one (a
 * chunked upload) it is streamed and cut off at the cap.
 */
async function readBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const header = request.headers.get('content-length')
  const declared = header === null ? Number.NaN : Number(header)
  if (declared > limit) throw new AppError('payload_too_large')
  if (Number.isSafeInteger(declared) && declared >= 0) {
    const text = await request.text()
    // Checked again after reading: a runtime that does not hold the body to its declared length
    // still cannot hand us more than the cap.
    if (Buffer.byteLength(text, 'utf8') > limit) throw new AppError('payload_too_large')
    return text
  }
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel()
      throw new AppError('payload_too_large')
    }
    chunks.push(value)
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks))
}

/**
 * Postgres text cannot hold U+0000: a NUL anywhere in the input would fail deep inside a handler
 * as a 500. Refused up front, with the field named.
 */
function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(root)' : null
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, '(key)'].join('.')
      const found = nulPath(item, [...path, key])
      if (found) return found
    }
  }
  return null
}

function refuseNul(value: unknown): void {
  const path = nulPath(value)
  if (path) throw new AppError('validation_failed', undefined, [{ path, message: '不能包含空字符（U+0000）' }])
}

function parseQuery(route: AnyRoute, url: URL): unknown {
  if (!route.query) return undefined
  const raw: Record<string, string> = {}
  for (const [key, value] of url.searchParams) raw[key] = value
  refuseNul(raw)
  const parsed = route.query.safeParse(raw)
  if (!parsed.success) throw new ValidationError(parsed.error)
  return parsed.data
}

async function parseBody(route: AnyRoute, request: Request): Promise<{ body: unknown; raw: string }> {
  const raw = await readBody(request, Math.max(MAX_BODY_BYTES, route.maxBodyBytes ?? 0))
  if (!route.body) return { body: undefined, raw }
  const contentType = request.headers.get('content-type') ?? ''
  if (raw.length > 0 && contentType && !/json/i.test(contentType)) throw new AppError('unsupported_media_type')
  let data: unknown
  try {
    data = raw.length === 0 ? {} : JSON.parse(raw)
  } catch {
    throw new AppError('invalid_json')
  }
  refuseNul(data)
  const parsed = route.body.safeParse(data)
  if (!parsed.success) throw new ValidationError(parsed.error)
  return { body: parsed.data, raw }
}

class ValidationError extends Error {
  constructor(readonly zodError: z.ZodError) {
    super('validation failed')
  }
}

/** Thrown inside the transaction when a concurrent twin already stored the answer: roll back, replay. */
class ReplayStored extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('idempotent replay')
  }
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/

/** Postgres SQLSTATEs that mean "the database, not the request, failed": safe to retry. */
export function isTransientDbError(error: unknown): boolean {
  const code = pgCode(error)
  if (code && (code.startsWith('08') || code.startsWith('57P') || code === '53300' || code === '40001' || code === '40P01')) {
    return true
  }
  // Drizzle wraps the driver's error (e.g. "Failed query: rollback" around "Connection terminated
  // unexpectedly" when the backend was killed mid-transaction): look down the cause chain.
  return isConnectionLost(error)
}

export function pgCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

async function execute(route: AnyRoute, request: Request): Promise<Response> {
  if (request.method !== route.method) return errorResponse('method_not_allowed')
  // Authenticate before parsing: a caller without a valid token learns nothing about the schema.
  // A scheduler's secret is not a session token: it is compared, in constant time, and nothing else.
  if (route.auth === 'cron' && !cronAuthorised(request)) throw new AppError('unauthenticated', '只有定时任务可以调用')
  const claims = route.auth === 'cron' ? null : await tokenFromRequest(request)
  const personId = claims?.personId ?? null
  if (route.auth !== 'none' && route.auth !== 'cron' && !claims) throw new AppError('unauthenticated')
  const url = new URL(request.url)
  const query = parseQuery(route, url)
  const { body, raw } = route.method === 'POST' ? await parseBody(route, request) : { body: undefined, raw: '' }

  const handle = await getDbHandle()
  const db = handle.db
  // The session version is checked here, in the statement that reads the caller's roles anyway;
  // 'token' routes check it in their own first statement.
  const session = claims && route.auth !== 'token' && route.auth !== 'cron' ? await loadSession(db, claims) : null
  let authorized = false
  const authorize = (villageId: string, authority: Authority | null = session): readonly Role[] => {
    if (!authority) throw new AppError('unauthenticated')
    const held = route.roles ? requireRole(authority, villageId, route.roles) : requireMember(authority, villageId)
    authorized = true
    return held
  }
  const authorizeWith = (check: () => void): void => {
    check()
    authorized = true
  }
  const callerRoles = route.tenancy === 'query' || route.tenancy === 'body' ? authorize(inputVillageId(route.tenancy === 'query' ? query : body)) : []

  const successStatus = route.successStatus ?? 200
  const key = route.method === 'POST' ? request.headers.get('idempotency-key') : null
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('validation_failed', 'Idempotency-Key 格式不对', [{ path: 'Idempotency-Key', message: '8–100 个字母、数字、-、_' }])
  }
  const principal = personId ?? 'anonymous'
  const requestHash = createHash('sha256').update(`${route.path}\n${raw}`).digest('hex')

  // `prepare` commits what it does at once (a WeChat call, reminders sent), so a key already used is
  // answered before it runs: a retry replays the first answer, a key reused for other content is
  // refused, and neither repeats the work.
  if (route.prepare && key !== null) {
    const stored = await storedRecord(db, principal, key)
    if (stored) {
      refuseReusedKey(stored, requestHash)
      return json(stored.status, stored.body, { 'idempotent-replay': 'true' })
    }
  }
  const prepared = route.prepare
    ? await route.prepare({ request, db, personId: personId as string, query, body, rateLimit: (hits) => consumeRateLimit(db, hits) })
    : {}
  const idempotency: IdempotencyContext | null =
    route.ownTransaction && key !== null
      ? { principal, key, route: route.path, requestHash, status: successStatus, output: (value) => route.response.parse(value) }
      : null

  const later: AfterCommitTask[] = []
  const entries: PendingEntry[] = []
  const noteAudit = (villageId: string, id: number) => {
    entries.push({ villageId, id })
  }
  const run = async (scope: Db) => {
    const result = await route.handler({
      noteAudit,
      authorize,
      authorizeWith,
      callerRoles,
      idempotency,
      request,
      db: scope,
      session: session as Session,
      personId: personId as string,
      claims: claims as TokenClaims,
      prepared,
      rateLimit: (hits) => consumeRateLimit(scope, hits),
      query,
      body,
    })
    if (route.tenancy === 'entity' && !authorized) throw new Error(`${route.path} answered without authorising the caller`)
    // Our own output must match the contract; a mismatch is our bug, surfaced as a 500 in tests.
    return route.response.parse(result)
  }

  if (route.method === 'GET') {
    const output = await run(db)
    return route.render ? route.render(output) : json(successStatus, output)
  }

  try {
    const result = await ((key === null && route.singleStatementWrite) || route.ownTransaction
      ? run(db)
      : db.transaction(async (tx) => {
          collectAuditEntries(tx, entries)
          collectAfterCommit(tx, later)
          if (key) {
            const stored = await storedRecord(tx as unknown as Db, principal, key)
            if (stored) {
              refuseReusedKey(stored, requestHash)
              throw new ReplayStored(stored.status, stored.body)
            }
          }
          const output = await run(tx as unknown as Db)
          if (key) {
            const inserted = await tx
              .insert(idempotencyRecords)
              .values({ principal, key, route: route.path, requestHash, status: successStatus, body: output })
              .onConflictDoNothing()
              .returning({ key: idempotencyRecords.key })
            if (inserted.length === 0) throw new ConcurrentTwin()
          }
          return output
        }))
    sealAfterCommit(db, entries)
    runAfterCommit(later)
    return json(successStatus, result)
  } catch (error) {
    if (error instanceof ReplayStored) return json(error.status, error.body, { 'idempotent-replay': 'true' })
    if (error instanceof ConcurrentTwin && key) {
      const stored = await storedRecord(db, principal, key)
      if (stored) return json(stored.status, stored.body, { 'idempotent-replay': 'true' })
    }
    throw error
  }
}

class ConcurrentTwin extends Error {}

/** The answer stored for this caller's Idempotency-Key, if a request with it already succeeded. */
async function storedRecord(scope: Db, principal: string, key: string) {
  const [stored] = await scope
    .select()
    .from(idempotencyRecords)
    .where(and(eq(idempotencyRecords.principal, principal), eq(idempotencyRecords.key, key)))
  return stored
}

/** A key reused for other content is a client's mistake, never a replay. */
function refuseReusedKey(stored: { requestHash: string }, requestHash: string): void {
  if (stored.requestHash !== requestHash) throw new AppError('conflict', '这个请求编号已用于另一项操作，请刷新后重试')
}

/** The `villageId` of a parsed input, for 'query' and 'body' tenancy; a route without one is our bug. */
function inputVillageId(input: unknown): string {
  const villageId = input && typeof input === 'object' ? (input as { villageId?: unknown }).villageId : undefined
  if (typeof villageId !== 'string') throw new Error('a route with query/body tenancy must take a villageId')
  return villageId
}

/** Turns a route into the Web-standard handler the Vercel Node runtime (and our server) calls. */
export function toWebHandler(route: AnyRoute): (request: Request) => Promise<Response> {
  return async (request) => handleErrors(() => execute(route, request))
}

export async function handleErrors(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof RateLimitedError) return errorResponse(error.code, error.message, undefined, error.retryAfterSeconds)
    if (error instanceof AppError) return errorResponse(error.code, error.message, error.fields)
    if (error instanceof ValidationError) return errorResponse('validation_failed', undefined, fieldErrors(error.zodError))
    // SQLSTATE class 22 (data exception: a date like 2026-02-30, a number out of range, a bad
    // encoding) means the value sent cannot be stored; the client's input, not our failure.
    if (pgCode(error)?.startsWith('22')) {
      console.warn('[api] data exception from input:', error instanceof Error ? error.message : error)
      return errorResponse('validation_failed')
    }
    if (isTransientDbError(error)) {
      console.error('[api] database unavailable:', error instanceof Error ? error.message : error)
      return errorResponse('database_unavailable')
    }
    // Unknown failure: log for us, answer without internals.
    console.error('[api] unhandled error:', error)
    return errorResponse('internal_error')
  }
}
