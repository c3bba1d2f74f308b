/**
 * The scheduler's route answers only Vercel Cron's secret: without it, with a wrong one, or with a
 * villager's login it is a 401 and nothing is made or sent. Production on Vercel does not start
 * without the secret, and vercel.json schedules exactly what `npm start` schedules.
 */
import { readFileSync } from 'node:fs'
import { count, eq } from 'drizzle-orm'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { accounts, auditOutbox, gardenReminders, wechatSubscriptionCredits } from '../../../db/schema'
import { repoRoot } from '../../../db/client'
import { getEnv, resetEnv } from '../../../functions/lib/env'
import { REMINDER_CRON_PATH, REMINDER_SCHEDULES } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { startFakeWechat } from '../../harness/fake-wechat'
import { bookDirect, makeShift, STEWARD, VOLUNTEER, VOLUNTEER_2 } from './fixture'
import { DEMO_PEOPLE } from '../../../db/seed/demo'

const wechat = await startFakeWechat()
const CRON_SECRET = 'the-real-cron-secret-0123456789abcdef'
const TEMPLATE = 'tmpl-security'
const ENV = {
  DEMO_LOGIN: '1',
  WECHAT_APPID: 'wx-sec',
  WECHAT_SECRET: 'wx-sec-secret',
  WECHAT_API_BASE: wechat.base,
  WECHAT_REMINDER_TEMPLATE_ID: TEMPLATE,
  CRON_SECRET,
}
const api = await setupApi(ENV)
const villageId = api.demo.caibei
const saved = { ...process.env }
afterEach(() => {
  for (const key of ['NODE_ENV', 'VERCEL_ENV', 'SESSION_SECRET', 'DATABASE_URL', 'CRON_SECRET']) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
  resetEnv()
})
afterAll(async () => {
  await wechat.close()
  for (const key of Object.keys(ENV)) if (key !== 'DEMO_LOGIN') delete process.env[key]
})

// A reminder-worthy shift tomorrow, booked by someone with WeChat and a consent.
const shift = await makeShift(api, { startInMin: 24 * 60 + 15, title: '安全测试浇水' })
await bookDirect(api, shift.id, VOLUNTEER)
const volunteerId = await api.personId(VOLUNTEER)
await api.db.insert(accounts).values({ personId: volunteerId, wechatOpenid: 'openid-security' })
await api.db.insert(wechatSubscriptionCredits).values({ personId: volunteerId, templateId: TEMPLATE, credits: 1 })

async function snapshot() {
  const [reminders] = await api.db.select({ n: count() }).from(gardenReminders)
  const [outbox] = await api.db.select({ n: count() }).from(auditOutbox)
  const [credits] = await api.db
    .select({ credits: wechatSubscriptionCredits.credits })
    .from(wechatSubscriptionCredits)
    .where(eq(wechatSubscriptionCredits.personId, volunteerId))
  return { reminders: reminders?.n, outbox: outbox?.n, credits: credits?.credits, sent: wechat.sent.length, tokens: wechat.tokenRequests.length }
}

describe('the cron route refuses everything but the scheduler', async () => {
  const steward = await api.tokenFor(STEWARD)
  it.each([
    ['no Authorization header', {}],
    ['a wrong secret', { authorization: 'Bearer the-real-cron-secret-0123456789abcdeX' }],
    ['the secret without "Bearer"', { authorization: CRON_SECRET }],
    ['the secret with a different scheme', { authorization: `Basic ${CRON_SECRET}` }],
    ['a prefix of the secret', { authorization: `Bearer ${CRON_SECRET.slice(0, 10)}` }],
    ['the secret with something after it', { authorization: `Bearer ${CRON_SECRET}0` }],
    ["a steward's login", { authorization: `Bearer ${steward}` }],
  ])('%s → 401, nothing made or sent', async (_name, headers: Record<string, string>) => {
    const before = await snapshot()
    const res = await api.call('GET', REMINDER_CRON_PATH, { headers })
    expect(res.status).toBe(401)
    expect(errorCodeOf(res)).toBe('unauthenticated')
    expect((res.body as { error: { message: string } }).error.message).toBe('只有定时任务可以调用')
    expect(await snapshot()).toEqual(before)
  })

  it('with no CRON_SECRET configured even an empty bearer is refused', async () => {
    delete process.env.CRON_SECRET
    resetEnv()
    const before = await snapshot()
    for (const authorization of ['Bearer ', 'Bearer undefined', 'Bearer']) {
      expect((await api.call('GET', REMINDER_CRON_PATH, { headers: { authorization } })).status).toBe(401)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('a POST is refused too', async () => {
    const res = await api.call('POST', REMINDER_CRON_PATH, { headers: { authorization: `Bearer ${CRON_SECRET}` }, body: {} })
    expect(res.status).toBe(405)
  })

  it('the right secret runs it', async () => {
    const res = await api.call('GET', REMINDER_CRON_PATH, { headers: { authorization: `Bearer ${CRON_SECRET}` } })
    expect(res.status).toBe(200)
    expect(wechat.sent.filter((m) => m.touser === 'openid-security')).toHaveLength(1)
  })
})

describe('who may see and change reminder settings', () => {
  it('only a steward sees who will not be reminded', async () => {
    const res = await api.call('GET', '/api/garden/reminders/reach', { token: await api.tokenFor(VOLUNTEER_2), query: { villageId } })
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('forbidden')
  })

  it('a member of another village cannot report consent here, and nothing is counted', async () => {
    const outsider = await api.tokenFor(DEMO_PEOPLE.secretary)
    const res = await api.call('POST', '/api/garden/reminders/consent', { token: outsider, body: { villageId, templateId: TEMPLATE, answer: 'accept' } })
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('not_member_of_village')
    const rows = await api.db
      .select()
      .from(wechatSubscriptionCredits)
      .where(eq(wechatSubscriptionCredits.personId, await api.personId(DEMO_PEOPLE.secretary)))
    expect(rows).toEqual([])
  })

  it('an answer for a template this server does not send with counts nothing', async () => {
    const token = await api.tokenFor(VOLUNTEER_2)
    const res = await api.call('POST', '/api/garden/reminders/consent', { token, body: { villageId, templateId: 'someone-elses-template', answer: 'accept' } })
    expect(res.body).toEqual({ counted: false, credits: 0 })
    expect(
      await api.db
        .select()
        .from(wechatSubscriptionCredits)
        .where(eq(wechatSubscriptionCredits.personId, await api.personId(VOLUNTEER_2))),
    ).toEqual([])
  })

  it('consents are capped, and "ban" clears them', async () => {
    const token = await api.tokenFor(VOLUNTEER_2)
    let credits = 0
    for (let i = 0; i < 55; i++) {
      const res = await api.call('POST', '/api/garden/reminders/consent', { token, body: { villageId, templateId: TEMPLATE, answer: 'accept' } })
      credits = (res.body as { credits: number }).credits
    }
    expect(credits).toBe(50)
    const banned = await api.call('POST', '/api/garden/reminders/consent', { token, body: { villageId, templateId: TEMPLATE, answer: 'ban' } })
    expect(banned.body).toEqual({ counted: false, credits: 0 })
  })
})

describe('configuration', () => {
  const PRODUCTION = {
    SESSION_SECRET: 'a-real-production-secret-of-enough-length-0123456789',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/none',
    DEMO_LOGIN: '0',
  }
  const configure = (env: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    resetEnv()
  }

  it('production on Vercel refuses to start without CRON_SECRET (its crons would all be refused)', () => {
    configure({ ...PRODUCTION, VERCEL_ENV: 'production', CRON_SECRET: undefined })
    expect(() => getEnv()).toThrow(/CRON_SECRET/)
    configure({ ...PRODUCTION, VERCEL_ENV: 'production', CRON_SECRET: 'short' })
    expect(() => getEnv()).toThrow()
    configure({ ...PRODUCTION, VERCEL_ENV: 'production', CRON_SECRET })
    expect(getEnv().CRON_SECRET).toBe(CRON_SECRET)
  })

  it('vercel.json schedules the route with exactly the schedules npm start runs', () => {
    const vercel = JSON.parse(readFileSync(`${repoRoot}/vercel.json`, 'utf8')) as { crons?: { path: string; schedule: string }[] }
    expect(vercel.crons).toEqual(REMINDER_SCHEDULES.map((schedule) => ({ path: REMINDER_CRON_PATH, schedule })))
  })
})
