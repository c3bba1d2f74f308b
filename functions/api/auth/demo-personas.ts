import { and, asc, eq } from 'drizzle-orm'
import { households, memberships, people, villages } from '../../../db/schema'
import { demoPersonasResponse, type DemoPersona } from '../../../shared/auth'
import { AppError } from '../../../shared/errors'
import { roleLabels, type Role } from '../../../shared/roles'
import { demoLoginEnabled } from '../../lib/env'
import { defineRoute, toWebHandler } from '../../lib/route'

/** Roles that run something in the demo, in the order a visitor most wants to try them. */
const DUTY_ORDER: readonly Role[] = ['secretary', 'deputy_secretary', 'garden_steward', 'workshop_head', 'committee_member', 'council_member']
/** Besides the office holders, each village shows a few plain residents, elderly first. */
const RESIDENTS_PER_VILLAGE = 2

interface Candidate {
  persona: DemoPersona
  villageId: string
  villageOrder: number
  elderly: boolean
  rank: number
}

export const route = defineRoute({
  method: 'GET',
  path: '/api/auth/demo-personas',
  summary: '演示人物列表（仅 DEMO_LOGIN=1 时开放）',
  tags: ['auth'],
  auth: 'none',
  tenancy: 'public',
  response: demoPersonasResponse,
  errors: ['demo_login_disabled'],
  handler: async ({ db }) => {
    if (!demoLoginEnabled()) throw new AppError('demo_login_disabled')
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
      .innerJoin(people, and(eq(people.id, memberships.personId), eq(people.demoPersona, true)))
      .innerJoin(villages, eq(villages.id, memberships.villageId))
      .leftJoin(households, eq(households.id, people.householdId))
      .orderBy(asc(villages.createdAt), asc(people.createdAt))

    const villageOrder = new Map<string, number>()
    const byPerson = new Map<string, Candidate>()
    for (const row of rows) {
      if (!villageOrder.has(row.villageId)) villageOrder.set(row.villageId, villageOrder.size)
      // A person shown once, under the first village where they hold a role.
      const candidate = byPerson.get(row.personId) ?? {
        persona: { personId: row.personId, name: row.name, villageName: row.villageName, roles: [], description: '' },
        villageId: row.villageId,
        villageOrder: villageOrder.get(row.villageId) ?? 0,
        elderly: row.elderly ?? false,
        rank: DUTY_ORDER.length,
      }
      if (candidate.villageId !== row.villageId) continue
      candidate.persona.roles.push(row.role)
      const rank = DUTY_ORDER.indexOf(row.role)
      if (rank >= 0) candidate.rank = Math.min(candidate.rank, rank)
      byPerson.set(row.personId, candidate)
    }

    const residentsShown = new Map<string, number>()
    const chosen = [...byPerson.values()]
      .sort((a, b) => a.villageOrder - b.villageOrder || a.rank - b.rank || Number(b.elderly) - Number(a.elderly))
      .filter((candidate) => {
        if (candidate.rank < DUTY_ORDER.length) return true
        const shown = residentsShown.get(candidate.villageId) ?? 0
        residentsShown.set(candidate.villageId, shown + 1)
        return shown < RESIDENTS_PER_VILLAGE
      })
    const personas = chosen.map(({ persona, elderly, rank }) => {
      const duties = persona.roles.filter((role) => DUTY_ORDER.includes(role))
      const shown = rank < DUTY_ORDER.length ? duties : persona.roles
      const labels = shown.map((role) => roleLabels[role]).join('、')
      return { ...persona, description: `${persona.villageName} · ${labels}${elderly ? ' · 老年户' : ''}` }
    })
    return { personas }
  },
})

export const GET = toWebHandler(route)
