import { runRemindersInput, runRemindersResponse } from '../../../../shared/garden'
import { localDateKey, MINUTES_PER_DAY } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { createShiftReminders, deliverReminders } from '../../../queries/garden-reminders'
import { nowMinutes } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/reminders/run',
  summary: '主理人现在就生成并发出明天值班的提醒（平时由定时任务做；重复调用不会重复提醒）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: runRemindersInput,
  response: runRemindersResponse,
  errors: ['forbidden', 'not_member_of_village'],
  // Outside the request's transaction (the wrapper has authorised the steward by then): WeChat is
  // not kept waiting on an open transaction, and each reminder is claimed, sent and recorded on its
  // own. The work is idempotent, so a retried request doing it again sends nothing twice.
  prepare: async ({ db, personId, body }) => {
    const forDate = body.date ?? localDateKey(nowMinutes() + MINUTES_PER_DAY)
    const { created } = await createShiftReminders(db, body.villageId, forDate, personId)
    const delivered = await deliverReminders(db, { villageId: body.villageId })
    return { forDate, created: String(created), sent: String(delivered.sent), appOnly: String(delivered.appOnly), failed: String(delivered.failed) }
  },
  handler: async ({ prepared }) => {
    const count = (key: string) => Number(prepared[key] ?? 0)
    return { forDate: prepared.forDate ?? '', created: count('created'), sent: count('sent'), appOnly: count('appOnly'), failed: count('failed') }
  },
})

export const POST = toWebHandler(route)
