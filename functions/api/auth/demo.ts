import { and, eq } from 'drizzle-orm'
import { people } from '../../../db/schema'
import { demoLoginInput, sessionResponse } from '../../../shared/auth'
import { AppError } from '../../../shared/errors'
import { issueSession } from '../../lib/auth'
import { demoLoginEnabled } from '../../lib/env'
import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/auth/demo',
  summary: '演示登录：选一位演示人物（仅 DEMO_LOGIN=1 时开放）',
  tags: ['auth'],
  auth: 'none',
  tenancy: 'public',
  body: demoLoginInput,
  response: sessionResponse,
  errors: ['demo_login_disabled', 'not_found'],
  handler: async ({ db, body }) => {
    if (!demoLoginEnabled()) throw new AppError('demo_login_disabled')
    // Only the fictional people of the demo villages: a real villager on the same database is
    // never someone a visitor can become by sending their id.
    const [person] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, body.personId), eq(people.demoPersona, true)))
    if (!person) throw new AppError('not_found', '找不到这位演示人物')
    return issueSession(db, person.id)
  },
})

export const POST = toWebHandler(route)
