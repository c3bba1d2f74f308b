/*
 * 值班提醒: the message a volunteer gets the evening before a shift (and when a steward gives their
 * place to someone else). It is always in the app's list; with the volunteer's consent it also
 * arrives as a WeChat subscription message. A one-time subscription allows one message per
 * consent, so consents are counted as credits per person and template, and each send spends one.
 */
import { localDateKey, localParts, MINUTES_PER_DAY } from '../time'

export const reminderKinds = ['shift', 'reassigned'] as const
export type ReminderKind = (typeof reminderKinds)[number]

/** pending: to send · sending: claimed by one run · sent: WeChat accepted it · app_only: stays in the app. */
export const reminderDeliveries = ['pending', 'sending', 'sent', 'app_only'] as const
export type ReminderDelivery = (typeof reminderDeliveries)[number]

/** Why a reminder is shown in the app only. */
export const appOnlyReasons = ['no_wechat', 'no_consent', 'refused', 'rejected', 'failed', 'not_configured'] as const
export type AppOnlyReason = (typeof appOnlyReasons)[number]

export const appOnlyReasonLabels: Record<AppOnlyReason, string> = {
  no_wechat: '没有用微信登录过小程序',
  no_consent: '没有同意微信提醒',
  refused: '在微信里关掉了提醒',
  rejected: '微信没有接受这条提醒',
  failed: '微信多次发送失败',
  not_configured: '小程序还没开通微信提醒',
}

/** The protected route Vercel Cron calls, and when (UTC, as Vercel reads cron expressions). */
export const REMINDER_CRON_PATH = '/api/cron/reminders'
/**
 * 19:00 Beijing: tomorrow's reminders are made and sent, late enough that the day's sign-ups are
 * in, early enough that nobody is woken. 20:30: the evening's later sign-ups, and a second try for
 * what WeChat could not take at 19:00. Vercel's Hobby plan allows daily schedules like these.
 */
export const REMINDER_SCHEDULES = ['0 11 * * *', '30 12 * * *'] as const

/** A daily "m h * * *" schedule (the only form we use) matched against a UTC minute. */
export function scheduleMatches(schedule: string, at: Date): boolean {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(schedule)
  if (!match) throw new Error(`only daily "m h * * *" schedules are supported: ${schedule}`)
  return Number(match[1]) === at.getUTCMinutes() && Number(match[2]) === at.getUTCHours()
}

/** A reminder sent and not answered this many times stays in the app only. */
export const MAX_SEND_ATTEMPTS = 5
/** A claim older than this belongs to a run that died mid-send: another run may take it over. */
export const SEND_LEASE_MINUTES = 10
/** Consents counted at most: WeChat keeps the true count, this only has to be its estimate. */
export const MAX_CONSENT_CREDITS = 50

/** What one attempt to send came to (the WeChat sender's answer, without its transport details). */
export type SendOutcome =
  | { kind: 'sent' }
  /** 43101: the person has no consent left at WeChat (refused, or spent). */
  | { kind: 'refused' }
  /** WeChat refused this message for good (bad openid, template or data). */
  | { kind: 'rejected'; detail: string }
  /** Not delivered, safe to try again: network, WeChat busy, rate limit, no token. */
  | { kind: 'retry'; detail: string; stopRun: boolean }

export interface DeliveryVerdict {
  delivery: Exclude<ReminderDelivery, 'sending'>
  reason: AppOnlyReason | null
  /** The consent this reminder held goes back to the person: the message never left. */
  releaseCredit: boolean
  /** WeChat says no consent is left: our count was wrong, it becomes zero. */
  clearCredits: boolean
}

/** Where a reminder stands after an attempt; `attempts` counts this one. */
export function deliveryAfter(outcome: SendOutcome, attempts: number): DeliveryVerdict {
  switch (outcome.kind) {
    case 'sent':
      return { delivery: 'sent', reason: null, releaseCredit: false, clearCredits: false }
    case 'refused':
      return { delivery: 'app_only', reason: 'refused', releaseCredit: false, clearCredits: true }
    case 'rejected':
      return { delivery: 'app_only', reason: 'rejected', releaseCredit: true, clearCredits: false }
    case 'retry':
      // The held consent stays held: the next run sends with it and spends nothing more.
      return attempts >= MAX_SEND_ATTEMPTS
        ? { delivery: 'app_only', reason: 'failed', releaseCredit: true, clearCredits: false }
        : { delivery: 'pending', reason: null, releaseCredit: false, clearCredits: false }
  }
}

/** What the steward reads beside a volunteer on an upcoming shift. */
export interface ReminderReach {
  outside: boolean
  /** sent · will_send (a consent is waiting for it) · app_only */
  status: 'sent' | 'will_send' | 'app_only'
  reason: AppOnlyReason | null
}

export interface ReachInput {
  key: string
  personId: string
  startMin: number
  reminder: { delivery: ReminderDelivery; reason: AppOnlyReason | null; creditHeld: boolean } | null
}

/**
 * Who will be reminded outside the app, per upcoming place. A place whose reminder is not made
 * yet (or not yet sent) needs a consent of its own: a person's consents go to their places in the
 * order the shifts start, as the sending job will spend them.
 */
export function reminderOutlook(
  places: readonly ReachInput[],
  facts: { configured: boolean; hasWechat: ReadonlySet<string>; credits: ReadonlyMap<string, number> },
): Map<string, ReminderReach> {
  const out = new Map<string, ReminderReach>()
  const left = new Map(facts.credits)
  const appOnly = (reason: AppOnlyReason): ReminderReach => ({ outside: false, status: 'app_only', reason })
  for (const place of [...places].sort((a, b) => a.startMin - b.startMin || a.key.localeCompare(b.key))) {
    const r = place.reminder
    if (r?.delivery === 'sent') out.set(place.key, { outside: true, status: 'sent', reason: null })
    else if (r?.delivery === 'app_only') out.set(place.key, appOnly(r.reason ?? 'no_consent'))
    else if (!facts.configured) out.set(place.key, appOnly('not_configured'))
    else if (!facts.hasWechat.has(place.personId)) out.set(place.key, appOnly('no_wechat'))
    else if (r?.creditHeld) out.set(place.key, { outside: true, status: 'will_send', reason: null })
    else {
      const credits = left.get(place.personId) ?? 0
      if (credits > 0) {
        left.set(place.personId, credits - 1)
        out.set(place.key, { outside: true, status: 'will_send', reason: null })
      } else out.set(place.key, appOnly('no_consent'))
    }
  }
  return out
}

const pad = (n: number) => String(n).padStart(2, '0')
const clock = (epochMinutes: number) => {
  const minute = localParts(epochMinutes).minuteOfDay
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`
}

/** WeChat's `thing` fields take at most 20 characters. */
export function fitThing(text: string, max = 20): string {
  const chars = Array.from(text.trim())
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/** "2026年4月2日 07:00": a format WeChat's `time` field accepts, on the Beijing clock. */
export function wechatTime(epochMinutes: number): string {
  const p = localParts(epochMinutes)
  return `${p.year}年${p.month}月${p.day}日 ${clock(epochMinutes)}`
}

export interface ReminderShift {
  title: string
  startMin: number
  endMin: number
}

/** The reminder as the app lists it. */
export function reminderText(kind: ReminderKind, shift: ReminderShift, reason: string | null = null): { title: string; body: string } {
  const p = localParts(shift.startMin)
  const date = `${p.month}月${p.day}日`
  const span = `${clock(shift.startMin)}–${clock(shift.endMin)}`
  if (kind === 'reassigned') {
    return { title: `${date}的班改派给了别人`, body: `${shift.title}，${date} ${span}，不用来了。主理人写的原因：${reason ?? '（没有写）'}` }
  }
  return { title: `明天${clock(shift.startMin)}有您的菜园值班`, body: `${shift.title}，${date} ${span}。到了请在小程序里签到。` }
}

/** The three fields of the subscription template: what, when, and a note (each within WeChat's limits). */
export function reminderTemplateFields(kind: ReminderKind, shift: ReminderShift, reason: string | null = null): { thing: string; time: string; note: string } {
  return {
    thing: fitThing(shift.title),
    time: wechatTime(shift.startMin),
    note: fitThing(kind === 'reassigned' ? `已改派：${reason ?? '主理人调整'}` : '明天的菜园值班，到了请签到'),
  }
}

/** The Beijing date whose shifts a run at `nowMin` reminds of: tomorrow. */
export const reminderDateFor = (nowMin: number): string => localDateKey(nowMin + MINUTES_PER_DAY)
