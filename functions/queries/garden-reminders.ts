import { and, eq, gte, lt } from 'drizzle-orm'
import { appendAudit } from '../../db/audit'
import type { Db } from '../../db/client'
import { gardenReminders, gardenShifts, gardenSignups } from '../../db/schema'
import { localParts, localToEpochMinutes, parseDateKey, toEpochMinutes } from '../../shared/time'

export interface ReminderMessage {
  reminderId: string
  personId: string
  title: string
  body: string
  startsAt: string
}

/** Delivers a reminder outside the database, e.g. as a WeChat subscription message. */
export interface ReminderSender {
  send: (message: ReminderMessage) => Promise<'sent' | 'skipped'>
}

/**
 * Without WeChat credentials nothing leaves the server: the reminder record itself is what the
 * mini-program shows, and the subscription-message sender can be plugged in here later.
 */
const recordOnlySender: ReminderSender = { send: async () => 'skipped' }
let currentSender: ReminderSender = recordOnlySender

export function setReminderSender(sender: ReminderSender | null): void {
  currentSender = sender ?? recordOnlySender
}

const hhmm = (date: Date) => {
  const minute = localParts(toEpochMinutes(date)).minuteOfDay
  return `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, '0')}`
}

/**
 * Creates one reminder per booked person for every shift on the local day `forDate`, then hands
 * each new one to the sender. Safe to run repeatedly: the (shift, person) unique key keeps one.
 */
export async function createShiftReminders(
  db: Db,
  villageId: string,
  forDate: string,
  actorPersonId: string | null,
): Promise<{ created: number; sent: number; failed: number }> {
  const { year, month, day } = parseDateKey(forDate)
  const from = new Date(localToEpochMinutes(year, month, day) * 60_000)
  const to = new Date(from.getTime() + 24 * 3600_000)
  const rows = await db
    .select({ signupId: gardenSignups.id, personId: gardenSignups.personId, shiftId: gardenShifts.id, title: gardenShifts.title, startsAt: gardenShifts.startsAt, endsAt: gardenShifts.endsAt })
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
  if (rows.length === 0) return { created: 0, sent: 0, failed: 0 }
  const inserted = await db
    .insert(gardenReminders)
    .values(
      rows.map((r) => ({
        villageId,
        personId: r.personId,
        signupId: r.signupId,
        shiftId: r.shiftId,
        title: `明天${hhmm(r.startsAt)}有您的菜园值班`,
        body: `${r.title}，${forDate} ${hhmm(r.startsAt)}–${hhmm(r.endsAt)}。到了请在小程序里签到。`,
      })),
    )
    .onConflictDoNothing()
    .returning()
  let sent = 0
  let failed = 0
  const byShift = new Map(rows.map((r) => [r.shiftId, r]))
  for (const reminder of inserted) {
    const shift = byShift.get(reminder.shiftId)
    try {
      const outcome = await currentSender.send({
        reminderId: reminder.id,
        personId: reminder.personId,
        title: reminder.title,
        body: reminder.body,
        startsAt: shift?.startsAt.toISOString() ?? '',
      })
      if (outcome === 'sent') {
        sent += 1
        await db.update(gardenReminders).set({ sentAt: new Date() }).where(eq(gardenReminders.id, reminder.id))
      }
    } catch (error) {
      // A failed delivery must not undo the reminder: the mini-program still shows it.
      failed += 1
      const message = error instanceof Error ? error.message.slice(0, 200) : 'send failed'
      await db.update(gardenReminders).set({ sendError: message }).where(eq(gardenReminders.id, reminder.id))
    }
  }
  if (inserted.length > 0) {
    await appendAudit(db, {
      villageId,
      actorPersonId,
      action: 'garden.reminders.created',
      subjectType: 'garden_day',
      subjectId: forDate,
      payload: { created: inserted.length, sent, failed, reminderIds: inserted.map((r) => r.id) },
    })
  }
  return { created: inserted.length, sent, failed }
}
