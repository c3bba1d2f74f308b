import { describe, expect, it } from 'vitest'
import { latestMigrationTag } from '../../db/migrate'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { auditVerifyResponse, demoPersonasResponse, healthResponse, meSchema, sessionResponse, villageOverviewResponse } from '../../shared/auth'
import { setupApi } from '../harness/api'

const api = await setupApi()

describe('health', () => {
  it('reports the driver and the newest migration', async () => {
    const res = await api.call('GET', '/api/health')
    expect(res.status).toBe(200)
    const health = healthResponse.parse(res.body)
    expect(health.driver).toBe(api.database.driver)
    expect(health.migration).toBe(latestMigrationTag())
    expect(health.migrationsApplied).toBeGreaterThanOrEqual(1)
  })
})

describe('demo login', () => {
  it('lists personas with the branch secretary first and logs in as one', async () => {
    const list = demoPersonasResponse.parse((await api.call('GET', '/api/auth/demo-personas')).body)
    const secretary = list.personas[0]
    expect(secretary?.name).toBe(DEMO_PEOPLE.secretary)
    expect(secretary?.roles).toContain('secretary')
    expect(list.personas[1]?.name).toBe(DEMO_PEOPLE.deputySecretary)
    const offices = ['secretary', 'deputy_secretary', 'garden_steward', 'workshop_head', 'committee_member', 'council_member']
    const plainByVillage = new Map<string, number>()
    for (const persona of list.personas) {
      if (persona.roles.some((role) => offices.includes(role))) continue
      plainByVillage.set(persona.villageName, (plainByVillage.get(persona.villageName) ?? 0) + 1)
    }
    expect([...plainByVillage.values()].every((n) => n <= 2)).toBe(true)
    expect(list.personas.some((persona) => persona.description.includes('老年户'))).toBe(true)
    expect(new Set(list.personas.map((persona) => persona.personId)).size).toBe(list.personas.length)
    expect(list.personas.some((persona) => persona.roles.includes('garden_steward'))).toBe(true)
    expect(list.personas.some((persona) => persona.roles.includes('workshop_head'))).toBe(true)
    expect(list.personas.some((persona) => persona.roles.every((role) => role === 'villager' || role === 'household_rep'))).toBe(true)

    const login = await api.call('POST', '/api/auth/demo', { body: { personId: secretary?.personId } })
    expect(login.status).toBe(200)
    const session = sessionResponse.parse(login.body)
    expect(session.me.person.name).toBe(DEMO_PEOPLE.secretary)

    const me = meSchema.parse((await api.call('GET', '/api/me', { token: session.token })).body)
    expect(me.memberships).toHaveLength(1)
    expect(me.memberships[0]?.villageName).toBe('高井嘎查')
    expect(me.memberships[0]?.roles).toEqual(expect.arrayContaining(['secretary', 'villager', 'household_rep']))
  })
})

describe('village overview', () => {
  it('counts 高井嘎查: 40 households, elderly ones, adults, and its leaders', async () => {
    const token = await api.tokenFor(DEMO_PEOPLE.deputySecretary)
    const res = await api.call('GET', '/api/villages/overview', { token, query: { villageId: api.demo.gaojing } })
    expect(res.status).toBe(200)
    const overview = villageOverviewResponse.parse(res.body)
    expect(overview.village.kind).toBe('gachaa')
    expect(overview.households).toBe(40)
    expect(overview.elderlyHouseholds).toBe(8)
    expect(overview.adults).toBeLessThan(overview.people)
    expect(overview.leaders).toEqual(
      expect.arrayContaining([
        { name: DEMO_PEOPLE.secretary, role: 'secretary' },
        { name: DEMO_PEOPLE.deputySecretary, role: 'deputy_secretary' },
      ]),
    )
  })
})

describe('invites and the audit chain', () => {
  it('lets the secretary invite a villager, records it, and the chain verifies', async () => {
    const secretary = await api.someone(api.demo.gaojing, 'secretary')
    const villager = await api.personId('包巴特尔')
    const seeded = auditVerifyResponse.parse(
      (await api.call('GET', '/api/audit/verify', { token: secretary.token, query: { villageId: api.demo.gaojing } })).body,
    ).entries
    const res = await api.call('POST', '/api/invites/create', {
      token: secretary.token,
      body: { villageId: api.demo.gaojing, personId: villager },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/), personName: '包巴特尔' })

    const verify = auditVerifyResponse.parse(
      (await api.call('GET', '/api/audit/verify', { token: secretary.token, query: { villageId: api.demo.gaojing } })).body,
    )
    // village.seeded and the features' seeded history, then invite.created
    expect(verify).toMatchObject({ ok: true, entries: seeded + 1, firstBadSeq: null })
  })
})

describe('openapi', () => {
  it('documents every route with its body, parameters and error responses', async () => {
    const res = await api.call('GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = res.body as {
      openapi: string
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown>; parameters?: { name: string }[] }>>
    }
    expect(doc.openapi).toBe('3.1.0')
    const { routes } = await import('../../functions/routes')
    for (const route of routes) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()]
      expect(operation, route.path).toBeDefined()
      expect(Object.keys(operation?.responses ?? {})).toContain(String(route.successStatus ?? 200))
      if (route.body) expect(operation?.requestBody, route.path).toBeDefined()
    }
    const invite = doc.paths['/api/invites/create']?.post
    expect(Object.keys(invite?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '413']))
    const overview = doc.paths['/api/villages/overview']?.get
    expect(overview?.parameters?.map((parameter) => parameter.name)).toContain('villageId')
  })
})
