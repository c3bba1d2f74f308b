import { reminderConsentInput, reminderConsentResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { addConsentCredits, clearConsentCredits, consentCredits, reminderTemplateId } from '../../../queries/garden-reminders'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/reminders/consent',
  summary: '志愿者报名时对微信提醒的回答（同意一次，可以收到一条）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: reminderConsentInput,
  response: reminderConsentResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, body }) => {
    // Only the template this server sends with counts; an answer for any other changes nothing.
    const ours = body.templateId === reminderTemplateId()
    // 'ban': the person switched these messages off in WeChat; nothing will arrive until they turn it back on.
    if (ours && body.answer === 'ban') return { counted: false, credits: await clearConsentCredits(db, session.personId, body.templateId) }
    if (!ours || body.answer !== 'accept') return { counted: false, credits: await consentCredits(db, session.personId, body.templateId) }
    return { counted: true, credits: await addConsentCredits(db, session.personId, body.templateId, 1) }
  },
})

export const POST = toWebHandler(route)
