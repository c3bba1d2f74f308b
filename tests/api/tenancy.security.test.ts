import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { issueSessionToken } from '../../functions/lib/auth'
import { defineRoute, toWebHandler } from '../../functions/lib/route'
import { memberships } from '../../db/schema'
import { routes } from '../../functions/routes'
import { workshopHeads } from '../../shared/roles'
import { DEMO_PEOPLE } from '../../db/seed/demo'
import { setupApi } from '../harness/api'

const api = await setupApi()

/** A member of 馆里村 who is not its workshop head. */
async function plainVillagerToken(): Promise<string> {
  const rows = await api.db
    .select({ personId: memberships.personId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.villageId, api.demo.guanli))
  const heads = new Set(rows.filter((r) => r.role === 'workshop_head').map((r) => r.personId))
  const plain = rows.find((r) => !heads.has(r.personId))
  if (!plain) throw new Error('the demo has no plain villager in 馆里村')
  return (await issueSessionToken(plain.personId)).token
}

/** A probe route whose village comes from what it "loads": the id of a village in its query. */
function entityProbe(authorises: boolean) {
  return toWebHandler(
    defineRoute({
      method: 'GET',
      path: '/api/probe',
      summary: 'probe',
      auth: 'user',
      tenancy: 'entity',
      roles: workshopHeads,
      query: z.object({ villageId: z.string() }),
      response: z.object({ ok: z.boolean() }),
      handler: async ({ authorize, query }) => {
        if (authorises) authorize(query.villageId)
        return { ok: true }
      },
    }),
  )
}

async function probe(authorises: boolean, villageId: string, token: string) {
  const handler = entityProbe(authorises)
  const response = await handler(new Request(`http://test/api/probe?villageId=${villageId}`, { headers: { authorization: `Bearer ${token}` } }))
  return { status: response.status, body: (await response.json()) as { error?: { code: string } } }
}

describe('tenancy is declared once and enforced by the wrapper', () => {
  it('every route that takes a login declares where its village comes from', () => {
    for (const route of routes) {
      if (route.auth === 'none') expect(route.tenancy, route.path).toBe('public')
      else if (route.auth === 'cron') expect(route.tenancy, route.path).toBe('scheduler')
      else expect(['query', 'body', 'entity', 'caller'], route.path).toContain(route.tenancy)
    }
  })

  it("a 'query' or 'body' route takes the village in its input", () => {
    for (const route of routes) {
      if (route.tenancy !== 'query' && route.tenancy !== 'body') continue
      const schema = route.tenancy === 'query' ? route.query : route.body
      expect(schema, route.path).toBeDefined()
      const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape
      expect(shape && 'villageId' in shape, route.path).toBe(true)
    }
  })

  it("an 'entity' route that answers without authorising is refused as our bug, not answered", async () => {
    const forgot = await probe(false, api.demo.guanli, await api.tokenFor(DEMO_PEOPLE.workshopHead))
    expect(forgot.status).toBe(500)
    expect(forgot.body.error?.code).toBe('internal_error')
  })

  it('the declared roles decide: the head passes, a member without the role and an outsider do not', async () => {
    expect((await probe(true, api.demo.guanli, await api.tokenFor(DEMO_PEOPLE.workshopHead))).status).toBe(200)
    const villager = await probe(true, api.demo.guanli, await plainVillagerToken())
    expect(villager.status).toBe(403)
    expect(villager.body.error?.code).toBe('forbidden')
    const outsider = await probe(true, api.demo.guanli, await api.tokenFor(DEMO_PEOPLE.gardenSteward))
    expect(outsider.status).toBe(403)
    expect(outsider.body.error?.code).toBe('not_member_of_village')
  })
})
