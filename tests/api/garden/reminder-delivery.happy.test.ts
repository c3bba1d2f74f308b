/**
 * Reminders that arrive: the scheduled run sends each day-before reminder as a WeChat subscription
 * message, spending one consent, against a fake WeChat on loopback. What has no consent, or what
 * WeChat refuses, stays in the app; what WeChat did not answer is sent by the next run, once.
 */
import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { accounts, gardenReminders, wechatSubscriptionCredits } from '../../../db/schema'
import { WechatSubscribeSender } from '../../../functions/lib/wechat-subscribe'
import { createShiftReminders, deliverReminders, runReminderSchedule } from '../../../functions/queries/garden-reminders'
import {
  cronRemindersResponse,
  overviewResponse,
  reminderConsentResponse,
  reminderDateFor,
  reminderReachResponse,
  reminderSubscriptionResponse,
} from '../../../shared/garden'
import { localDateKey, localParts, localToEpochMinutes, parseDateKey, toEpochMinutes } from '../../../shared/time'
import { setupApi } from '../../harness/api'
import { startFakeWechat } from '../../harness/fake-wechat'
import { bookDirect, makeShift, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const wechat = await startFakeWechat()
const CRON_SECRET = 'cron-secret-for-tests-0123456789'
const TEMPLATE = 'tmpl-garden-shift-reminder'
const api = await setupApi({
  DEMO_LOGIN: '1',
  WECHAT_APPID: 'wx-test-app',
  WECHAT_SECRET: 'wx-test-secret',
  WECHAT_API_BASE: wechat.base,
  WECHAT_REMINDER_TEMPLATE_ID: TEMPLATE,
  CRON_SECRET,
})
const villageId = api.demo.caibei
afterAll(async () => {
  await wechat.close()
  for (const key of ['WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_API_BASE', 'WECHAT_REMINDER_TEMPLATE_ID', 'CRON_SECRET']) delete process.env[key]
})
beforeEach(() => wechat.reset())

const openids = new Map<string, string>()
/** The person logged in with WeChat once (an account with an openid). */
async function onWechat(name: string): Promise<string> {
  const personId = await api.personId(name)
  if (!openids.has(personId)) {
    const openid = `openid-${openids.size + 1}`
    await api.db.insert(accounts).values({ personId, wechatOpenid: openid })
    openids.set(personId, openid)
  }
  return openids.get(personId) ?? ''
}
async function setCredits(name: string, credits: number): Promise<void> {
  const personId = await api.personId(name)
  await api.db
    .insert(wechatSubscriptionCredits)
    .values({ personId, templateId: TEMPLATE, credits })
    .onConflictDoUpdate({ target: [wechatSubscriptionCredits.personId, wechatSubscriptionCredits.templateId], set: { credits } })
}
async function creditsOf(name: string): Promise<number> {
  const [row] = await api.db
    .select()
    .from(wechatSubscriptionCredits)
    .where(and(eq(wechatSubscriptionCredits.personId, await api.personId(name)), eq(wechatSubscriptionCredits.templateId, TEMPLATE)))
  return row?.credits ?? 0
}
const remindersOf = (shiftId: string) => api.db.select().from(gardenReminders).where(eq(gardenReminders.shiftId, shiftId))
const cron = () => api.call('GET', '/api/cron/reminders', { headers: { authorization: `Bearer ${CRON_SECRET}` } })
/** Tomorrow, `hour` hours after now: inside the run's "tomorrow" whatever the hour the suite runs. */
/**
 * A shift on the date the run reminds for (tomorrow in Beijing), at 08:00 + extraMin: "24 h from
 * now" would fall on the day after tomorrow late in a Beijing afternoon, and go unreminded.
 */
const tomorrow = (extraMin: number, title: string, capacity = 2) => {
  const nowMin = toEpochMinutes(new Date())
  const { year, month, day } = parseDateKey(reminderDateFor(nowMin))
  return makeShift(api, { startInMin: localToEpochMinutes(year, month, day, 8 * 60 + extraMin) - nowMin, title, capacity })
}

describe('sign up with consent → scheduled run → one WeChat message', () => {
  it('delivers exactly one message with the shift in Chinese and the time on the Beijing clock', async () => {
    const openid = await onWechat(VOLUNTEER)
    const shift = await tomorrow(5, '浇水（早班）')
    const token = await api.tokenFor(VOLUNTEER)
    // The mini-program reads which template to ask for, asks from the sign-up tap, signs up, reports.
    const subscription = reminderSubscriptionResponse.parse((await api.call('GET', '/api/garden/reminders/subscription', { token, query: { villageId } })).body)
    expect(subscription).toMatchObject({ templateId: TEMPLATE, wechat: true, credits: 0 })
    expect((await api.call('POST', '/api/garden/shifts/sign-up', { token, body: { villageId, shiftId: shift.id } })).status).toBe(201)
    const consent = reminderConsentResponse.parse(
      (await api.call('POST', '/api/garden/reminders/consent', { token, body: { villageId, templateId: TEMPLATE, answer: 'accept' } })).body,
    )
    expect(consent).toEqual({ counted: true, credits: 1 })

    const run = cronRemindersResponse.parse((await cron()).body)
    expect(run.created).toBeGreaterThanOrEqual(1)
    const mine = wechat.sent.filter((m) => m.touser === openid)
    expect(mine).toHaveLength(1)
    const start = localParts(toEpochMinutes(shift.startsAt))
    const hhmm = `${String(Math.floor(start.minuteOfDay / 60)).padStart(2, '0')}:${String(start.minuteOfDay % 60).padStart(2, '0')}`
    expect(mine[0]).toMatchObject({
      template_id: TEMPLATE,
      page: `packages/garden/home/index?villageId=${villageId}`,
      miniprogram_state: 'formal',
      lang: 'zh_CN',
      data: {
        thing1: { value: '浇水（早班）' },
        time2: { value: `${start.year}年${start.month}月${start.day}日 ${hhmm}` },
        thing3: { value: '明天的菜园值班，到了请签到' },
      },
    })
    const [row] = await remindersOf(shift.id)
    expect(row).toMatchObject({ delivery: 'sent', creditHeld: true, attempts: 1 })
    expect(await creditsOf(VOLUNTEER)).toBe(0)

    // The run again (20:30, or a second server): nothing new, nothing sent twice.
    await cron()
    expect(wechat.sent.filter((m) => m.touser === openid)).toHaveLength(1)
    // And the app lists it, marked as sent.
    const overview = overviewResponse.parse((await api.call('GET', '/api/garden/overview', { token, query: { villageId } })).body)
    expect(overview.reminders.find((r) => r.shiftId === shift.id)?.sentAt).not.toBeNull()
  })
})

describe('consents are spent one per message', () => {
  it('one consent, two shifts tomorrow: one message, the other stays in the app, and the steward sees which', async () => {
    const openid = await onWechat(VOLUNTEER_2)
    await setCredits(VOLUNTEER_2, 1)
    const early = await tomorrow(10, '门岗值守')
    const late = await tomorrow(200, '垃圾分类')
    await bookDirect(api, early.id, VOLUNTEER_2)
    await bookDirect(api, late.id, VOLUNTEER_2)
    const steward = await api.tokenFor(STEWARD)
    // Before the run the steward sees: the first shift by WeChat, the second in the app only.
    const before = reminderReachResponse.parse((await api.call('GET', '/api/garden/reminders/reach', { token: steward, query: { villageId } })).body)
    const reachOf = (shiftId: string) => before.places.find((p) => p.shiftId === shiftId)
    expect(reachOf(early.id)).toMatchObject({ outside: true, status: 'will_send' })
    expect(reachOf(late.id)).toMatchObject({ outside: false, status: 'app_only', reason: 'no_consent' })

    await cron()
    expect(wechat.sent.filter((m) => m.touser === openid).map((m) => m.data.thing1?.value)).toEqual(['门岗值守'])
    expect((await remindersOf(early.id))[0]).toMatchObject({ delivery: 'sent' })
    expect((await remindersOf(late.id))[0]).toMatchObject({ delivery: 'app_only', appOnlyReason: 'no_consent', sentAt: null })
    expect(await creditsOf(VOLUNTEER_2)).toBe(0)
    const after = reminderReachResponse.parse((await api.call('GET', '/api/garden/reminders/reach', { token: steward, query: { villageId } })).body)
    expect(after.places.find((p) => p.shiftId === early.id)).toMatchObject({ outside: true, status: 'sent' })
    expect(after.places.find((p) => p.shiftId === late.id)).toMatchObject({ outside: false, reason: 'no_consent' })
  })

  it('someone who never logged in with WeChat is listed as app-only, and their reminder stays in the app', async () => {
    const shift = await tomorrow(20, '周末大扫除')
    const signup = await bookDirect(api, shift.id, VOLUNTEER_3)
    const reach = reminderReachResponse.parse(
      (await api.call('GET', '/api/garden/reminders/reach', { token: await api.tokenFor(STEWARD), query: { villageId } })).body,
    )
    expect(reach.places.find((p) => p.signupId === signup.id)).toMatchObject({ outside: false, reason: 'no_wechat' })
    await cron()
    expect((await remindersOf(shift.id))[0]).toMatchObject({ delivery: 'app_only', appOnlyReason: 'no_wechat' })
    const overview = overviewResponse.parse(
      (await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER_3), query: { villageId } })).body,
    )
    expect(overview.reminders.find((r) => r.shiftId === shift.id)).toMatchObject({ kind: 'shift', sentAt: null })
  })
})

describe("WeChat's answers", () => {
  it('43101 (no consent left at WeChat): not delivered, kept in the app, our count set to zero', async () => {
    const openid = await onWechat(VOLUNTEER)
    await setCredits(VOLUNTEER, 3)
    const shift = await tomorrow(30, '除草')
    await bookDirect(api, shift.id, VOLUNTEER)
    wechat.script.push({ errcode: 43101, errmsg: 'user refuse to accept the msg' })
    await cron()
    expect(wechat.sent.filter((m) => m.touser === openid)).toEqual([])
    expect((await remindersOf(shift.id))[0]).toMatchObject({ delivery: 'app_only', appOnlyReason: 'refused', sentAt: null })
    expect(await creditsOf(VOLUNTEER)).toBe(0)
    const overview = overviewResponse.parse(
      (await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body,
    )
    expect(overview.reminders.map((r) => r.shiftId)).toContain(shift.id)
  })

  it('40001 (token no longer valid): renews the token once and sends', async () => {
    const openid = await onWechat(VOLUNTEER_2)
    await setCredits(VOLUNTEER_2, 1)
    const shift = await tomorrow(40, '浇水（晚班）')
    await bookDirect(api, shift.id, VOLUNTEER_2)
    await cron() // warms the instance's token
    wechat.reset()
    const second = await tomorrow(300, '浇水（夜班）')
    await bookDirect(api, second.id, VOLUNTEER_2)
    await setCredits(VOLUNTEER_2, 1)
    wechat.invalidateTokens()
    await cron()
    expect(wechat.sent.filter((m) => m.touser === openid).map((m) => m.data.thing1?.value)).toEqual(['浇水（夜班）'])
    expect(wechat.tokenRequests.map((t) => t.force_refresh)).toEqual([true])
    expect((await remindersOf(second.id))[0]).toMatchObject({ delivery: 'sent', attempts: 1 })
  })

  it('a dropped connection: kept pending with its consent held, sent by the next run, once', async () => {
    const openid = await onWechat(VOLUNTEER_3)
    await setCredits(VOLUNTEER_3, 2)
    const shift = await tomorrow(50, '收菜')
    await bookDirect(api, shift.id, VOLUNTEER_3)
    wechat.script.push('drop')
    const first = cronRemindersResponse.parse((await cron()).body)
    expect(first.failed).toBe(1)
    expect(wechat.sent.filter((m) => m.touser === openid)).toEqual([])
    expect((await remindersOf(shift.id))[0]).toMatchObject({ delivery: 'pending', creditHeld: true, attempts: 1, sentAt: null })
    expect(await creditsOf(VOLUNTEER_3)).toBe(1)

    await cron()
    expect(wechat.sent.filter((m) => m.touser === openid)).toHaveLength(1)
    expect((await remindersOf(shift.id))[0]).toMatchObject({ delivery: 'sent', attempts: 2 })
    // The retry spent the consent it held, not a second one.
    expect(await creditsOf(VOLUNTEER_3)).toBe(1)
  })

  it('45009 (daily quota spent): the run stops, the rest waits for the next run', async () => {
    await onWechat(VOLUNTEER)
    await setCredits(VOLUNTEER, 2)
    const a = await tomorrow(60, '翻土')
    const b = await tomorrow(400, '施肥')
    await bookDirect(api, a.id, VOLUNTEER)
    await bookDirect(api, b.id, VOLUNTEER)
    wechat.script.push({ errcode: 45009, errmsg: 'reach max api daily quota limit' })
    const counts = await deliverReminders(api.db, { villageId, reminderIds: await idsOf([a, b]) })
    expect(counts).toEqual({ sent: 0, appOnly: 0, failed: 1 })
    expect((await remindersOf(a.id))[0]).toMatchObject({ delivery: 'pending', attempts: 1 })
    expect((await remindersOf(b.id))[0]).toMatchObject({ delivery: 'pending', attempts: 0 })
    await deliverReminders(api.db, { villageId, reminderIds: await idsOf([a, b]) })
    expect(wechat.sent.map((m) => m.data.thing1?.value)).toEqual(['翻土', '施肥'])
  })
})

/** The day-before reminders of these shifts, made as the run makes them. */
async function idsOf(shifts: { id: string; startsAt: Date }[]): Promise<string[]> {
  for (const shift of shifts) await createShiftReminders(api.db, villageId, localDateKey(toEpochMinutes(shift.startsAt)), null)
  return (
    await api.db
      .select({ id: gardenReminders.id })
      .from(gardenReminders)
      .where(
        inArray(
          gardenReminders.shiftId,
          shifts.map((s) => s.id),
        ),
      )
  ).map((r) => r.id)
}

describe('two runs at once', () => {
  it('send each reminder once', async () => {
    const people = [VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3]
    const shifts = []
    for (const [i, name] of people.entries()) {
      await onWechat(name)
      await setCredits(name, 5)
      const shift = await tomorrow(500 + i * 70, `并发测试${i + 1}`, 1)
      await bookDirect(api, shift.id, name)
      shifts.push(shift)
    }
    // Vercel's cron twice (a retried invocation) and two local servers' timers, all at once.
    const [first, second] = await Promise.all([cron(), cron(), runReminderSchedule(api.db), runReminderSchedule(api.db)])
    expect([first.status, second.status]).toEqual([200, 200])
    const sentTitles = wechat.sent.map((m) => m.data.thing1?.value).filter((t) => t?.startsWith('并发测试'))
    expect(sentTitles.sort()).toEqual(['并发测试1', '并发测试2', '并发测试3'])
    for (const [i, name] of people.entries()) {
      expect((await remindersOf(shifts[i]?.id ?? ''))[0]).toMatchObject({ delivery: 'sent', attempts: 1 })
      expect(await creditsOf(name)).toBe(4)
    }
  })
})

describe('a steward gives a place to someone else', () => {
  it('the volunteer who lost it gets a reminder in the app and a WeChat message with the reason', async () => {
    const openid = await onWechat(VOLUNTEER)
    await setCredits(VOLUNTEER, 1)
    const shift = await makeShift(api, { startInMin: 3 * 24 * 60, title: '门岗值守（周六）' })
    const signup = await bookDirect(api, shift.id, VOLUNTEER)
    const res = await api.call('POST', '/api/garden/swaps/reassign', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER_2), reason: '张海涛那天要去医院复查' },
    })
    expect(res.status).toBe(200)
    const rows = await remindersOf(shift.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ kind: 'reassigned', personId: await api.personId(VOLUNTEER), delivery: 'sent', reason: '张海涛那天要去医院复查' })
    const message = wechat.sent.find((m) => m.touser === openid)
    expect(message?.data.thing1?.value).toBe('门岗值守（周六）')
    expect(message?.data.thing3?.value).toBe('已改派：张海涛那天要去医院复查')
    const overview = overviewResponse.parse(
      (await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body,
    )
    expect(overview.reminders.find((r) => r.shiftId === shift.id)).toMatchObject({ kind: 'reassigned' })
    expect(overview.reminders.find((r) => r.shiftId === shift.id)?.body).toContain('张海涛那天要去医院复查')
    expect(overview.released).toContainEqual(expect.objectContaining({ shiftId: shift.id, via: 'reassigned', reason: '张海涛那天要去医院复查' }))
    // The new holder does not see the notice meant for the one who lost the place.
    const theirs = overviewResponse.parse(
      (await api.call('GET', '/api/garden/overview', { token: await api.tokenFor(VOLUNTEER_2), query: { villageId } })).body,
    )
    expect(theirs.reminders.map((r) => r.shiftId)).not.toContain(shift.id)
  })
})

describe('the sender on its own', () => {
  const app = () => ({ base: wechat.base, appid: 'wx-unit', secret: 'unit-secret' })
  const message = { openid: 'openid-unit', templateId: TEMPLATE, page: 'packages/garden/home/index', data: { thing1: '浇水' }, state: 'formal' as const }

  it('caches the token across sends and renews it when it expires', async () => {
    let now = Date.now()
    const sender = new WechatSubscribeSender(app(), () => now)
    expect(await sender.send(message)).toEqual({ kind: 'sent' })
    expect(await sender.send(message)).toEqual({ kind: 'sent' })
    expect(sender.tokens.fetches).toBe(1)
    now += 7200 * 1000
    expect(await sender.send(message)).toEqual({ kind: 'sent' })
    expect(sender.tokens.fetches).toBe(2)
    expect(wechat.sent).toHaveLength(3)
  })

  it('concurrent sends share one token request', async () => {
    const sender = new WechatSubscribeSender(app())
    await Promise.all([sender.send(message), sender.send(message), sender.send(message)])
    expect(sender.tokens.fetches).toBe(1)
  })

  it('renews the token once on 40001, and leaves a token refused twice for the next run', async () => {
    const sender = new WechatSubscribeSender(app())
    wechat.script.push({ errcode: 40001 })
    expect(await sender.send(message)).toEqual({ kind: 'sent' })
    expect(wechat.tokenRequests.map((t) => t.force_refresh)).toEqual([false, true])
    wechat.script.push({ errcode: 40001 }, { errcode: 42001 })
    expect(await sender.send(message)).toMatchObject({ kind: 'retry', stopRun: true })
    expect(wechat.tokenRequests.map((t) => t.force_refresh)).toEqual([false, true, true])
    expect(wechat.sent).toHaveLength(1)
  })

  it('an unreachable WeChat is a retry, never an exception', async () => {
    const sender = new WechatSubscribeSender({ base: 'http://127.0.0.1:9', appid: 'x', secret: 'y' })
    expect(await sender.send(message)).toMatchObject({ kind: 'retry', stopRun: true })
  })
})
