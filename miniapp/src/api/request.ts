import Taro from '@tarojs/taro'
import { errorBodyLight, type Checked } from './light'
import { apiBase } from '@/lib/env'
import { clearSession, getToken } from '@/lib/session'
import { goToLogin } from '@/lib/routes'
import { ApiError, BAD_RESPONSE_MESSAGE, NETWORK_ERROR_MESSAGE, NETWORK_ERROR_WRITE_MESSAGE } from './api-error'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | undefined

export interface RequestOptions<T> {
  path: `/api/${string}`
  method?: HttpMethod
  query?: Record<string, QueryValue>
  body?: Record<string, unknown>
  /** Shared zod schema of the successful response (classic, or its light form); the result is its parsed output. */
  schema: Checked<T>
  /**
   * Writes carry an Idempotency-Key unless this is false: for a login (its answer is a token that
   * must not be stored server-side) and for writes that are upserts by nature (a ballot).
   */
  idempotencyKey?: boolean
  /**
   * What makes two sends the same write, when the body is too big to keep as its own name (a
   * photo): kept in storage with its key instead of the body. Defaults to the body itself.
   */
  intent?: string
}

const TIMEOUT_MS = 15_000
/** Pauses before the automatic retries of a request whose fate is unknown (no answer, or 503). */
const RETRY_DELAYS_MS = [1_500]
const PENDING_STORAGE_KEY = 'xy.pending-writes'
/** How long an unanswered write keeps its key for a re-send of the same content. */
const PENDING_TTL_MS = 24 * 3600 * 1000

/**
 * Keys of writes whose outcome the phone never learned (a timeout on a weak network, a 503).
 * Sending the same write again — the automatic retry, or the villager tapping the button again,
 * even after reopening the app — reuses the key, so the server replays its first answer instead
 * of doing the work twice. Once an answer arrives the entry goes, and the next identical write
 * is a new one (two equal material issues in a day are two issues).
 */
type PendingWrites = Record<string, { key: string; at: number }>

function readPending(now: number): PendingWrites {
  const stored: unknown = Taro.getStorageSync(PENDING_STORAGE_KEY)
  if (typeof stored !== 'object' || stored === null) return {}
  const live: PendingWrites = {}
  for (const [intent, entry] of Object.entries(stored as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue
    const { key, at } = entry as { key?: unknown; at?: unknown }
    if (typeof key === 'string' && typeof at === 'number' && now - at < PENDING_TTL_MS) live[intent] = { key, at }
  }
  return live
}

function writePending(pending: PendingWrites): void {
  try {
    if (Object.keys(pending).length === 0) Taro.removeStorageSync(PENDING_STORAGE_KEY)
    else Taro.setStorageSync(PENDING_STORAGE_KEY, pending)
  } catch {
    // Storage full or unavailable: the in-flight retries still share their key.
  }
}

function newIdempotencyKey(): string {
  const random = () =>
    Math.floor(Math.random() * 36 ** 8)
      .toString(36)
      .padStart(8, '0')
  return `w${Date.now().toString(36)}${random()}${random()}`
}

function keyFor(intent: string): string {
  const now = Date.now()
  const pending = readPending(now)
  const existing = pending[intent]
  if (existing) return existing.key
  const key = newIdempotencyKey()
  writePending({ ...pending, [intent]: { key, at: now } })
  return key
}

function settle(intent: string): void {
  const pending = readPending(Date.now())
  if (!(intent in pending)) return
  delete pending[intent]
  writePending(pending)
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return `${apiBase}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`
}

/** wx.request hands back a string when the body is not JSON; Taro H5 gives null. */
function readPayload(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data) as unknown
  } catch {
    return undefined
  }
}

function fallbackError(status: number): ApiError {
  if (status === 401) return new ApiError('unauthenticated', '请先登录', status)
  if (status >= 500) return new ApiError('internal_error', '系统出了点问题，请稍后重试', status)
  return new ApiError('bad_response', BAD_RESPONSE_MESSAGE, status)
}

type Answer = Taro.request.SuccessCallbackResult<Record<string, unknown>>

/**
 * The one way the app talks to the API. Resolves with the schema-checked body of a 2xx answer;
 * rejects with an ApiError otherwise. A 401 also ends the session and sends the reader to login.
 * A request that got no answer, or a 503 (the database was briefly away), is sent once more after
 * a pause; a write does so with the same Idempotency-Key, so it takes effect at most once.
 */
export async function request<T>(options: RequestOptions<T>): Promise<T> {
  const method = options.method ?? 'GET'
  const header: Record<string, string> = { Accept: 'application/json' }
  if (options.body !== undefined) header['Content-Type'] = 'application/json'
  const token = getToken()
  if (token !== null) header.Authorization = `Bearer ${token}`
  const isWrite = method !== 'GET'
  // The same person sending the same content to the same route is the same intent.
  const intent =
    isWrite && options.idempotencyKey !== false ? `${token ?? ''}\n${method} ${options.path}\n${options.intent ?? JSON.stringify(options.body ?? null)}` : null
  if (intent !== null) header['Idempotency-Key'] = keyFor(intent)

  let response: Answer | null
  for (let attempt = 0; ; attempt++) {
    try {
      response = await Taro.request<Record<string, unknown>>({
        url: buildUrl(options.path, options.query),
        method,
        header,
        data: options.body,
        dataType: 'json',
        timeout: TIMEOUT_MS,
      })
    } catch {
      response = null
    }
    const fateUnknown = response === null || response.statusCode === 503
    const delay = RETRY_DELAYS_MS[attempt]
    if (!fateUnknown || delay === undefined) break
    await pause(delay)
  }
  // No answer: keep the key, so sending this again cannot do it twice.
  if (response === null) throw new ApiError('network_error', intent === null ? NETWORK_ERROR_MESSAGE : NETWORK_ERROR_WRITE_MESSAGE, 0)
  if (intent !== null && response.statusCode !== 503) settle(intent)

  const status = response.statusCode
  const payload = readPayload(response.data)

  if (status >= 200 && status < 300) {
    const parsed = options.schema.safeParse(payload)
    if (!parsed.success) throw new ApiError('bad_response', BAD_RESPONSE_MESSAGE, status)
    return parsed.data
  }

  if (status === 401) {
    clearSession()
    goToLogin()
  }

  const body = errorBodyLight.safeParse(payload)
  if (!body.success) throw fallbackError(status)
  const { code, message, fields } = body.data.error
  throw new ApiError(code, message, status, fields)
}
