import { eq, sql } from 'drizzle-orm'
import { people } from '../../../db/schema'
import { sessionResponse } from '../../../shared/auth'
import { issueSession } from '../../lib/auth'
import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/auth/sign-out-others',
  summary: '让其他手机退出登录（手机丢了）：其他手机上的登录立即失效，这台手机换一个新的登录',
  tags: ['auth'],
  auth: 'user',
  tenancy: 'caller',
  response: sessionResponse,
  endsSessions: true,
  handler: async ({ db, session }) => {
    await db
      .update(people)
      .set({ sessionVersion: sql`${people.sessionVersion} + 1` })
      .where(eq(people.id, session.personId))
    // Read in the same transaction: the new token is signed at the version just written.
    return issueSession(db, session.personId)
  },
})

export const POST = toWebHandler(route)
