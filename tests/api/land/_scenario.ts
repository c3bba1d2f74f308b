import { and, asc, eq, gt, lte } from 'drizzle-orm'
import { expect } from 'vitest'
import { households, memberships, people } from '../../../db/schema'
import { DEMO_PEOPLE } from '../../../db/seed/demo'
import { todayInChina } from '../../../shared/time'
import { issueSessionToken } from '../../../functions/lib/auth'
import { tallyResponse } from '../../../shared/land'
import { comparePlaces, householdLabel } from '../../../shared/people'
import type { ApiHarness, CallResult } from '../../harness/api'

export const TODAY = todayInChina()
export const THIS_YEAR = Number(TODAY.slice(0, 4))
/** A year no seed uses, so each test file can set up its own award year. */
export const TEST_YEAR = 2031

export function idOf(result: CallResult): string {
  expect(result.status, JSON.stringify(result.body)).toBeLessThan(300)
  const body = result.body as { id?: unknown }
  if (typeof body.id !== 'string') throw new Error(`no id in ${JSON.stringify(result.body)}`)
  return body.id
}

export interface Cast {
  secretary: string
  deputy: string
  villager: string
  villagerId: string
  outsider: string
}

/** Demo names repeat across households (two 包巴特尔 head theirs), so tests sign in by id. */
export async function tokenForId(personId: string): Promise<string> {
  return (await issueSessionToken(personId)).token
}

/** The villager of these tests: 包巴特尔 of 二组15号 (the other heads 四组33号), an adult with no office. */
export async function villagerOf(api: ApiHarness): Promise<string> {
  const [row] = await api.db
    .select({ id: people.id })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(and(eq(people.name, '包巴特尔'), eq(households.villageId, api.demo.gaojing), eq(households.houseNumber, '15号')))
  if (!row) throw new Error('no 包巴特尔 in 二组15号')
  return row.id
}

export async function cast(api: ApiHarness): Promise<Cast> {
  const villagerId = await villagerOf(api)
  return {
    secretary: await api.tokenFor(DEMO_PEOPLE.secretary),
    deputy: await api.tokenFor(DEMO_PEOPLE.deputySecretary),
    villager: await tokenForId(villagerId),
    villagerId,
    outsider: await api.tokenFor(DEMO_PEOPLE.gardenSteward),
  }
}

/** 高井嘎查's households in roll order (一组1号 first), each with the label lists show. */
export async function gaojingHouseholds(api: ApiHarness): Promise<{ id: string; label: string }[]> {
  const rows = await api.db
    .select({ id: households.id, label: households.label, group: households.group, houseNumber: households.houseNumber })
    .from(households)
    .where(eq(households.villageId, api.demo.gaojing))
  return rows.sort(comparePlaces).map((row) => ({ id: row.id, label: householdLabel(row) }))
}

export async function gaojingAdults(api: ApiHarness, year = THIS_YEAR): Promise<{ id: string; name: string }[]> {
  return api.db
    .select({ id: people.id, name: people.name })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(and(eq(households.villageId, api.demo.gaojing), lte(people.birthYear, year - 18)))
    .orderBy(asc(people.name))
}

export async function gaojingMinor(api: ApiHarness): Promise<{ id: string; name: string }> {
  const [row] = await api.db
    .select({ id: people.id, name: people.name })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(and(eq(memberships.villageId, api.demo.gaojing), gt(people.birthYear, THIS_YEAR - 18)))
    .limit(1)
  if (!row) throw new Error('no minor in 高井嘎查')
  return row
}

/** 10 parcels of 12 mu: 120 mu, room for 10 households. */
export function tenParcels(prefix = '测试地'): { name: string; areaTenthMu: number }[] {
  return Array.from({ length: 10 }, (_, i) => ({ name: `${prefix}${i + 1}号`, areaTenthMu: 120 }))
}

export async function createYear(api: ApiHarness, token: string, year = TEST_YEAR, prefix = `测试地${year}-`): Promise<string> {
  return idOf(
    await api.call('POST', '/api/land/years/create', {
      token,
      body: { villageId: api.demo.gaojing, year, perHouseholdTenthMu: 120, season: `${year}年春播至秋收`, parcels: tenParcels(prefix) },
    }),
  )
}

/** Nominates the given households and approves them all; returns nomination ids in order. */
export async function nominateAndApprove(api: ApiHarness, token: string, awardYearId: string, householdIds: string[]): Promise<string[]> {
  const ids: string[] = []
  for (const householdId of householdIds) {
    const id = idOf(
      await api.call('POST', '/api/land/nominations/create', {
        token,
        body: { awardYearId, householdId, deedKind: 'no_birthday_banquet', deedDate: `${THIS_YEAR}-03-01`, notes: '拒办寿宴' },
      }),
    )
    expect((await api.call('POST', '/api/land/nominations/review', { token, body: { nominationId: id, decision: 'approved' } })).status).toBe(200)
    ids.push(id)
  }
  return ids
}

export async function openUrgentMeeting(
  api: ApiHarness,
  token: string,
  awardYearId: string,
  type: 'assembly' | 'assembly_households' | 'representatives' = 'assembly',
): Promise<string> {
  const meetingId = idOf(
    await api.call('POST', '/api/land/meetings/create', {
      token,
      body: { awardYearId, type, title: '移风易俗奖励耕地表决', meetingDate: TODAY, urgentReason: '春播在即，须尽快确定奖励户' },
    }),
  )
  expect((await api.call('POST', '/api/land/meetings/open', { token, body: { meetingId } })).status).toBe(200)
  return meetingId
}

export async function openMotion(
  api: ApiHarness,
  token: string,
  meetingId: string,
  candidateIds: string[],
  kind: 'whole_list' | 'candidate' | 'ranking' = 'whole_list',
): Promise<string> {
  const motionId = idOf(
    await api.call('POST', '/api/land/motions/create', {
      token,
      body: { meetingId, kind, title: `同意以上${candidateIds.length}户为移风易俗先进典型`, candidateIds },
    }),
  )
  expect((await api.call('POST', '/api/land/motions/open', { token, body: { motionId } })).status).toBe(200)
  return motionId
}

export async function tallyOf(api: ApiHarness, token: string, motionId: string) {
  const res = await api.call('GET', '/api/land/motions/tally', { token, query: { motionId } })
  expect(res.status).toBe(200)
  return tallyResponse.parse(res.body).tally
}
