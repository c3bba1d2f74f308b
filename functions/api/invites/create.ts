import { randomInt } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../db/audit'
import { memberships, people, invites } from '../../../db/schema'
import { createInviteInput, inviteResponse } from '../../../shared/auth'
import { AppError } from '../../../shared/errors'
import { branchLeaders } from '../../../shared/roles'

import { RATE_RULES } from '../../lib/rate-limit'
import { defineRoute, toWebHandler } from '../../lib/route'

// No 0/O or 1/I: the code is read aloud and typed by elderly villagers.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const INVITE_DAYS = 7

function newInviteCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

export const route = defineRoute({
  method: 'POST',
  path: '/api/invites/create',
  summary: '书记为村民生成微信绑定邀请码（7天有效）',
  tags: ['auth'],
  roles: branchLeaders,
  auth: 'user',
  tenancy: 'body',
  body: createInviteInput,
  response: inviteResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'rate_limited'],
  handler: async ({ db, session, body, rateLimit }) => {
    // Every live code is one more a guess could hit: a village mints a bounded number a day.
    await rateLimit([{ rule: RATE_RULES.inviteCreatePerVillage, subject: body.villageId }])
    const [person] = await db
      .select({ id: people.id, name: people.name })
      .from(people)
      .innerJoin(memberships, eq(memberships.personId, people.id))
      .where(and(eq(people.id, body.personId), eq(memberships.villageId, body.villageId)))
      .limit(1)
    if (!person) throw new AppError('not_found', '本村没有这位村民')
    const expiresAt = new Date(Date.now() + INVITE_DAYS * 24 * 3600 * 1000)
    const code = newInviteCode()
    await db.insert(invites).values({
      code,
      villageId: body.villageId,
      personId: person.id,
      createdBy: session.personId,
      expiresAt,
    })
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'invite.created',
      subjectType: 'person',
      subjectId: person.id,
      payload: { expiresAt: expiresAt.toISOString() },
    })
    return { code, expiresAt: expiresAt.toISOString(), personName: person.name }
  },
})

export const POST = toWebHandler(route)
