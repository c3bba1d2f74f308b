/**
 * Safe defaults: invite codes could be guessed at 412 a second, every guess answered. Guessable
 * inputs are now counted in Postgres (so every serverless instance sees the same numbers) per
 * WeChat account, per address and per village, and answered 429 with a Chinese message and
 * Retry-After past the limit. A refused guess still counts: it is counted before the login's
 * transaction, which the refusal rolls back.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { count, like, sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { accounts, invites, rateLimits } from '../../../db/schema'
import { RATE_RULES } from '../../../functions/lib/rate-limit'
import { errorBodySchema } from '../../../shared/errors'
import { errorCodeOf, setupApi, type CallResult } from '../../harness/api'

/** Stands in for jscode2session: the code `c-<openid>-<n>` belongs to `<openid>`. */
const fakeWechat: Server = createServer((request, response) => {
  const code = new URL(request.url ?? '/', 'http://fake').searchParams.get('js_code') ?? ''
  const openid = /^c-(.+)-\d+$/.exec(code)?.[1]
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end(JSON.stringify(openid ? { openid, session_key: 'k' } : { errcode: 40029 }))
})
await new Promise<void>((resolve) => fakeWechat.listen(0, '127.0.0.1', resolve))
afterAll(() => new Promise<void>((resolve) => fakeWechat.close(() => resolve())))

const api = await setupApi({
  DEMO_LOGIN: '0',
  WECHAT_APPID: 'wx-test-app',
  WECHAT_SECRET: 'test-secret',
  WECHAT_API_BASE: `http://127.0.0.1:${(fakeWechat.address() as AddressInfo).port}`,
})
let codes = 0
const guess = (openid: string, address: string, inviteCode = 'ZZZZ2222') =>
  api.call('POST', '/api/auth/wechat', { body: { code: `c-${openid}-${++codes}`, inviteCode }, headers: { 'x-real-ip': address } })

function expectLimited(res: CallResult, maxWait: number): void {
  expect(res.status).toBe(429)
  const body = errorBodySchema.parse(res.body)
  expect(body.error.code).toBe('rate_limited')
  expect(body.error.message).toMatch(/^尝试次数太多了，请\d+ (秒|分钟|小时)后再试$/)
  const wait = Number(res.headers.get('retry-after'))
  expect(Number.isInteger(wait)).toBe(true)
  expect(wait).toBeGreaterThan(0)
  expect(wait).toBeLessThanOrEqual(maxWait)
}

describe('invite redemption', () => {
  it('one WeChat account gets its limit of wrong guesses, then 429 — the refused guesses were counted', async () => {
    const limit = RATE_RULES.inviteRedeemPerOpenid.limit
    for (let i = 0; i < limit; i++) {
      const res = await guess('guesser-a', '203.0.113.1')
      expect(errorCodeOf(res)).toBe('invite_invalid')
    }
    const [before] = await api.db.select({ n: count() }).from(accounts)
    expectLimited(await guess('guesser-a', '203.0.113.1'), RATE_RULES.inviteRedeemPerOpenid.windowSeconds)
    // Even a right code is not tried once the account is over its limit.
    const real = await api.call('POST', '/api/invites/create', {
      token: (await api.someone(api.demo.gaojing, 'secretary')).token,
      body: { villageId: api.demo.gaojing, personId: await api.personId('朝鲁') },
    })
    const code = (real.body as { code: string }).code
    expectLimited(await guess('guesser-a', '203.0.113.2', code), RATE_RULES.inviteRedeemPerOpenid.windowSeconds)
    const [after] = await api.db.select({ n: count() }).from(accounts)
    expect(after?.n).toBe(before?.n)
    // Another account is not held up by the first one's guesses.
    expect(errorCodeOf(await guess('guesser-b', '203.0.113.3'))).toBe('invite_invalid')
  })

  it('one address gets its limit of guesses across many WeChat accounts, then 429', async () => {
    const limit = RATE_RULES.inviteRedeemPerAddress.limit
    for (let i = 0; i < limit; i++) expect(errorCodeOf(await guess(`many-${i}`, '198.51.100.7'))).toBe('invite_invalid')
    expectLimited(await guess('many-fresh', '198.51.100.7'), RATE_RULES.inviteRedeemPerAddress.windowSeconds)
    // Plain logins (no invite) from that address are counted apart, with a wider limit.
    expect(
      errorCodeOf(await api.call('POST', '/api/auth/wechat', { body: { code: `c-many-plain-${++codes}` }, headers: { 'x-real-ip': '198.51.100.7' } })),
    ).toBe('account_not_bound')
  })

  it('guesses sent at once are all counted', async () => {
    const limit = RATE_RULES.inviteRedeemPerOpenid.limit
    const answers = await Promise.all(Array.from({ length: limit + 5 }, () => guess('burst', '192.0.2.9')))
    // Each attempt is counted by one atomic statement before the login's transaction: exactly the
    // limit gets through, however the requests interleave.
    expect(answers.filter((res) => res.status === 400).length).toBe(limit)
    expect(answers.filter((res) => res.status === 429).length).toBe(5)
    const [row] = await api.db
      .select({ hits: rateLimits.hits })
      .from(rateLimits)
      .where(like(rateLimits.bucket, `${RATE_RULES.inviteRedeemPerOpenid.name}:%`))
      .orderBy(sql`${rateLimits.hits} desc`)
      .limit(1)
    expect(row?.hits).toBe(limit + 5)
    expectLimited(await guess('burst', '192.0.2.9'), RATE_RULES.inviteRedeemPerOpenid.windowSeconds)
  })

  it('a window that has passed starts again', async () => {
    await api.db
      .update(rateLimits)
      .set({ windowStartedAt: sql`now() - interval '2 hours'` })
      .where(like(rateLimits.bucket, `${RATE_RULES.inviteRedeemPerOpenid.name}:%`))
    await api.db
      .update(rateLimits)
      .set({ windowStartedAt: sql`now() - interval '2 hours'` })
      .where(like(rateLimits.bucket, `${RATE_RULES.inviteRedeemPerAddress.name}:%`))
    expect(errorCodeOf(await guess('guesser-a', '203.0.113.1'))).toBe('invite_invalid')
  })

  it('stores no openid or address in the clear', async () => {
    const buckets = (await api.db.select({ bucket: rateLimits.bucket }).from(rateLimits)).map((row) => row.bucket).join(' ')
    expect(buckets).not.toMatch(/guesser|203\.0\.113|198\.51/)
  })
})

describe('invite creation', () => {
  it('a village mints at most its daily number of invites, then 429', async () => {
    const secretary = await api.someone(api.demo.caibei, 'secretary')
    const personId = await api.personId('孙明')
    const [already] = await api.db.select({ n: count() }).from(invites)
    for (let i = 0; i < RATE_RULES.inviteCreatePerVillage.limit; i++) {
      const res = await api.call('POST', '/api/invites/create', { token: secretary.token, body: { villageId: api.demo.caibei, personId } })
      expect(res.status).toBe(201)
    }
    const over = await api.call('POST', '/api/invites/create', { token: secretary.token, body: { villageId: api.demo.caibei, personId } })
    expectLimited(over, RATE_RULES.inviteCreatePerVillage.windowSeconds)
    const [after] = await api.db.select({ n: count() }).from(invites)
    expect(after?.n).toBe((already?.n ?? 0) + RATE_RULES.inviteCreatePerVillage.limit)
    // Another village is not affected.
    const other = await api.someone(api.demo.gaojing, 'secretary')
    const res = await api.call('POST', '/api/invites/create', {
      token: other.token,
      body: { villageId: api.demo.gaojing, personId: await api.personId('朝鲁') },
    })
    expect(res.status).toBe(201)
  }, 60_000)
})
