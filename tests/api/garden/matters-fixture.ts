import { eq, sql } from 'drizzle-orm'
import {
  auditLog,
  gardenMatterAttendance,
  gardenMatterBallots,
  gardenMatterLinks,
  gardenMatterOptions,
  gardenMatters,
  gardenDuties,
  households,
  memberships,
  people,
} from '../../../db/schema'
import { createdResponse } from '../../../shared/garden'
import type { Role } from '../../../shared/roles'
import type { ApiHarness } from '../../harness/api'
import { DEMO_PEOPLE } from '../../../db/seed/demo'

export const STEWARD = '马淑兰'
/** The courtyard's party secretary: may also put matters (the community committee's side). */
export const SECRETARY = '马德利'
export const RESIDENT = '沙秀芳'
export const RESIDENT_2 = '张海涛'
export const RESIDENT_3 = '李永强'
export const OUTSIDER = DEMO_PEOPLE.secretary

export interface MatterOverrides {
  kind?: 'yes_no' | 'choice'
  options?: string[]
  electorate?: 'residents' | 'households' | 'council'
  threshold?: 'voting' | 'eligible'
  opensAt?: string
  closesAt?: string
  pausesDutyId?: string
  title?: string
}

let made = 0
export async function putMatter(api: ApiHarness, overrides: MatterOverrides = {}, by = STEWARD, villageId = api.demo.caibei): Promise<string> {
  made += 1
  const res = await api.call('POST', '/api/garden/matters/create', {
    token: await api.tokenFor(by),
    body: {
      villageId,
      title: overrides.title ?? `测试事项${made}`,
      body: '请大家表决。',
      kind: overrides.kind ?? 'yes_no',
      options: overrides.options ?? [],
      electorate: overrides.electorate ?? 'residents',
      threshold: overrides.threshold ?? 'voting',
      opensAt: overrides.opensAt ?? new Date(Date.now() - 60_000).toISOString(),
      closesAt: overrides.closesAt ?? new Date(Date.now() + 2 * 24 * 3600_000).toISOString(),
      ...(overrides.pausesDutyId ? { pausesDutyId: overrides.pausesDutyId } : {}),
    },
  })
  if (res.status !== 201) throw new Error(`put matter: ${res.status} ${JSON.stringify(res.body)}`)
  return createdResponse.parse(res.body).id
}

export async function vote(api: ApiHarness, name: string, matterId: string, choice: string, villageId = api.demo.caibei) {
  return api.call('POST', '/api/garden/matters/vote', { token: await api.tokenFor(name), body: { villageId, matterId, choice } })
}

export async function close(api: ApiHarness, matterId: string, by = STEWARD, villageId = api.demo.caibei) {
  return api.call('POST', '/api/garden/matters/close', { token: await api.tokenFor(by), body: { villageId, matterId } })
}

export async function hands(api: ApiHarness, matterId: string, presentNames: string[], counts: Record<string, number>, by = STEWARD) {
  const presentKeys = await Promise.all(presentNames.map((name) => api.personId(name)))
  return api.call('POST', '/api/garden/matters/hands', {
    token: await api.tokenFor(by),
    body: { villageId: api.demo.caibei, matterId, presentKeys, hands: counts },
  })
}

/** Voting has ended: the window moved into the past, as if the matter had been put a week ago. */
export async function endVoting(api: ApiHarness, matterId: string) {
  await api.db
    .update(gardenMatters)
    .set({ opensAt: new Date(Date.now() - 7 * 24 * 3600_000), closesAt: new Date(Date.now() - 60_000) })
    .where(eq(gardenMatters.id, matterId))
}

/** A person added to an existing household of 41号院, with roles. */
export async function addToHousehold(api: ApiHarness, householdOf: string, name: string, birthYear: number, roles: Role[]): Promise<string> {
  const [host] = await api.db.select({ householdId: people.householdId }).from(people).where(eq(people.name, householdOf))
  const [person] = await api.db
    .insert(people)
    .values({ name, birthYear, householdId: host?.householdId ?? null, demoPersona: true })
    .returning({ id: people.id })
  if (!person) throw new Error('person insert')
  await api.db.insert(memberships).values(roles.map((role) => ({ personId: person.id, villageId: api.demo.caibei, role })))
  return person.id
}

/** Row counts of the matter tables, ballots by choice, duties paused and the village's audit entries. */
export async function matterSnapshot(api: ApiHarness) {
  const n = async (
    table: typeof gardenMatters | typeof gardenMatterOptions | typeof gardenMatterBallots | typeof gardenMatterAttendance | typeof gardenMatterLinks,
  ) => (await api.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table))[0]?.n ?? 0
  const ballots = await api.db
    .select({ key: gardenMatterBallots.countedKey, choice: gardenMatterBallots.choice, matterId: gardenMatterBallots.matterId })
    .from(gardenMatterBallots)
  const matters = await api.db
    .select({ id: gardenMatters.id, status: gardenMatters.status, hands: gardenMatters.handsEnteredAt, result: gardenMatters.result })
    .from(gardenMatters)
  const options = await api.db
    .select({ matterId: gardenMatterOptions.matterId, key: gardenMatterOptions.key, hands: gardenMatterOptions.hands })
    .from(gardenMatterOptions)
  const paused = await api.db.select({ id: gardenDuties.id }).from(gardenDuties).where(eq(gardenDuties.active, false))
  const audit = (await api.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog))[0]?.n ?? 0
  return {
    counts: {
      matters: await n(gardenMatters),
      options: await n(gardenMatterOptions),
      ballots: await n(gardenMatterBallots),
      attendance: await n(gardenMatterAttendance),
      links: await n(gardenMatterLinks),
    },
    ballots: ballots.sort((a, b) => (a.matterId + a.key).localeCompare(b.matterId + b.key)),
    matters: matters.sort((a, b) => a.id.localeCompare(b.id)).map((m) => ({ ...m, hands: m.hands?.toISOString() ?? null })),
    options: options.sort((a, b) => (a.matterId + a.key).localeCompare(b.matterId + b.key)),
    paused: paused.length,
    audit,
  }
}

export async function householdIdOf(api: ApiHarness, name: string): Promise<string> {
  const [row] = await api.db
    .select({ id: households.id })
    .from(households)
    .innerJoin(people, eq(people.householdId, households.id))
    .where(eq(people.name, name))
  if (!row) throw new Error(`no household for ${name}`)
  return row.id
}
