import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { setReminderSender, type ReminderMessage } from '../../../functions/queries/garden-reminders'
import { accounts, gardenReminders, wechatSubscriptionCredits } from '../../../db/schema'
import { remindersResponse, runRemindersResponse } from '../../../shared/garden'
import { localDateKey, toEpochMinutes } from '../../../shared/time'
import { errorCodeOf, setupApi } from '../../harness/api'
import { bookDirect, makeShift, STEWARD, VOLUNTEER, VOLUNTEER_2 } from './fixture'

const api = await setupApi()
const rowsTitle = (rows: { title: string }[]) => rows.every((r) => r.title.startsWith('明天'))
const villageId = api.demo.caibei

afterEach(() => setReminderSender(null))

describe('reminders for tomorrow’s shifts', () => {
  it('creates one per booked person, hands each to the sender once, and the volunteer sees it', async () => {
    const sent: ReminderMessage[] = []
    setReminderSender({ send: async (message) => (sent.push(message), { kind: 'sent' }) })
    // Both have logged in with WeChat and said yes to reminders at sign-up.
    for (const name of [VOLUNTEER, VOLUNTEER_2]) {
      const personId = await api.personId(name)
      await api.db.insert(accounts).values({ personId, wechatOpenid: `openid-${name}` })
      await api.db.insert(wechatSubscriptionCredits).values({ personId, templateId: 'test-template', credits: 1 })
    }
    const shift = await makeShift(api, { startInMin: 24 * 60, title: '明早浇水' })
    await bookDirect(api, shift.id, VOLUNTEER)
    await bookDirect(api, shift.id, VOLUNTEER_2)
    const date = localDateKey(toEpochMinutes(shift.startsAt))
    const steward = await api.tokenFor(STEWARD)
    const run = runRemindersResponse.parse((await api.call('POST', '/api/garden/reminders/run', { token: steward, body: { villageId, date } })).body)
    expect(run).toMatchObject({ forDate: date, created: 2, sent: 2, appOnly: 0, failed: 0 })
    expect(sent.map((m) => m.data.thing1)).toEqual(['明早浇水', '明早浇水'])
    expect(rowsTitle(await api.db.select().from(gardenReminders).where(eq(gardenReminders.shiftId, shift.id)))).toBe(true)
    const again = runRemindersResponse.parse((await api.call('POST', '/api/garden/reminders/run', { token: steward, body: { villageId, date } })).body)
    expect(again.created).toBe(0)
    expect(sent).toHaveLength(2)
    const rows = await api.db.select().from(gardenReminders).where(eq(gardenReminders.shiftId, shift.id))
    expect(rows).toHaveLength(2)
    expect(rows.every((r) => r.sentAt !== null)).toBe(true)

    const mine = remindersResponse.parse(
      (await api.call('GET', '/api/garden/reminders/mine', { token: await api.tokenFor(VOLUNTEER), query: { villageId } })).body,
    )
    expect(mine.reminders.some((r) => r.shiftId === shift.id && r.body.includes('明早浇水'))).toBe(true)
  })

  it('a failing sender keeps the reminder, records the failure and leaves it for the next run', async () => {
    setReminderSender({ send: async () => Promise.reject(new Error('微信接口超时')) })
    const shift = await makeShift(api, { startInMin: 24 * 60 + 120, title: '门岗值守' })
    await bookDirect(api, shift.id, VOLUNTEER)
    await api.db
      .update(wechatSubscriptionCredits)
      .set({ credits: 1 })
      .where(eq(wechatSubscriptionCredits.personId, await api.personId(VOLUNTEER)))
    const date = localDateKey(toEpochMinutes(shift.startsAt))
    const run = runRemindersResponse.parse(
      (await api.call('POST', '/api/garden/reminders/run', { token: await api.tokenFor(STEWARD), body: { villageId, date } })).body,
    )
    expect(run.failed).toBe(1)
    const [row] = await api.db.select().from(gardenReminders).where(eq(gardenReminders.shiftId, shift.id))
    expect(row).toMatchObject({ sentAt: null, delivery: 'pending', sendError: '微信接口超时' })
  })

  it('a bad date is refused', async () => {
    const res = await api.call('POST', '/api/garden/reminders/run', { token: await api.tokenFor(STEWARD), body: { villageId, date: 'tomorrow' } })
    expect(errorCodeOf(res)).toBe('validation_failed')
  })
})
