import { eq } from 'drizzle-orm'
import { accounts } from '../../../../db/schema'
import { gardenVillageQuery, reminderSubscriptionResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { consentCredits, reminderTemplateId } from '../../../queries/garden-reminders'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/reminders/subscription',
  summary: '微信提醒：报名时要请求同意的订阅消息模板，以及我还能收到几次',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: gardenVillageQuery,
  response: reminderSubscriptionResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session }) => {
    const templateId = reminderTemplateId()
    const [account] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, session.personId))
    return { templateId, wechat: Boolean(account), credits: templateId ? await consentCredits(db, session.personId, templateId) : 0 }
  },
})

export const GET = toWebHandler(route)
