import { asc, eq } from 'drizzle-orm'
import { households, memberships, people, villages } from '../../../db/schema'
import { demoPersonasResponse, type DemoPersona } from '../../../shared/auth'
import { AppError } from '../../../shared/errors'
import { roleLabels, type Role } from '../../../shared/roles'
import { getEnv } from '../../lib/env'
import { defineRoute, toWebHandler } from '../../lib/route'

const ORDINARY: readonly Role[] = ['villager', 'household_rep']
const ORDINARY_PER_VILLAGE = 2

export const route = defineRoute({
  method: 'GET',
  path: '/api/auth/demo-personas',
  summary: '演示人物列表（仅 DEMO_LOGIN=1 时开放）',
  tags: ['auth'],
  auth: 'none',
  response: demoPersonasResponse,
  errors: ['demo_login_disabled'],
  handler: async ({ db }) => {
    if (getEnv().DEMO_LOGIN !== '1') throw new AppError('demo_login_disabled')
    const rows = await db
      .select({
        personId: people.id,
        name: people.name,
        villageId: villages.id,
        villageName: villages.name,
        role: memberships.role,
        elderly: households.elderly,
      })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .innerJoin(villages, eq(villages.id, memberships.villageId))
      .leftJoin(households, eq(households.id, people.householdId))
      .orderBy(asc(villages.createdAt), asc(people.createdAt))
    const byPersonVillage = new Map<string, { persona: DemoPersona; villageId: string; elderly: boolean }>()
    for (const row of rows) {
      const id = `${row.personId}:${row.villageId}`
      const entry = byPersonVillage.get(id) ?? {
        villageId: row.villageId,
        elderly: row.elderly ?? false,
        persona: { personId: row.personId, name: row.name, villageName: row.villageName, roles: [], description: '' },
      }
      entry.persona.roles.push(row.role)
      byPersonVillage.set(id, entry)
    }
    // Everyone with a duty, then a couple of ordinary villagers (an elderly one first) per village.
    const personas: DemoPersona[] = []
    const ordinaryCount = new Map<string, number>()
    const seen = new Set<string>()
    const entries = [...byPersonVillage.values()].sort((a, b) => Number(b.elderly) - Number(a.elderly))
    for (const { persona, villageId, elderly } of entries) {
      const special = persona.roles.filter((role) => !ORDINARY.includes(role))
      if (special.length === 0) {
        const count = ordinaryCount.get(villageId) ?? 0
        if (count >= ORDINARY_PER_VILLAGE) continue
        ordinaryCount.set(villageId, count + 1)
      }
      if (seen.has(persona.personId)) continue
      seen.add(persona.personId)
      const shown = special.length > 0 ? special : persona.roles
      const description = `${persona.villageName} · ${shown.map((role) => roleLabels[role]).join('、')}${elderly ? ' · 老年户' : ''}`
      personas.push({ ...persona, description })
    }
    const rank = (persona: DemoPersona) => (persona.roles.some((role) => !ORDINARY.includes(role)) ? 0 : 1)
    personas.sort((a, b) => rank(a) - rank(b))
    return { personas }
  },
})

export const GET = toWebHandler(route)
