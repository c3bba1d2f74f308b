import { meSchema } from '../../shared/auth'
import { describeMe } from '../lib/auth'
import { defineRoute, toWebHandler } from '../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/me',
  summary: '当前登录的人：姓名与各村身份',
  tags: ['auth'],
  auth: 'user',
  tenancy: 'caller',
  response: meSchema,
  handler: async ({ db, session }) => describeMe(db, session.personId),
})

export const GET = toWebHandler(route)
