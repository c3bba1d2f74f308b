import Taro from '@tarojs/taro'
import type { z } from '@shared/zod'
import { errorBodySchema } from '@shared/errors'
import { apiBase } from '@/lib/env'
import { clearSession, getToken } from '@/lib/session'
import { goToLogin } from '@/lib/routes'
import { ApiError, BAD_RESPONSE_MESSAGE, NETWORK_ERROR_MESSAGE } from './api-error'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | undefined

export interface RequestOptions<T> {
  path: `/api/${string}`
  method?: HttpMethod
  query?: Record<string, QueryValue>
  body?: Record<string, unknown>
  /** Shared zod schema of the successful response; the result is its parsed output. */
  schema: z.ZodType<T>
}

const TIMEOUT_MS = 15_000

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

/**
 * The one way the app talks to the API. Resolves with the schema-checked body of a 2xx answer;
 * rejects with an ApiError otherwise. A 401 also ends the session and sends the reader to login.
 */
export async function request<T>(options: RequestOptions<T>): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' }
  if (options.body !== undefined) header['Content-Type'] = 'application/json'
  const token = getToken()
  if (token !== null) header.Authorization = `Bearer ${token}`

  let response: Taro.request.SuccessCallbackResult<Record<string, unknown>>
  try {
    response = await Taro.request<Record<string, unknown>>({
      url: buildUrl(options.path, options.query),
      method: options.method ?? 'GET',
      header,
      data: options.body,
      dataType: 'json',
      timeout: TIMEOUT_MS,
    })
  } catch {
    throw new ApiError('network_error', NETWORK_ERROR_MESSAGE, 0)
  }

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

  const body = errorBodySchema.safeParse(payload)
  if (!body.success) throw fallbackError(status)
  const { code, message, fields } = body.data.error
  throw new ApiError(code, message, status, fields)
}
