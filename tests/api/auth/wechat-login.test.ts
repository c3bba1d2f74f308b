import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { count, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { accounts } from '../../../db/schema'
import { sessionResponse } from '../../../shared/auth'
import { errorCodeOf, setupApi } from '../../harness/api'

/** Stands in for api.weixin.qq.com on loopback: each code maps to one canned reply. */
const replies: Record<string, { status: number; body: string }> = {
  'code-alice-1': { status: 200, body: JSON.stringify({ openid: 'openid-alice', session_key: 'k' }) },
  'code-alice-2': { status: 200, body: JSON.stringify({ openid: 'openid-alice', session_key: 'k' }) },
  'code-bob': { status: 200, body: JSON.stringify({ openid: 'openid-bob', session_key: 'k' }) },
  'code-carol': { status: 200, body: JSON.stringify({ openid: 'openid-carol', session_key: 'k' }) },
  'code-used': { status: 200, body: JSON.stringify({ errcode: 40163, errmsg: 'code been used' }) },
  'code-broken': { status: 502, body: '<html>bad gateway</html>' },
}
const seenQueries: URLSearchParams[] = []
const fakeWechat: Server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://fake')
  seenQueries.push(url.searchParams)
  const reply = url.pathname === '/sns/jscode2session' ? replies[url.searchParams.get('js_code') ?? ''] : undefined
  response.writeHead(reply?.status ?? 404, { 'content-type': 'application/json' })
  response.end(reply?.body ?? '{"errcode":40029,"errmsg":"invalid code"}')
})
await new Promise<void>((resolve) => fakeWechat.listen(0, '127.0.0.1', resolve))
afterAll(() => new Promise<void>((resolve) => fakeWechat.close(() => resolve())))

const api = await setupApi({
  DEMO_LOGIN: '0',
  WECHAT_APPID: 'wx-test-app',
  WECHAT_SECRET: 'test-secret',
  WECHAT_API_BASE: `http://127.0.0.1:${(fakeWechat.address() as AddressInfo).port}`,
})
const secretary = await api.someone(api.demo.gaojing, 'secretary')

async function invite(personName: string): Promise<string> {
  const res = await api.call('POST', '/api/invites/create', {
    token: secretary.token,
    body: { villageId: api.demo.gaojing, personId: await api.personId(personName) },
  })
  expect(res.status).toBe(201)
  return (res.body as { code: string }).code
}

describe('POST /api/auth/wechat', () => {
  it('sends the app id, secret and code to jscode2session', async () => {
    await api.call('POST', '/api/auth/wechat', { body: { code: 'code-alice-1' } })
    const query = seenQueries.at(-1)
    expect(query?.get('appid')).toBe('wx-test-app')
    expect(query?.get('secret')).toBe('test-secret')
    expect(query?.get('grant_type')).toBe('authorization_code')
  })

  it('refuses a first-time user without an invite: nobody binds themselves to a village', async () => {
    const res = await api.call('POST', '/api/auth/wechat', { body: { code: 'code-alice-1' } })
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('account_not_bound')
    const [bound] = await api.db.select({ n: count() }).from(accounts)
    expect(bound?.n).toBe(0)
  })

  it('binds with the secretary’s invite, then logs in by WeChat alone', async () => {
    const code = await invite('包巴特尔')
    const first = await api.call('POST', '/api/auth/wechat', { body: { code: 'code-alice-1', inviteCode: code } })
    expect(first.status).toBe(200)
    expect(sessionResponse.parse(first.body).me.person.name).toBe('包巴特尔')

    const again = await api.call('POST', '/api/auth/wechat', { body: { code: 'code-alice-2' } })
    expect(again.status).toBe(200)
    const session = sessionResponse.parse(again.body)
    expect(session.me.memberships[0]?.villageName).toBe('高井嘎查')
    expect((await api.call('GET', '/api/me', { token: session.token })).status).toBe(200)
  })

  it('refuses an invite used twice, and a second WeChat for an already bound person', async () => {
    const code = await invite('朝鲁')
    expect((await api.call('POST', '/api/auth/wechat', { body: { code: 'code-bob', inviteCode: code } })).status).toBe(200)
    const reuse = await api.call('POST', '/api/auth/wechat', { body: { code: 'code-carol', inviteCode: code } })
    expect(errorCodeOf(reuse)).toBe('invite_invalid')

    const secondInvite = await invite('朝鲁')
    const secondPhone = await api.call('POST', '/api/auth/wechat', { body: { code: 'code-carol', inviteCode: secondInvite } })
    expect(secondPhone.status).toBe(409)
    expect(errorCodeOf(secondPhone)).toBe('account_already_bound')
    const rows = await api.db.select().from(accounts).where(eq(accounts.wechatOpenid, 'openid-carol'))
    expect(rows).toHaveLength(0)
  })

  it.each([
    { code: 'code-used', status: 400, error: 'wechat_code_invalid' },
    { code: 'code-unknown', status: 400, error: 'wechat_code_invalid' },
    { code: 'code-broken', status: 502, error: 'wechat_login_failed' },
  ])('maps WeChat’s answer to $code onto $status $error', async ({ code, status, error }) => {
    const res = await api.call('POST', '/api/auth/wechat', { body: { code } })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(error)
  })

  it('refuses a malformed invite code before calling WeChat', async () => {
    const before = seenQueries.length
    const res = await api.call('POST', '/api/auth/wechat', { body: { code: 'code-carol', inviteCode: 'abc' } })
    expect(res.status).toBe(400)
    expect(seenQueries.length).toBe(before)
  })
})
