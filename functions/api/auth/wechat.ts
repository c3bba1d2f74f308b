import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { appendAudit } from '../../../db/audit'
import { accounts, invites } from '../../../db/schema'
import { sessionResponse, wechatLoginInput } from '../../../shared/auth'
import { AppError } from '../../../shared/errors'
import { issueSession } from '../../lib/auth'
import { getEnv } from '../../lib/env'
import { clientAddress, RATE_RULES, type RateHit } from '../../lib/rate-limit'
import { defineRoute, toWebHandler } from '../../lib/route'

const jscode2sessionReply = z.object({
  openid: z.string().min(1).optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
})

// 40029 invalid code, 40163 code already used: the client should simply log in again.
const CODE_ERRORS = new Set([40029, 40163, 40226])

async function openidForCode(code: string): Promise<string> {
  const env = getEnv()
  if (!env.WECHAT_APPID || !env.WECHAT_SECRET) throw new AppError('wechat_login_failed', '服务器未配置微信小程序 AppID')
  const url = new URL('/sns/jscode2session', env.WECHAT_API_BASE)
  url.search = new URLSearchParams({
    appid: env.WECHAT_APPID,
    secret: env.WECHAT_SECRET,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString()
  let reply: z.infer<typeof jscode2sessionReply>
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) })
    reply = jscode2sessionReply.parse(await response.json())
  } catch {
    throw new AppError('wechat_login_failed')
  }
  if (reply.errcode && CODE_ERRORS.has(reply.errcode)) throw new AppError('wechat_code_invalid')
  if (!reply.openid) throw new AppError('wechat_login_failed')
  return reply.openid
}

export const route = defineRoute({
  method: 'POST',
  path: '/api/auth/wechat',
  summary: '微信登录：用 wx.login 的 code 换取会话；首次登录须凭村书记给的邀请码绑定',
  tags: ['auth'],
  auth: 'none',
  tenancy: 'public',
  body: wechatLoginInput,
  response: sessionResponse,
  errors: ['account_not_bound', 'invite_invalid', 'account_already_bound', 'wechat_code_invalid', 'wechat_login_failed', 'rate_limited'],
  // Outside the transaction: WeChat is not kept waiting on an open transaction, and attempts stay
  // counted when the login is then refused (a wrong invite code rolls the transaction back).
  prepare: async ({ request, body, rateLimit }) => {
    // Counted before WeChat is asked, so a flood from one address costs WeChat nothing either.
    const address = clientAddress(request)
    const byAddress: RateHit[] = address === null ? [] : [{ rule: RATE_RULES.loginPerAddress, subject: address }]
    if (address !== null && body.inviteCode) byAddress.push({ rule: RATE_RULES.inviteRedeemPerAddress, subject: address })
    if (byAddress.length > 0) await rateLimit(byAddress)
    const openid = await openidForCode(body.code)
    await rateLimit([
      { rule: RATE_RULES.loginPerOpenid, subject: openid },
      ...(body.inviteCode ? [{ rule: RATE_RULES.inviteRedeemPerOpenid, subject: openid }] : []),
    ])
    return { openid }
  },
  handler: async ({ db, body, prepared }) => {
    const openid = prepared.openid
    if (openid === undefined) throw new Error('prepare did not hand over the openid')
    const [account] = await db.select().from(accounts).where(eq(accounts.wechatOpenid, openid))
    let personId: string
    if (account) {
      personId = account.personId
      await db
        .update(accounts)
        .set({ lastLoginAt: sql`now()` })
        .where(eq(accounts.id, account.id))
    } else {
      if (!body.inviteCode) throw new AppError('account_not_bound')
      const [invite] = await db
        .select()
        .from(invites)
        .where(and(eq(invites.code, body.inviteCode), isNull(invites.usedAt), gt(invites.expiresAt, sql`now()`)))
        .for('update')
      if (!invite) throw new AppError('invite_invalid')
      const bound = await db
        .insert(accounts)
        .values({ personId: invite.personId, wechatOpenid: openid, lastLoginAt: new Date() })
        .onConflictDoNothing()
        .returning({ id: accounts.id })
      if (bound.length === 0) throw new AppError('account_already_bound')
      await db
        .update(invites)
        .set({ usedAt: sql`now()` })
        .where(eq(invites.code, invite.code))
      await appendAudit(db, {
        villageId: invite.villageId,
        actorPersonId: invite.personId,
        action: 'account.bound',
        subjectType: 'person',
        subjectId: invite.personId,
        payload: { invitedBy: invite.createdBy },
      })
      personId = invite.personId
    }
    return issueSession(db, personId)
  },
})

export const POST = toWebHandler(route)
