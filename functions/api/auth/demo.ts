import { eq } from 'drizzle-orm'
import { people } from '../../../db/schema'
import { demoLoginInput, sessionResponse } from '../../../shared/auth'
import { AppError } from '../../../shared/errors'
import { describeMe, issueSessionToken } from '../../lib/auth'
import { getEnv } from '../../lib/env'
import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/auth/demo',
  summary: '演示登录：选一位演示人物（仅 DEMO_LOGIN=1 时开放）',
  tags: ['auth'],
  auth: 'none',
  body: demoLoginInput,
  response: sessionResponse,
  errors: ['demo_login_disabled', 'not_found'],
  handler: async ({ db, body }) => {
    if (getEnv().DEMO_LOGIN !== '1') throw new AppError('demo_login_disabled')
    const [person] = await db.select({ id: people.id }).from(people).where(eq(people.id, body.personId))
    if (!person) throw new AppError('not_found', '找不到这位演示人物')
    const session = await issueSessionToken(person.id)
    return { ...session, me: await describeMe(db, person.id) }
  },
})

export const POST = toWebHandler(route)
