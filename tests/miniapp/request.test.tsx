import { afterEach, describe, expect, it, vi } from 'vitest'
import { meSchema } from '@shared/auth'
import { request } from '@/api/request'
import { ApiError, refusalLine } from '@/api/api-error'
import { fail, me, ok, type RequestCall } from './fixtures'
import Taro from './taro-mock'

const requestMock = Taro.request

function lastCall(): RequestCall {
  const call = requestMock.mock.calls.at(-1)
  if (call === undefined) throw new Error('Taro.request was not called')
  return call[0] as RequestCall
}

async function captureError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  throw new Error('expected the request to fail')
}

describe('request: successful answers', () => {
  it('returns the body parsed by the caller’s schema, dropping unknown fields', async () => {
    requestMock.mockResolvedValueOnce(ok({ ...me, extra: 'ignored' }))
    const result = await request({ path: '/api/me', schema: meSchema })
    expect(result).toEqual(me)
    expect(result).not.toHaveProperty('extra')
    expect(result.person.name).toBe('包书记')
  })

  it('sends the stored token as a bearer header and encodes the query', async () => {
    Taro.setStorageSync('xy.session.token', 'tok-1')
    requestMock.mockResolvedValueOnce(ok(me))
    await request({ path: '/api/me', query: { villageId: 'a b', skip: undefined }, schema: meSchema })
    const call = lastCall()
    expect(call.url).toBe('/api/me?villageId=a%20b')
    expect(call.method).toBe('GET')
    expect(call.header?.Authorization).toBe('Bearer tok-1')
  })

  it('sends no Authorization header without a session', async () => {
    requestMock.mockResolvedValueOnce(ok(me))
    await request({ path: '/api/me', schema: meSchema })
    expect(lastCall().header).not.toHaveProperty('Authorization')
  })

  it('posts the body as JSON', async () => {
    requestMock.mockResolvedValueOnce(ok(me))
    await request({ path: '/api/auth/demo', method: 'POST', body: { personId: 'p1' }, schema: meSchema })
    const call = lastCall()
    expect(call.method).toBe('POST')
    expect(call.data).toEqual({ personId: 'p1' })
    expect(call.header?.['Content-Type']).toBe('application/json')
  })

  it('parses a JSON body that arrives as a string (wx.request with a wrong content type)', async () => {
    requestMock.mockResolvedValueOnce(ok(JSON.stringify(me)))
    await expect(request({ path: '/api/me', schema: meSchema })).resolves.toEqual(me)
  })

  it('rejects a 200 whose body does not match the schema', async () => {
    requestMock.mockResolvedValueOnce(ok({ person: { name: 1 } }))
    const error = await captureError(request({ path: '/api/me', schema: meSchema }))
    expect(error.code).toBe('bad_response')
    expect(error.status).toBe(200)
  })
})

describe.each([
  { status: 400, code: 'validation_failed', message: '填写的内容有误，请检查后再提交' },
  { status: 403, code: 'account_not_bound', message: '您的微信还未绑定村民身份，请向村书记索取邀请码' },
  { status: 403, code: 'demo_login_disabled', message: '演示登录未开启' },
  { status: 404, code: 'not_found', message: '找不到这个村' },
  { status: 503, code: 'database_unavailable', message: '系统繁忙，请稍后重试' },
])('request: error answer $status $code', ({ status, code, message }) => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('throws an ApiError carrying the server’s code, Chinese message and status', async () => {
    vi.useFakeTimers()
    Taro.setStorageSync('xy.session.token', 'tok-1')
    // A 503 is asked again once; every other answer is final.
    requestMock.mockResolvedValue(fail(status, code, message))
    const pending = captureError(request({ path: '/api/me', schema: meSchema }))
    await vi.advanceTimersByTimeAsync(2_000)
    const error = await pending
    expect(requestMock).toHaveBeenCalledTimes(status === 503 ? 2 : 1)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe(code)
    expect(error.message).toBe(message)
    expect(error.status).toBe(status)
    expect(Taro.getStorageSync('xy.session.token')).toBe('tok-1')
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })
})

describe('request: failures without a usable answer', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('turns a failed connection into network_error with a Chinese message, after one more try', async () => {
    vi.useFakeTimers()
    requestMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const pending = captureError(request({ path: '/api/me', schema: meSchema }))
    await vi.advanceTimersByTimeAsync(2_000)
    const error = await pending
    expect(requestMock).toHaveBeenCalledTimes(2)
    expect(error.code).toBe('network_error')
    expect(error.message).toBe('网络不好，请稍后重试')
    expect(error.status).toBe(0)
  })

  it('maps a 502 with an HTML body to internal_error', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 502, data: '<html>Bad Gateway</html>', header: {}, errMsg: 'request:ok' })
    const error = await captureError(request({ path: '/api/me', schema: meSchema }))
    expect(error.code).toBe('internal_error')
    expect(error.status).toBe(502)
  })
})

describe('request: 401', () => {
  it('ends the session and sends the reader to login', async () => {
    Taro.setStorageSync('xy.session.token', 'expired-token')
    Taro.setStorageSync('xy.session.expiresAt', '2999-01-01T00:00:00.000Z')
    requestMock.mockResolvedValueOnce(fail(401, 'session_expired', '登录已过期，请重新登录'))
    const error = await captureError(request({ path: '/api/me', schema: meSchema }))
    expect(error.code).toBe('session_expired')
    expect(error.message).toBe('登录已过期，请重新登录')
    expect(Taro.getStorageSync('xy.session.token')).toBe('')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  it('does not reload the login page when the reader is already on it', async () => {
    Taro.getCurrentPages.mockReturnValue([{ route: 'pages/login/index' }])
    requestMock.mockResolvedValueOnce(fail(401, 'unauthenticated', '请先登录'))
    await captureError(request({ path: '/api/me', schema: meSchema }))
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })
})

const vote = { motionId: 'm1', choice: 'for' }
const issue = { workshopId: 'w1', orderId: 'o1', workerId: 'k1', grams: 500, movedOn: '2026-11-26' }
const post = (body: Record<string, unknown>, idempotencyKey?: boolean) =>
  request({ path: '/api/piecework/materials/move', method: 'POST', body, schema: meSchema, idempotencyKey })
const keyOf = (index: number): string | undefined => (requestMock.mock.calls[index]?.[0] as RequestCall | undefined)?.header?.['Idempotency-Key']

describe('request: a write on a weak network takes effect at most once', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sends every write with an Idempotency-Key the server accepts, and reads without one', async () => {
    requestMock.mockResolvedValue(ok(me))
    await post(issue)
    await request({ path: '/api/me', schema: meSchema })
    expect(keyOf(0)).toMatch(/^[A-Za-z0-9_-]{8,100}$/)
    expect(keyOf(1)).toBeUndefined()
  })

  it('retries an unanswered write once, with the same key, and returns the answer', async () => {
    vi.useFakeTimers()
    requestMock.mockRejectedValueOnce(new Error('request:fail timeout')).mockResolvedValueOnce(ok(me))
    const pending = post(issue)
    await vi.advanceTimersByTimeAsync(2_000)
    await expect(pending).resolves.toEqual(me)
    expect(requestMock).toHaveBeenCalledTimes(2)
    expect(keyOf(1)).toBe(keyOf(0))
  })

  it('retries a 503 with the same key', async () => {
    vi.useFakeTimers()
    requestMock.mockResolvedValueOnce(fail(503, 'database_unavailable', '系统繁忙，请稍后重试')).mockResolvedValueOnce(ok(me))
    const pending = post(issue)
    await vi.advanceTimersByTimeAsync(2_000)
    await expect(pending).resolves.toEqual(me)
    expect(keyOf(1)).toBe(keyOf(0))
  })

  it('keeps the key of a write that never got an answer: tapping again (even after a restart) resends it under that key', async () => {
    vi.useFakeTimers()
    requestMock.mockRejectedValue(new Error('request:fail timeout'))
    const first = captureError(post(issue))
    await vi.advanceTimersByTimeAsync(2_000)
    const error = await first
    expect(error.code).toBe('network_error')
    // The head is told that tapping again is safe.
    expect(error.message).toBe('网络不好，没能确认办好了没有。请再点一次，不会重复记录')
    const sentKey = keyOf(0)
    // What the phone remembers lives in storage, so a reopened app still knows the key.
    expect(sentKey).toBeDefined()
    expect(JSON.stringify(Taro.getStorageSync('xy.pending-writes'))).toContain(String(sentKey))
    requestMock.mockReset()
    requestMock.mockResolvedValue(ok(me))
    await post({ ...issue })
    expect(keyOf(0)).toBe(sentKey)
    // Answered now: nothing left pending.
    expect(Taro.getStorageSync('xy.pending-writes')).toBe('')
  })

  it('gives a new key once an answer came back: a second, equal write is a second write', async () => {
    requestMock.mockResolvedValue(ok(me))
    await post(issue)
    await post(issue)
    expect(keyOf(0)).toBeDefined()
    expect(keyOf(1)).not.toBe(keyOf(0))
  })

  it('treats a refusal as an answer: the next try is a new write', async () => {
    requestMock.mockResolvedValueOnce(fail(409, 'piecework_period_closed', '这个工资周期已经结账')).mockResolvedValueOnce(ok(me))
    await captureError(post(issue))
    await post(issue)
    expect(keyOf(1)).not.toBe(keyOf(0))
  })

  it('gives different content, or another person, a different key', async () => {
    vi.useFakeTimers()
    requestMock.mockRejectedValue(new Error('request:fail timeout'))
    const a = captureError(post(issue))
    await vi.advanceTimersByTimeAsync(2_000)
    await a
    const b = captureError(post({ ...issue, grams: 600 }))
    await vi.advanceTimersByTimeAsync(2_000)
    await b
    Taro.setStorageSync('xy.session.token', 'someone-else')
    const c = captureError(post(issue))
    await vi.advanceTimersByTimeAsync(2_000)
    await c
    const keys = [0, 2, 4].map(keyOf)
    expect(new Set(keys).size).toBe(3)
  })

  it('sends no key when the caller says the write needs none (login, a ballot)', async () => {
    requestMock.mockResolvedValue(ok(me))
    await post(vote, false)
    expect(lastCall().header).not.toHaveProperty('Idempotency-Key')
  })
})

describe('a refusal in one line', () => {
  it('names the first field the server found wrong, else says the refusal itself', () => {
    const fields = [
      { path: 'quantity', message: '数量必须是正整数' },
      { path: 'dueOn', message: '没有这一天' },
    ]
    expect(refusalLine(new ApiError('validation_failed', '填写的内容有误，请检查后再提交', 400, fields))).toBe('数量必须是正整数')
    expect(refusalLine(new ApiError('piecework_period_closed', '这一天所在的工资周期已结账', 409))).toBe('这一天所在的工资周期已结账')
  })
})
