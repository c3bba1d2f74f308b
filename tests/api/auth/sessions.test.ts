/**
 * Safe defaults: a 30-day token could not be ended. Each token now carries the person's session
 * version; logout, "sign out my other phones", a branch leader's remote sign-out and unbinding
 * WeChat raise it, and every request — including the ballot, which reads the caller itself —
 * refuses an older token at once.
 */
import { randomUUID } from 'node:crypto'
import { and, count, eq } from 'drizzle-orm'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { accounts, auditLog, auditOutbox, households, memberships, people } from '../../../db/schema'
import { DEMO_PEOPLE } from '../../../db/seed/demo'
import { issueSessionToken } from '../../../functions/lib/auth'
import { getEnv } from '../../../functions/lib/env'
import { remoteSignOutRefusal, sessionResponse, signOutPersonResponse } from '../../../shared/auth'
import type { Role } from '../../../shared/roles'
import { errorCodeOf, setupApi } from '../../harness/api'

const api = await setupApi({ DEMO_LOGIN: '1' })

/** A villager of `village` with a household of their own, so each test has someone untouched. */
async function villager(villageId: string, roles: Role[] = ['villager']): Promise<string> {
  const [household] = await api.db
    .insert(households)
    .values({ villageId, label: `会话测试户 ${randomUUID().slice(0, 6)}`, elderly: false })
    .returning({ id: households.id })
  const [person] = await api.db
    .insert(people)
    .values({ name: '会话测试', birthYear: 1970, householdId: household?.id ?? null })
    .returning({ id: people.id })
  if (!person) throw new Error('insert failed')
  await api.db.insert(memberships).values(roles.map((role) => ({ personId: person.id, villageId, role })))
  return person.id
}

async function loginAs(personId: string): Promise<string> {
  const [row] = await api.db.select({ v: people.sessionVersion }).from(people).where(eq(people.id, personId))
  return (await issueSessionToken(personId, row?.v ?? 0)).token
}

const me = (token: string) => api.call('GET', '/api/me', { token })
/** A ballot for a motion that does not exist: 404 with a current session, 401 with an ended one. */
const ballot = (token: string) => api.call('POST', '/api/land/votes/cast', { token, body: { motionId: randomUUID(), choice: 'for' } })

async function versionOf(personId: string): Promise<number> {
  const [row] = await api.db.select({ v: people.sessionVersion }).from(people).where(eq(people.id, personId))
  return row?.v ?? -1
}

describe('logout', () => {
  it('ends the session on every phone at once, the ballot route included; a new login works', async () => {
    const personId = await villager(api.demo.gaojing)
    const phone = await loginAs(personId)
    const otherPhone = await loginAs(personId)
    expect((await me(phone)).status).toBe(200)
    expect((await ballot(otherPhone)).status).toBe(404)

    const out = await api.call('POST', '/api/auth/logout', { token: phone })
    expect(out.status).toBe(200)
    for (const token of [phone, otherPhone]) {
      const after = await me(token)
      expect(after.status).toBe(401)
      expect(errorCodeOf(after)).toBe('session_revoked')
      const vote = await ballot(token)
      expect(vote.status).toBe(401)
      expect(errorCodeOf(vote)).toBe('session_revoked')
    }
    // Replaying the logout with the ended token changes nothing more.
    expect((await api.call('POST', '/api/auth/logout', { token: phone })).status).toBe(401)
    expect(await versionOf(personId)).toBe(1)

    const fresh = await loginAs(personId)
    expect((await me(fresh)).status).toBe(200)
    expect((await ballot(fresh)).status).toBe(404)
  })

  it('demo login after a logout signs a token at the new version', async () => {
    const secretaryId = await api.personId(DEMO_PEOPLE.deputySecretary)
    const first = sessionResponse.parse((await api.call('POST', '/api/auth/demo', { body: { personId: secretaryId } })).body)
    expect((await api.call('POST', '/api/auth/logout', { token: first.token })).status).toBe(200)
    const second = sessionResponse.parse((await api.call('POST', '/api/auth/demo', { body: { personId: secretaryId } })).body)
    expect((await me(second.token)).status).toBe(200)
    expect((await me(first.token)).status).toBe(401)
  })

  it('a token signed before versions existed (no claim) stands at version 0 until the first logout', async () => {
    const personId = await villager(api.demo.gaojing)
    const legacy = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(personId)
      .setIssuer('xiangyue')
      .setAudience('xiangyue-miniapp')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + 3600)
      .sign(new TextEncoder().encode(getEnv().SESSION_SECRET))
    expect((await me(legacy)).status).toBe(200)
    expect((await api.call('POST', '/api/auth/logout', { token: legacy })).status).toBe(200)
    expect(errorCodeOf(await me(legacy))).toBe('session_revoked')
  })
})

describe('sign out my other phones (a lost phone)', () => {
  it('ends the lost phone’s session at once and gives this phone a new one', async () => {
    const personId = await villager(api.demo.caibei)
    const lost = await loginAs(personId)
    const inHand = await loginAs(personId)
    const res = await api.call('POST', '/api/auth/sign-out-others', { token: inHand })
    expect(res.status).toBe(200)
    const renewed = sessionResponse.parse(res.body)
    expect(renewed.me.person.id).toBe(personId)
    expect(errorCodeOf(await me(lost))).toBe('session_revoked')
    expect(errorCodeOf(await me(inHand))).toBe('session_revoked')
    expect((await me(renewed.token)).status).toBe(200)
    expect((await ballot(renewed.token)).status).toBe(404)
  })
})

describe('a branch leader signs a villager’s phone out', () => {
  it('ends the villager’s sessions at once, records it in the audit log, and can unbind WeChat', async () => {
    const secretary = await api.someone(api.demo.gaojing, 'secretary')
    const personId = await villager(api.demo.gaojing)
    await api.db.insert(accounts).values({ personId, wechatOpenid: `openid-${randomUUID()}` })
    const phone = await loginAs(personId)

    const kept = await api.call('POST', '/api/villages/sign-out-person', { token: secretary.token, body: { villageId: api.demo.gaojing, personId } })
    expect(kept.status).toBe(200)
    expect(signOutPersonResponse.parse(kept.body).wechatUnbound).toBe(false)
    expect(errorCodeOf(await me(phone))).toBe('session_revoked')
    expect(errorCodeOf(await ballot(phone))).toBe('session_revoked')
    const [stillBound] = await api.db.select({ n: count() }).from(accounts).where(eq(accounts.personId, personId))
    expect(stillBound?.n).toBe(1)

    const second = await loginAs(personId)
    const unbound = await api.call('POST', '/api/villages/sign-out-person', {
      token: secretary.token,
      body: { villageId: api.demo.gaojing, personId, unbindWechat: true },
    })
    expect(unbound.status).toBe(200)
    expect(signOutPersonResponse.parse(unbound.body)).toMatchObject({ wechatUnbound: true })
    expect(errorCodeOf(await me(second))).toBe('session_revoked')
    const [gone] = await api.db.select({ n: count() }).from(accounts).where(eq(accounts.personId, personId))
    expect(gone?.n).toBe(0)

    const audited = await api.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'person'), eq(auditLog.subjectId, personId)))
      .orderBy(auditLog.seq)
    expect(audited.map((row) => row.action)).toEqual(['session.revoked', 'session.revoked_and_wechat_unbound'])
  })

  it('the secretary’s own phone, by the secretary, is allowed', async () => {
    const secretaryId = await villager(api.demo.caibei, ['villager', 'secretary'])
    const token = await loginAs(secretaryId)
    const res = await api.call('POST', '/api/villages/sign-out-person', { token, body: { villageId: api.demo.caibei, personId: secretaryId } })
    expect(res.status).toBe(200)
    expect(errorCodeOf(await me(token))).toBe('session_revoked')
  })

  const refusals: { name: string; caller: () => Promise<string>; target: () => Promise<string>; village: () => string; status: number; code: string }[] = [
    {
      name: 'a villager',
      caller: async () => loginAs(await villager(api.demo.gaojing)),
      target: () => villager(api.demo.gaojing),
      village: () => api.demo.gaojing,
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'a committee member',
      caller: async () => loginAs(await villager(api.demo.gaojing, ['villager', 'committee_member'])),
      target: () => villager(api.demo.gaojing),
      village: () => api.demo.gaojing,
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'another village’s secretary',
      caller: async () => loginAs(await villager(api.demo.guanli, ['villager', 'secretary'])),
      target: () => villager(api.demo.gaojing),
      village: () => api.demo.gaojing,
      status: 403,
      code: 'not_member_of_village',
    },
    {
      name: 'a secretary, for someone of another village',
      caller: async () => (await api.someone(api.demo.gaojing, 'secretary')).token,
      target: () => villager(api.demo.caibei),
      village: () => api.demo.gaojing,
      status: 404,
      code: 'not_found',
    },
    {
      name: 'a deputy, for the secretary',
      caller: async () => loginAs(await villager(api.demo.gaojing, ['villager', 'deputy_secretary'])),
      target: () => api.personId(DEMO_PEOPLE.secretary),
      village: () => api.demo.gaojing,
      status: 403,
      code: 'forbidden',
    },
  ]
  it.each(refusals)('refuses $name ($status $code) and changes nothing', async ({ caller, target, village, status, code }) => {
    const token = await caller()
    const personId = await target()
    const phone = await loginAs(personId)
    const before = { version: await versionOf(personId), audit: await auditCount() }
    const res = await api.call('POST', '/api/villages/sign-out-person', { token, body: { villageId: village(), personId, unbindWechat: true } })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect({ version: await versionOf(personId), audit: await auditCount() }).toEqual(before)
    expect((await me(phone)).status).toBe(200)
  })
})

describe('remoteSignOutRefusal (shared rule)', () => {
  it.each([
    { roles: [] as Role[], self: false, refused: true },
    { roles: ['villager'] as Role[], self: false, refused: false },
    { roles: ['villager', 'deputy_secretary'] as Role[], self: false, refused: false },
    { roles: ['villager', 'secretary'] as Role[], self: false, refused: true },
    { roles: ['villager', 'secretary'] as Role[], self: true, refused: false },
  ])('$roles self=$self → refused $refused', ({ roles, self, refused }) => {
    expect(remoteSignOutRefusal(roles, self) !== null).toBe(refused)
  })
})

async function auditCount(): Promise<number> {
  const [log] = await api.db.select({ n: count() }).from(auditLog)
  const [outbox] = await api.db.select({ n: count() }).from(auditOutbox)
  return (log?.n ?? 0) + (outbox?.n ?? 0)
}
