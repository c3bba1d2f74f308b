import { eq, sql } from 'drizzle-orm'
import { people } from '../../../db/schema'
import { okResponse } from '../../../shared/ids'
import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/auth/logout',
  summary: '退出登录：这个人所有手机上的登录立即失效',
  tags: ['auth'],
  auth: 'user',
  tenancy: 'caller',
  response: okResponse,
  endsSessions: true,
  // One version per person, so logging out ends the sessions on every phone: a villager has one
  // phone, and a token left on a phone that was passed on must not outlive the logout.
  handler: async ({ db, session }) => {
    await db
      .update(people)
      .set({ sessionVersion: sql`${people.sessionVersion} + 1` })
      .where(eq(people.id, session.personId))
    return { ok: true as const }
  },
})

export const POST = toWebHandler(route)
