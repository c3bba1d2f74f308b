import { describe, expect, it } from 'vitest'
import { count } from 'drizzle-orm'
import { invites } from '../../db/schema'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { errorBodySchema } from '../../shared/errors'
import { resetEnv } from '../../functions/lib/env'
import { errorCodeOf, setupApi } from '../harness/api'

const api = await setupApi()
const secretary = await api.someone(api.demo.gaojing, 'secretary')
const villagerId = await api.personId('包巴特尔')

async function inviteCount(): Promise<number> {
  const [row] = await api.db.select({ n: count() }).from(invites)
  return row?.n ?? 0
}

interface BadRequestCase {
  name: string
  method: string
  path: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  status: number
  code: string
}

describe.each<BadRequestCase>([
  { name: 'unknown route', method: 'GET', path: '/api/no-such-thing', status: 404, code: 'route_not_found' },
  { name: 'wrong method', method: 'GET', path: '/api/invites/create', status: 405, code: 'method_not_allowed' },
  { name: 'malformed JSON', method: 'POST', path: '/api/invites/create', rawBody: '{"villageId": ', status: 400, code: 'invalid_json' },
  { name: 'JSON that is not an object', method: 'POST', path: '/api/invites/create', rawBody: '[1,2,3]', status: 400, code: 'validation_failed' },
  { name: 'missing fields', method: 'POST', path: '/api/invites/create', body: {}, status: 400, code: 'validation_failed' },
  { name: 'wrong types', method: 'POST', path: '/api/invites/create', body: { villageId: 42, personId: null }, status: 400, code: 'validation_failed' },
  {
    name: 'not a uuid',
    method: 'POST',
    path: '/api/invites/create',
    body: { villageId: "1' OR '1'='1", personId: villagerId },
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'body over 64 KB',
    method: 'POST',
    path: '/api/invites/create',
    rawBody: JSON.stringify({ pad: 'x'.repeat(70_000) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'form-encoded body',
    method: 'POST',
    path: '/api/invites/create',
    rawBody: 'villageId=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'bad idempotency key',
    method: 'POST',
    path: '/api/invites/create',
    body: { villageId: api.demo.gaojing, personId: villagerId },
    headers: { 'idempotency-key': 'a b' },
    status: 400,
    code: 'validation_failed',
  },
  { name: 'bad query', method: 'GET', path: '/api/villages/overview?villageId=abc', status: 400, code: 'validation_failed' },
])('$name', ({ method, path, body, rawBody, headers, status, code }) => {
  it(`answers ${status} ${code} in Chinese and changes nothing`, async () => {
    const before = await inviteCount()
    const res = await api.call(method, path, {
      token: secretary.token,
      ...(body !== undefined ? { body } : {}),
      ...(rawBody !== undefined ? { rawBody } : {}),
      headers: { 'content-type': 'application/json', ...headers },
    })
    expect(res.status).toBe(status)
    const envelope = errorBodySchema.parse(res.body)
    expect(envelope.error.code).toBe(code)
    expect(envelope.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await inviteCount()).toBe(before)
  })
})

describe('schema failures', () => {
  it('name each bad field', async () => {
    const res = await api.call('POST', '/api/invites/create', { token: secretary.token, body: { villageId: 'x' } })
    const envelope = errorBodySchema.parse(res.body)
    expect(envelope.error.fields?.map((field) => field.path).sort()).toEqual(['personId', 'villageId'])
  })
})

describe('demo login', () => {
  it('refuses an unknown person', async () => {
    const res = await api.call('POST', '/api/auth/demo', { body: { personId: '00000000-0000-4000-8000-000000000000' } })
    expect(res.status).toBe(404)
  })

  it('is refused entirely unless DEMO_LOGIN=1', async () => {
    process.env.DEMO_LOGIN = '0'
    resetEnv()
    try {
      const personId = await api.personId(DEMO_PEOPLE.secretary)
      const login = await api.call('POST', '/api/auth/demo', { body: { personId } })
      expect(login.status).toBe(403)
      expect(errorCodeOf(login)).toBe('demo_login_disabled')
      expect(errorCodeOf(await api.call('GET', '/api/auth/demo-personas'))).toBe('demo_login_disabled')
    } finally {
      process.env.DEMO_LOGIN = '1'
      resetEnv()
    }
  })
})

describe('idempotent retries', () => {
  it('replays the first answer for the same key and writes once, even when sent concurrently', async () => {
    const before = await inviteCount()
    const send = () =>
      api.call('POST', '/api/invites/create', {
        token: secretary.token,
        body: { villageId: api.demo.gaojing, personId: villagerId },
        headers: { 'idempotency-key': 'retry-invite-0001' },
      })
    const answers = await Promise.all(Array.from({ length: 20 }, send))
    const codes = new Set(answers.map((answer) => (answer.body as { code: string }).code))
    expect(answers.every((answer) => answer.status === 201)).toBe(true)
    expect(codes.size).toBe(1)
    expect(await inviteCount()).toBe(before + 1)

    const later = await send()
    expect(later.headers.get('idempotent-replay')).toBe('true')
    expect((later.body as { code: string }).code).toEqual([...codes][0])
  })

  it('refuses a key reused for a different request', async () => {
    const headers = { 'idempotency-key': 'retry-invite-0002' }
    const first = await api.call('POST', '/api/invites/create', {
      token: secretary.token,
      body: { villageId: api.demo.gaojing, personId: villagerId },
      headers,
    })
    expect(first.status).toBe(201)
    const other = await api.personId(DEMO_PEOPLE.deputySecretary)
    const second = await api.call('POST', '/api/invites/create', { token: secretary.token, body: { villageId: api.demo.gaojing, personId: other }, headers })
    expect(second.status).toBe(409)
    expect(errorCodeOf(second)).toBe('conflict')
  })
})
