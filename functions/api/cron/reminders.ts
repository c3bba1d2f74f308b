import { cronRemindersResponse, REMINDER_CRON_PATH } from '../../../shared/garden'
import { defineRoute, toWebHandler } from '../../lib/route'
import { runReminderSchedule } from '../../queries/garden-reminders'

export const route = defineRoute({
  method: 'GET',
  path: REMINDER_CRON_PATH,
  summary: '定时任务：生成明天值班的提醒并用微信订阅消息发出（只接受 Vercel Cron 的 CRON_SECRET；重复调用不会重复提醒）',
  tags: ['garden'],
  // Vercel Cron sends GET with `Authorization: Bearer $CRON_SECRET`; anything else is a 401.
  auth: 'cron',
  tenancy: 'scheduler',
  response: cronRemindersResponse,
  handler: async ({ db }) => runReminderSchedule(db),
})

export const GET = toWebHandler(route)
