import { and, eq, gt, inArray, lt } from 'drizzle-orm'
import { accounts, gardenReminders, gardenShifts, gardenSignups, wechatSubscriptionCredits } from '../../../../db/schema'
import { gardenVillageQuery, placeHoldingStatuses, reminderOutlook, reminderReachResponse } from '../../../../shared/garden'
import { MINUTES_PER_DAY } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { nowMinutes } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'
import { reminderTemplateId } from '../../../queries/garden-reminders'

/** As far ahead as the steward's list of coming shifts looks. */
const DAYS_AHEAD = 7

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/reminders/reach',
  summary: '主理人：近7天的班里，谁会收到微信提醒，谁只能在小程序里看到（没有同意订阅等）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  roles: gardenStewards,
  query: gardenVillageQuery,
  response: reminderReachResponse,
  errors: ['forbidden', 'not_member_of_village'],
  handler: async ({ db, query }) => {
    const now = nowMinutes()
    const places = await db
      .select({ signupId: gardenSignups.id, shiftId: gardenShifts.id, personId: gardenSignups.personId, startsAt: gardenShifts.startsAt })
      .from(gardenSignups)
      .innerJoin(gardenShifts, eq(gardenShifts.id, gardenSignups.shiftId))
      .where(
        and(
          eq(gardenShifts.villageId, query.villageId),
          eq(gardenShifts.cancelled, false),
          inArray(gardenSignups.status, placeHoldingStatuses),
          gt(gardenShifts.endsAt, new Date(now * 60_000)),
          lt(gardenShifts.startsAt, new Date((now + DAYS_AHEAD * MINUTES_PER_DAY) * 60_000)),
        ),
      )
    const templateId = reminderTemplateId()
    if (places.length === 0) return { configured: templateId !== null, places: [] }
    const personIds = [...new Set(places.map((p) => p.personId))]
    const reminders = await db
      .select({
        shiftId: gardenReminders.shiftId,
        personId: gardenReminders.personId,
        delivery: gardenReminders.delivery,
        reason: gardenReminders.appOnlyReason,
        creditHeld: gardenReminders.creditHeld,
      })
      .from(gardenReminders)
      .where(
        and(
          eq(gardenReminders.kind, 'shift'),
          inArray(gardenReminders.shiftId, [...new Set(places.map((p) => p.shiftId))]),
          inArray(gardenReminders.personId, personIds),
        ),
      )
    const bound = await db.select({ personId: accounts.personId }).from(accounts).where(inArray(accounts.personId, personIds))
    const credits = templateId
      ? await db
          .select({ personId: wechatSubscriptionCredits.personId, credits: wechatSubscriptionCredits.credits })
          .from(wechatSubscriptionCredits)
          .where(and(eq(wechatSubscriptionCredits.templateId, templateId), inArray(wechatSubscriptionCredits.personId, personIds)))
      : []
    const reminderOf = new Map(reminders.map((r) => [`${r.shiftId}:${r.personId}`, r]))
    const outlook = reminderOutlook(
      places.map((p) => ({
        key: p.signupId,
        personId: p.personId,
        startMin: Math.floor(p.startsAt.getTime() / 60_000),
        reminder: reminderOf.get(`${p.shiftId}:${p.personId}`) ?? null,
      })),
      { configured: templateId !== null, hasWechat: new Set(bound.map((b) => b.personId)), credits: new Map(credits.map((c) => [c.personId, c.credits])) },
    )
    return {
      configured: templateId !== null,
      places: places.map((p) => {
        const reach = outlook.get(p.signupId) ?? { outside: false, status: 'app_only' as const, reason: 'no_consent' as const }
        return { signupId: p.signupId, shiftId: p.shiftId, personId: p.personId, ...reach }
      }),
    }
  },
})

export const GET = toWebHandler(route)
