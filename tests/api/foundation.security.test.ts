import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { count } from 'drizzle-orm'
import { invites, memberships } from '../../db/schema'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { meSchema } from '../../shared/auth'
import { getEnv } from '../../functions/lib/env'
import { errorCodeOf, setupApi } from '../harness/api'

const api = await setupApi()
const secretaryId = await api.personId(DEMO_PEOPLE.secretary)
const secret = new TextEncoder().encode(getEnv().SESSION_SECRET)

function token(options: { sub?: string; key?: Uint8Array; exp?: number; alg?: 'HS256' | 'HS512'; audience?: string }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject(options.sub ?? secretaryId)
    .setIssuer('xiangyue')
    .setAudience(options.audience ?? 'xiangyue-miniapp')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 3600)
    .sign(options.key ?? secret)
}

describe('tokens', async () => {
  const good = await token({})
  const cases: { name: string; header: string | undefined; code: string }[] = [
    { name: 'no token', header: undefined, code: 'unauthenticated' },
    { name: 'not a bearer', header: `Basic ${good}`, code: 'unauthenticated' },
    { name: 'garbage', header: 'Bearer not.a.jwt', code: 'unauthenticated' },
    {
      name: 'tampered payload',
      header: `Bearer ${good.split('.')[0]}.${Buffer.from('{"sub":"x"}').toString('base64url')}.${good.split('.')[2]}`,
      code: 'unauthenticated',
    },
    {
      name: 'signed with another secret',
      header: `Bearer ${await token({ key: new TextEncoder().encode('another-secret-another-secret-another-secret') })}`,
      code: 'unauthenticated',
    },
    { name: 'expired', header: `Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 60 })}`, code: 'session_expired' },
    { name: 'wrong audience', header: `Bearer ${await token({ audience: 'someone-else' })}`, code: 'unauthenticated' },
    { name: 'person that does not exist', header: `Bearer ${await token({ sub: '00000000-0000-4000-8000-000000000000' })}`, code: 'unauthenticated' },
    {
      name: 'alg none',
      header: `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"sub":"${secretaryId}"}`).toString('base64url')}.`,
      code: 'unauthenticated',
    },
  ]
  it.each(cases)('$name → 401 $code', async ({ header, code }) => {
    const res = await api.call('GET', '/api/me', { headers: header ? { authorization: header } : {} })
    expect(res.status).toBe(401)
    expect(errorCodeOf(res)).toBe(code)
  })

  it('a good token works', async () => {
    const res = await api.call('GET', '/api/me', { token: good })
    expect(res.status).toBe(200)
    expect(meSchema.parse(res.body).person.id).toBe(secretaryId)
  })
})

describe('village scoping', () => {
  it('refuses another village’s overview and audit', async () => {
    const gardenSteward = await api.tokenFor(DEMO_PEOPLE.gardenSteward)
    for (const path of ['/api/villages/overview', '/api/audit/verify']) {
      const res = await api.call('GET', path, { token: gardenSteward, query: { villageId: api.demo.gaojing } })
      expect(res.status).toBe(403)
      expect(errorCodeOf(res)).toBe('not_member_of_village')
    }
  })

  it('lets only the branch secretary or deputy create invites, and only for their own village', async () => {
    const [before] = await api.db.select({ n: count() }).from(invites)
    const villager = await api.tokenFor('包巴特尔')
    const asVillager = await api.call('POST', '/api/invites/create', {
      token: villager,
      body: { villageId: api.demo.gaojing, personId: await api.personId('朝鲁') },
    })
    expect(asVillager.status).toBe(403)
    expect(errorCodeOf(asVillager)).toBe('forbidden')

    const secretary = await api.tokenFor(DEMO_PEOPLE.secretary)
    const workshopHeadId = await api.personId(DEMO_PEOPLE.workshopHead)
    const otherVillage = await api.call('POST', '/api/invites/create', {
      token: secretary,
      body: { villageId: api.demo.guanli, personId: workshopHeadId },
    })
    expect(otherVillage.status).toBe(403)
    const foreignPerson = await api.call('POST', '/api/invites/create', {
      token: secretary,
      body: { villageId: api.demo.gaojing, personId: workshopHeadId },
    })
    expect(foreignPerson.status).toBe(404)
    const [after] = await api.db.select({ n: count() }).from(invites)
    expect(after?.n).toBe(before?.n)
  })

  it('roles follow the database, not the token: a revoked role stops working at once', async () => {
    const deputyId = await api.personId(DEMO_PEOPLE.deputySecretary)
    const deputy = await api.tokenFor(DEMO_PEOPLE.deputySecretary)
    const body = { villageId: api.demo.gaojing, personId: await api.personId('包巴特尔') }
    expect((await api.call('POST', '/api/invites/create', { token: deputy, body })).status).toBe(201)
    const { and, eq } = await import('drizzle-orm')
    await api.db.delete(memberships).where(and(eq(memberships.personId, deputyId), eq(memberships.role, 'deputy_secretary')))
    const res = await api.call('POST', '/api/invites/create', { token: deputy, body })
    expect(res.status).toBe(403)
  })

  it('a person in two villages sees both, with the roles held in each', async () => {
    const stewardId = await api.personId(DEMO_PEOPLE.gardenSteward)
    await api.db.insert(memberships).values({ personId: stewardId, villageId: api.demo.guanli, role: 'villager' })
    const me = meSchema.parse((await api.call('GET', '/api/me', { token: await api.tokenFor(DEMO_PEOPLE.gardenSteward) })).body)
    const byVillage = Object.fromEntries(me.memberships.map((membership) => [membership.villageId, membership.roles]))
    expect(byVillage[api.demo.caibei]).toContain('garden_steward')
    expect(byVillage[api.demo.guanli]).toEqual(['villager'])
  })
})
