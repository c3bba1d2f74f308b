import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSchedule } from '../../../functions/server/schedule'
import {
  deliveryAfter,
  fitThing,
  MAX_SEND_ATTEMPTS,
  reminderOutlook,
  reminderTemplateFields,
  reminderText,
  REMINDER_SCHEDULES,
  scheduleMatches,
  wechatTime,
  type ReachInput,
} from '../../../shared/garden'
import { localToEpochMinutes } from '../../../shared/time'

describe('deliveryAfter: where a reminder stands after one attempt', () => {
  it.each([
    ['sent', { kind: 'sent' } as const, 1, { delivery: 'sent', reason: null, releaseCredit: false, clearCredits: false }],
    [
      '43101 refused: kept in the app, our count cleared',
      { kind: 'refused' } as const,
      1,
      { delivery: 'app_only', reason: 'refused', releaseCredit: false, clearCredits: true },
    ],
    [
      'rejected for good: the consent goes back',
      { kind: 'rejected', detail: '40003' } as const,
      1,
      { delivery: 'app_only', reason: 'rejected', releaseCredit: true, clearCredits: false },
    ],
    [
      'no answer: pending, the consent stays held',
      { kind: 'retry', detail: 'timeout', stopRun: true } as const,
      1,
      { delivery: 'pending', reason: null, releaseCredit: false, clearCredits: false },
    ],
    [
      'no answer the last time: app only, the consent goes back',
      { kind: 'retry', detail: 'timeout', stopRun: true } as const,
      MAX_SEND_ATTEMPTS,
      { delivery: 'app_only', reason: 'failed', releaseCredit: true, clearCredits: false },
    ],
  ])('%s', (_name, outcome, attempts, expected) => {
    expect(deliveryAfter(outcome, attempts)).toEqual(expected)
  })
})

describe('reminderOutlook: who the steward is told will be reminded outside the app', () => {
  const place = (key: string, personId: string, startMin: number, reminder: ReachInput['reminder'] = null): ReachInput => ({
    key,
    personId,
    startMin,
    reminder,
  })
  const facts = { configured: true, hasWechat: new Set(['a', 'b']), credits: new Map([['a', 1]]) }
  it('spends a person’s consents on their earliest places first', () => {
    const out = reminderOutlook([place('late', 'a', 200), place('early', 'a', 100)], facts)
    expect(out.get('early')).toEqual({ outside: true, status: 'will_send', reason: null })
    expect(out.get('late')).toEqual({ outside: false, status: 'app_only', reason: 'no_consent' })
  })
  it('says why: no WeChat login, no consent, not set up, already decided', () => {
    expect(reminderOutlook([place('x', 'c', 1)], facts).get('x')?.reason).toBe('no_wechat')
    expect(reminderOutlook([place('x', 'b', 1)], facts).get('x')?.reason).toBe('no_consent')
    expect(reminderOutlook([place('x', 'a', 1)], { ...facts, configured: false }).get('x')?.reason).toBe('not_configured')
    expect(reminderOutlook([place('x', 'b', 1, { delivery: 'app_only', reason: 'refused', creditHeld: false })], facts).get('x')?.reason).toBe('refused')
    expect(reminderOutlook([place('x', 'b', 1, { delivery: 'sent', reason: null, creditHeld: true })], facts).get('x')?.status).toBe('sent')
  })
  it('a reminder already holding a consent does not take another', () => {
    const out = reminderOutlook([place('held', 'a', 1, { delivery: 'pending', reason: null, creditHeld: true }), place('next', 'a', 2)], facts)
    expect(out.get('held')?.status).toBe('will_send')
    expect(out.get('next')?.status).toBe('will_send')
  })
})

describe('the message', () => {
  const start = localToEpochMinutes(2026, 4, 2, 7 * 60)
  const shift = { title: '浇水（早班）', startMin: start, endMin: start + 60 }
  it('uses the Beijing clock and WeChat’s time format', () => {
    expect(wechatTime(start)).toBe('2026年4月2日 07:00')
    expect(reminderTemplateFields('shift', shift)).toEqual({ thing: '浇水（早班）', time: '2026年4月2日 07:00', note: '明天的菜园值班，到了请签到' })
  })
  it('keeps thing fields within 20 characters', () => {
    expect(Array.from(fitThing('一二三四五六七八九十一二三四五六七八九十二十一')).length).toBe(20)
    expect(fitThing('短')).toBe('短')
    expect(Array.from(reminderTemplateFields('reassigned', shift, '那天要去医院复查，所以换给王丽娟来值这个班').note).length).toBeLessThanOrEqual(20)
  })
  it('tells the one who lost a place what and why', () => {
    expect(reminderText('reassigned', shift, '要去医院')).toEqual({
      title: '4月2日的班改派给了别人',
      body: '浇水（早班），4月2日 07:00–08:00，不用来了。主理人写的原因：要去医院',
    })
    expect(reminderText('shift', shift).title).toBe('明天07:00有您的菜园值班')
  })
})

describe('the schedule', () => {
  afterEach(() => vi.useRealTimers())
  it('19:00 and 20:30 Beijing, as UTC cron expressions', () => {
    expect(REMINDER_SCHEDULES.some((s) => scheduleMatches(s, new Date('2026-04-01T11:00:00Z')))).toBe(true)
    expect(REMINDER_SCHEDULES.some((s) => scheduleMatches(s, new Date('2026-04-01T12:30:00Z')))).toBe(true)
    expect(REMINDER_SCHEDULES.some((s) => scheduleMatches(s, new Date('2026-04-01T11:01:00Z')))).toBe(false)
    expect(() => scheduleMatches('*/5 * * * *', new Date())).toThrow()
  })
  it('npm start runs the job at those minutes, once each, and not while a run is still going', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-04-01T10:58:30Z'))
    let runs = 0
    let finish: () => void = () => undefined
    const stop = startSchedule(['0 11 * * *', '1 11 * * *'], () => {
      runs += 1
      return new Promise<void>((resolve) => (finish = resolve))
    })
    await vi.advanceTimersByTimeAsync(90_100) // just past 11:00:00
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(60_000) // 11:01, the first run still going
    expect(runs).toBe(1)
    finish()
    // The next day's 11:00 runs again (its 11:01 is skipped: that run is never finished here).
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000)
    expect(runs).toBe(2)
    stop()
  })
})
