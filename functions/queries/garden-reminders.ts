import { randomUUID } from 'node:crypto'
import { and, asc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm'
import { appendAudit, inheritAuditEntries } from '../../db/audit'
import type { Db, Tx } from '../../db/client'
import { accounts, gardenReminders, gardenShifts, gardenSignups, wechatSubscriptionCredits } from '../../db/schema'
import {
  deliveryAfter,
  MAX_CONSENT_CREDITS,
  placeHoldingStatuses,
  reminderDateFor,
  reminderTemplateFields,
  reminderText,
  SEND_LEASE_MINUTES,
  type AppOnlyReason,
  type SendOutcome,
} from '../../shared/garden'
import { localToEpochMinutes, parseDateKey, toEpochMinutes } from '../../shared/time'
import { getEnv } from '../lib/env'
import { wechatSender, type SubscribeMessage } from '../lib/wechat-subscribe'

/** Delivers one reminder outside the app: WeChat's subscribeMessage.send, or a test's stand-in. */
export interface ReminderSender {
  send: (message: SubscribeMessage) => Promise<SendOutcome>
}
export type ReminderMessage = SubscribeMessage

let override: ReminderSender | null = null

/** Tests replace the WeChat sender; null goes back to the one the environment configures. */
export function setReminderSender(sender: ReminderSender | null): void {
  override = sender
}

interface Delivery {
  sender: ReminderSender
  template: { id: string; thingKey: string; timeKey: string; noteKey: string }
  state: SubscribeMessage['state']
}

/** The sender and template, or null when WeChat reminders are not set up (app id, secret, template). */
function deliverySetup(): Delivery | null {
  const env = getEnv()
  const template = env.reminderTemplate ?? (override ? { id: 'test-template', thingKey: 'thing1', timeKey: 'time2', noteKey: 'thing3' } : null)
  if (!template) return null
  if (override) return { sender: override, template, state: env.WECHAT_MINIPROGRAM_STATE }
  if (!env.WECHAT_APPID || !env.WECHAT_SECRET) return null
  return {
    sender: wechatSender({ base: env.WECHAT_API_BASE, appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET }),
    template,
    state: env.WECHAT_MINIPROGRAM_STATE,
  }
}

/** The template the mini-program asks consent for, when reminders can leave the app at all. */
export function reminderTemplateId(): string | null {
  return deliverySetup()?.template.id ?? null
}

/**
 * Creates one reminder per booked person for every shift on the local day `forDate`. Safe to run
 * repeatedly and from two processes at once: the (shift, person, kind) unique key keeps one.
 */
export async function createShiftReminders(db: Db, villageId: string, forDate: string, actorPersonId: string | null): Promise<{ created: number }> {
  const { year, month, day } = parseDateKey(forDate)
  const from = new Date(localToEpochMinutes(year, month, day) * 60_000)
  const to = new Date(from.getTime() + 24 * 3600_000)
  return db.transaction(async (tx) => {
    // Inside a request's transaction (a savepoint), its entries are sealed with the request's.
    inheritAuditEntries(db, tx)
    const rows = await tx
      .select({
        signupId: gardenSignups.id,
        personId: gardenSignups.personId,
        shiftId: gardenShifts.id,
        title: gardenShifts.title,
        startsAt: gardenShifts.startsAt,
        endsAt: gardenShifts.endsAt,
      })
      .from(gardenSignups)
      .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
      .where(
        and(
          eq(gardenShifts.villageId, villageId),
          eq(gardenShifts.cancelled, false),
          eq(gardenSignups.status, 'booked'),
          gte(gardenShifts.startsAt, from),
          lt(gardenShifts.startsAt, to),
        ),
      )
    if (rows.length === 0) return { created: 0 }
    const inserted = await tx
      .insert(gardenReminders)
      .values(
        rows.map((r) => ({
          villageId,
          personId: r.personId,
          signupId: r.signupId,
          shiftId: r.shiftId,
          kind: 'shift' as const,
          ...reminderText('shift', { title: r.title, startMin: toEpochMinutes(r.startsAt), endMin: toEpochMinutes(r.endsAt) }),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: gardenReminders.id })
    if (inserted.length > 0) {
      await appendAudit(tx, {
        villageId,
        actorPersonId,
        action: 'garden.reminders.created',
        subjectType: 'garden_day',
        subjectId: forDate,
        payload: { created: inserted.length, reminderIds: inserted.map((r) => r.id) },
      })
    }
    return { created: inserted.length }
  })
}

/**
 * Tells the person who lost a place to a steward's reassignment: a reminder in their list now,
 * and a WeChat message when they have a consent. Losing the same place again (it came back and
 * was taken again) tells them again.
 */
export async function noteReassignment(
  db: Db,
  lost: { villageId: string; personId: string; signupId: string; shift: { id: string; title: string; startsAt: Date; endsAt: Date }; reason: string },
): Promise<string | null> {
  const text = reminderText(
    'reassigned',
    { title: lost.shift.title, startMin: toEpochMinutes(lost.shift.startsAt), endMin: toEpochMinutes(lost.shift.endsAt) },
    lost.reason,
  )
  const fresh = {
    ...text,
    reason: lost.reason,
    delivery: 'pending' as const,
    appOnlyReason: null,
    creditHeld: false,
    attempts: 0,
    claimToken: null,
    claimedAt: null,
    sentAt: null,
    sendError: null,
    createdAt: new Date(),
  }
  const [row] = await db
    .insert(gardenReminders)
    .values({ villageId: lost.villageId, personId: lost.personId, signupId: lost.signupId, shiftId: lost.shift.id, kind: 'reassigned', ...fresh })
    .onConflictDoUpdate({ target: [gardenReminders.shiftId, gardenReminders.personId, gardenReminders.kind], set: fresh })
    .returning({ id: gardenReminders.id })
  return row?.id ?? null
}

export interface DeliveryCounts {
  sent: number
  appOnly: number
  failed: number
}

/** Reminders that may still be sent: not sent yet, shift ahead, and the place still the person's. */
function sendable(now: Date, villageId?: string, ids?: readonly string[]) {
  const lease = new Date(now.getTime() - SEND_LEASE_MINUTES * 60_000)
  return and(
    ...(villageId ? [eq(gardenReminders.villageId, villageId)] : []),
    ...(ids ? [inArray(gardenReminders.id, [...ids])] : []),
    or(eq(gardenReminders.delivery, 'pending'), and(eq(gardenReminders.delivery, 'sending'), lt(gardenReminders.claimedAt, lease))),
    gt(gardenShifts.startsAt, now),
    eq(gardenShifts.cancelled, false),
    // A day-before reminder is for the person who holds the place; a reassignment notice is not.
    or(eq(gardenReminders.kind, 'reassigned'), and(eq(gardenSignups.personId, gardenReminders.personId), inArray(gardenSignups.status, placeHoldingStatuses))),
  )
}

type Claim = { kind: 'lost' } | { kind: 'app_only' } | { kind: 'claimed'; token: string; attempts: number; openid: string }

/**
 * Takes one reminder for this run: the guarded update lets exactly one of two concurrent runs
 * have it. In the same transaction it spends one of the person's consents — unless it holds one
 * from an attempt that did not get through — or settles it in the app when there is none.
 */
async function claim(db: Db, reminderId: string, personId: string, templateId: string, now: Date): Promise<Claim> {
  const lease = new Date(now.getTime() - SEND_LEASE_MINUTES * 60_000)
  return db.transaction(async (tx) => {
    const token = randomUUID()
    const [taken] = await tx
      .update(gardenReminders)
      .set({ delivery: 'sending', claimToken: token, claimedAt: now, attempts: sql`${gardenReminders.attempts} + 1` })
      .where(
        and(
          eq(gardenReminders.id, reminderId),
          or(eq(gardenReminders.delivery, 'pending'), and(eq(gardenReminders.delivery, 'sending'), lt(gardenReminders.claimedAt, lease))),
        ),
      )
      .returning({ attempts: gardenReminders.attempts, creditHeld: gardenReminders.creditHeld })
    if (!taken) return { kind: 'lost' }
    const settle = async (reason: AppOnlyReason): Promise<Claim> => {
      await tx.update(gardenReminders).set({ delivery: 'app_only', appOnlyReason: reason, claimToken: null }).where(eq(gardenReminders.id, reminderId))
      return { kind: 'app_only' }
    }
    const [account] = await tx.select({ openid: accounts.wechatOpenid }).from(accounts).where(eq(accounts.personId, personId))
    if (!account) return settle('no_wechat')
    if (!taken.creditHeld) {
      const spent = await tx
        .update(wechatSubscriptionCredits)
        .set({ credits: sql`${wechatSubscriptionCredits.credits} - 1`, updatedAt: now })
        .where(
          and(eq(wechatSubscriptionCredits.personId, personId), eq(wechatSubscriptionCredits.templateId, templateId), gt(wechatSubscriptionCredits.credits, 0)),
        )
        .returning({ credits: wechatSubscriptionCredits.credits })
      if (spent.length === 0) return settle('no_consent')
      await tx.update(gardenReminders).set({ creditHeld: true }).where(eq(gardenReminders.id, reminderId))
    }
    return { kind: 'claimed', token, attempts: taken.attempts, openid: account.openid }
  })
}

/** Adds consents for a person and template (capped: WeChat holds the true count). */
export async function addConsentCredits(db: Db | Tx, personId: string, templateId: string, credits: number): Promise<number> {
  const [row] = await db
    .insert(wechatSubscriptionCredits)
    .values({ personId, templateId, credits: Math.min(credits, MAX_CONSENT_CREDITS) })
    .onConflictDoUpdate({
      target: [wechatSubscriptionCredits.personId, wechatSubscriptionCredits.templateId],
      set: { credits: sql`least(${wechatSubscriptionCredits.credits} + ${credits}, ${MAX_CONSENT_CREDITS})`, updatedAt: new Date() },
    })
    .returning({ credits: wechatSubscriptionCredits.credits })
  return row?.credits ?? 0
}

export async function clearConsentCredits(db: Db | Tx, personId: string, templateId: string, now = new Date()): Promise<number> {
  await db
    .update(wechatSubscriptionCredits)
    .set({ credits: 0, updatedAt: now })
    .where(and(eq(wechatSubscriptionCredits.personId, personId), eq(wechatSubscriptionCredits.templateId, templateId)))
  return 0
}

export async function consentCredits(db: Db, personId: string, templateId: string): Promise<number> {
  const [row] = await db
    .select({ credits: wechatSubscriptionCredits.credits })
    .from(wechatSubscriptionCredits)
    .where(and(eq(wechatSubscriptionCredits.personId, personId), eq(wechatSubscriptionCredits.templateId, templateId)))
  return row?.credits ?? 0
}

/** Writes what the attempt came to, only if this run still holds the claim. */
async function record(
  db: Db,
  reminderId: string,
  personId: string,
  templateId: string,
  held: { token: string; attempts: number },
  outcome: SendOutcome,
  now: Date,
) {
  const verdict = deliveryAfter(outcome, held.attempts)
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(gardenReminders)
      .set({
        delivery: verdict.delivery,
        appOnlyReason: verdict.reason,
        claimToken: null,
        sentAt: verdict.delivery === 'sent' ? now : null,
        sendError:
          outcome.kind === 'rejected' || outcome.kind === 'retry' ? outcome.detail.slice(0, 200) : outcome.kind === 'refused' ? '43101 用户拒绝接收' : null,
        ...(verdict.releaseCredit || verdict.clearCredits ? { creditHeld: false } : {}),
      })
      .where(and(eq(gardenReminders.id, reminderId), eq(gardenReminders.claimToken, held.token)))
      .returning({ id: gardenReminders.id })
    if (!row) return
    if (verdict.releaseCredit) await addConsentCredits(tx, personId, templateId, 1)
    if (verdict.clearCredits) await clearConsentCredits(tx, personId, templateId, now)
  })
}

/**
 * Sends the reminders still to send, one at a time: claim (and spend a consent), send outside any
 * transaction, record. Stops early when WeChat is unreachable or out of quota; what was not sent
 * stays pending for the next run, and what has no consent stays in the app.
 */
export async function deliverReminders(
  db: Db,
  options: { now?: Date; villageId?: string; reminderIds?: readonly string[]; limit?: number; budgetMs?: number } = {},
): Promise<DeliveryCounts> {
  const now = options.now ?? new Date()
  const counts: DeliveryCounts = { sent: 0, appOnly: 0, failed: 0 }
  const due = await db
    .select({
      id: gardenReminders.id,
      villageId: gardenReminders.villageId,
      personId: gardenReminders.personId,
      kind: gardenReminders.kind,
      reason: gardenReminders.reason,
      title: gardenShifts.title,
      startsAt: gardenShifts.startsAt,
      endsAt: gardenShifts.endsAt,
    })
    .from(gardenReminders)
    .innerJoin(gardenShifts, eq(gardenShifts.id, gardenReminders.shiftId))
    .innerJoin(gardenSignups, eq(gardenSignups.id, gardenReminders.signupId))
    .where(sendable(now, options.villageId, options.reminderIds))
    .orderBy(asc(gardenShifts.startsAt), asc(gardenReminders.id))
    .limit(options.limit ?? 200)
  if (due.length === 0) return counts
  const setup = deliverySetup()
  if (!setup) {
    const settled = await db
      .update(gardenReminders)
      .set({ delivery: 'app_only', appOnlyReason: 'not_configured', claimToken: null })
      .where(
        and(
          inArray(
            gardenReminders.id,
            due.map((d) => d.id),
          ),
          eq(gardenReminders.delivery, 'pending'),
        ),
      )
      .returning({ id: gardenReminders.id })
    counts.appOnly = settled.length
    return counts
  }
  // Vercel stops a function after 30 s: leave what is left for the next run.
  const deadline = Date.now() + (options.budgetMs ?? 20_000)
  for (const reminder of due) {
    if (Date.now() > deadline) break
    const held = await claim(db, reminder.id, reminder.personId, setup.template.id, now)
    if (held.kind === 'lost') continue
    if (held.kind === 'app_only') {
      counts.appOnly += 1
      continue
    }
    const shift = { title: reminder.title, startMin: toEpochMinutes(reminder.startsAt), endMin: toEpochMinutes(reminder.endsAt) }
    const fields = reminderTemplateFields(reminder.kind, shift, reminder.reason)
    const { thingKey, timeKey, noteKey } = setup.template
    let outcome: SendOutcome
    try {
      outcome = await setup.sender.send({
        openid: held.openid,
        templateId: setup.template.id,
        page: `packages/garden/home/index?villageId=${reminder.villageId}`,
        data: { [thingKey]: fields.thing, [timeKey]: fields.time, [noteKey]: fields.note },
        state: setup.state,
      })
    } catch (error) {
      outcome = { kind: 'retry', detail: error instanceof Error ? error.message : 'send failed', stopRun: true }
    }
    await record(db, reminder.id, reminder.personId, setup.template.id, held, outcome, now)
    const verdict = deliveryAfter(outcome, held.attempts)
    if (verdict.delivery === 'sent') counts.sent += 1
    else if (verdict.delivery === 'app_only') counts.appOnly += 1
    else counts.failed += 1
    if (outcome.kind === 'retry' && outcome.stopRun) break
  }
  return counts
}

/** The scheduled run: tomorrow's reminders for every garden with shifts then, and every pending send. */
export async function runReminderSchedule(db: Db, now: Date = new Date()): Promise<{ forDate: string; villages: number; created: number } & DeliveryCounts> {
  const forDate = reminderDateFor(toEpochMinutes(now))
  const { year, month, day } = parseDateKey(forDate)
  const from = new Date(localToEpochMinutes(year, month, day) * 60_000)
  const to = new Date(from.getTime() + 24 * 3600_000)
  const villages = await db
    .selectDistinct({ villageId: gardenShifts.villageId })
    .from(gardenShifts)
    .where(and(eq(gardenShifts.cancelled, false), gte(gardenShifts.startsAt, from), lt(gardenShifts.startsAt, to)))
  let created = 0
  for (const { villageId } of villages) created += (await createShiftReminders(db, villageId, forDate, null)).created
  const delivered = await deliverReminders(db, { now })
  return { forDate, villages: villages.length, created, ...delivered }
}
