import { runRemindersInput, runRemindersResponse } from '../../../../shared/garden'
import { localDateKey, MINUTES_PER_DAY } from '../../../../shared/time'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { createShiftReminders } from '../../../queries/garden-reminders'
import { nowMinutes } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/reminders/run',
  summary: '生成明天值班的提醒（主理人或定时任务调用，重复调用不会重复提醒）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: runRemindersInput,
  response: runRemindersResponse,
  errors: ['forbidden', 'not_member_of_village'],
  handler: async ({ db, session, body }) => {
    const forDate = body.date ?? localDateKey(nowMinutes() + MINUTES_PER_DAY)
    const result = await createShiftReminders(db, body.villageId, forDate, session.personId)
    return { forDate, ...result }
  },
})

export const POST = toWebHandler(route)
