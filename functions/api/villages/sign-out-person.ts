import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../db/audit'
import { accounts, memberships, people } from '../../../db/schema'
import { remoteSignOutRefusal, signOutPersonInput, signOutPersonResponse } from '../../../shared/auth'
import { AppError } from '../../../shared/errors'
import { branchLeaders } from '../../../shared/roles'

import { defineRoute, toWebHandler } from '../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/villages/sign-out-person',
  summary: '书记让本村一位村民的手机退出登录（手机丢了），可同时解除微信绑定',
  tags: ['village'],
  roles: branchLeaders,
  auth: 'user',
  tenancy: 'body',
  body: signOutPersonInput,
  response: signOutPersonResponse,
  endsSessions: true,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, session, body }) => {
    const rows = await db
      .select({ name: people.name, role: memberships.role })
      .from(people)
      .innerJoin(memberships, and(eq(memberships.personId, people.id), eq(memberships.villageId, body.villageId)))
      .where(eq(people.id, body.personId))
    const refusal = remoteSignOutRefusal(
      rows.map((row) => row.role),
      body.personId === session.personId,
    )
    if (refusal) throw new AppError(rows.length === 0 ? 'not_found' : 'forbidden', refusal)
    const personName = rows[0]?.name ?? ''
    await db
      .update(people)
      .set({ sessionVersion: sql`${people.sessionVersion} + 1` })
      .where(eq(people.id, body.personId))
    const unbound = body.unbindWechat ? await db.delete(accounts).where(eq(accounts.personId, body.personId)).returning({ id: accounts.id }) : []
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: unbound.length > 0 ? 'session.revoked_and_wechat_unbound' : 'session.revoked',
      subjectType: 'person',
      subjectId: body.personId,
      payload: { unbindWechat: body.unbindWechat, wechatUnbound: unbound.length > 0 },
    })
    return {
      personName,
      wechatUnbound: unbound.length > 0,
      message:
        unbound.length > 0
          ? `${personName}的手机已退出登录，微信已解除绑定；换手机后请给他（她）一个新的邀请码`
          : `${personName}的手机已退出登录，再用要重新登录`,
    }
  },
})

export const POST = toWebHandler(route)
