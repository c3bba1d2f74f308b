import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { households, landNominations, people, villages, workshops } from '../../../db/schema'
import { DEMO_NAMESAKES, DEMO_PEOPLE } from '../../../db/seed/demo'
import { demoPersonasResponse } from '../../../shared/auth'
import { membersResponse } from '../../../shared/garden'
import {
  allocationsResponse,
  ballotResponse,
  currentYearResponse,
  historyResponse,
  noticeSchema,
  rollCallRosterResponse,
  tallyResponse,
  yearsListResponse,
} from '../../../shared/land'
import { householdSearchResponse, workshopDetailResponse } from '../../../shared/piecework'
import { directoryResponse } from '../../../shared/people'
import { setupApi } from '../../harness/api'
import { cast, idOf, THIS_YEAR } from './_scenario'

const api = await setupApi()
const who = await cast(api)

/** A list shown to someone: no two entries may read the same. */
function expectDistinct(list: readonly string[], what: string): void {
  const seen = new Set<string>()
  const twice = list.filter((label) => seen.size === seen.add(label).size)
  expect(twice, `${what} shows these twice`).toEqual([])
  expect(
    list.every((label) => label.trim() !== ''),
    `${what} has an empty label`,
  ).toBe(true)
}

describe('the 高井嘎查 demo', () => {
  it('shows 82 awards over the 7 years before this one, each year within the 120-mu pool', async () => {
    const history = historyResponse.parse((await api.call('GET', '/api/land/history', { token: who.villager, query: { villageId: api.demo.gaojing } })).body)
    const past = history.years.filter((year) => year.year < THIS_YEAR)
    expect(past).toHaveLength(7)
    expect(past.reduce((sum, year) => sum + year.households.length, 0)).toBe(82)
    expect(history.totalAwards).toBe(82)
    expect(history.yearsCount).toBe(7)
    for (const year of past) {
      expect(year.households.length * year.perHouseholdTenthMu).toBeLessThanOrEqual(1200)
      expectDistinct(year.households, `the history of ${year.year}`)
    }
    const y2023 = past.find((year) => year.year === 2023)
    expect(y2023?.households.slice(0, 4)).toEqual(['一组2号 乌优塔户', '一组3号 双金户', '一组5号 梅荣户', '一组6号 玉山户'])
  })

  it('has people as the reporting names them, and namesakes only where meant, each told apart', async () => {
    const [village] = await api.db.select().from(villages).where(eq(villages.id, api.demo.gaojing))
    expect(village?.name).toBe('高井嘎查')
    const folk = await api.db
      .select({ name: people.name, birthYear: people.birthYear, group: households.group, houseNumber: households.houseNumber })
      .from(people)
      .innerJoin(households, eq(households.id, people.householdId))
      .where(eq(households.villageId, api.demo.gaojing))
    for (const name of [DEMO_PEOPLE.secretary, DEMO_PEOPLE.deputySecretary, '乌优塔', '双金', '梅荣', '玉山']) {
      expect(
        folk.filter((person) => person.name === name),
        name,
      ).toHaveLength(1)
    }
    const byName = new Map<string, typeof folk>()
    for (const person of folk) byName.set(person.name, [...(byName.get(person.name) ?? []), person])
    const repeated = [...byName].filter(([, group]) => group.length > 1).map(([name]) => name)
    expect(repeated.sort()).toEqual([...DEMO_NAMESAKES].sort())
    for (const name of repeated) {
      const places = (byName.get(name) ?? []).map((person) => `${person.group}${person.houseNumber}${person.birthYear}`)
      expect(new Set(places).size).toBe(places.length)
    }
    // Every household has its 组 and 户号 (门牌 in the courtyard), in each demo village.
    const unplaced = await api.db.select({ id: households.id }).from(households).where(isNull(households.houseNumber))
    expect(unplaced).toEqual([])
  })

  it('has this year’s pool and nominations, an open meeting with an open motion, and a meeting for the secretary to run', async () => {
    const state = currentYearResponse.parse(
      (await api.call('GET', '/api/land/years/current', { token: who.villager, query: { villageId: api.demo.gaojing } })).body,
    ).awardYear
    expect(state).toMatchObject({ year: THIS_YEAR, poolTenthMu: 1200, capacity: 10, perHouseholdTenthMu: 120 })
    expect(state?.parcels).toHaveLength(10)
    expect(state?.nominations).toHaveLength(12)
    expect(state?.nominations.filter((nomination) => nomination.status === 'approved')).toHaveLength(10)
    expectDistinct(state?.nominations.map((nomination) => nomination.householdLabel) ?? [], 'the nominations')
    const [assembly, representatives] = state?.meetings ?? []
    expect(assembly).toMatchObject({ type: 'assembly', status: 'open', checkedIn: false })
    expect(assembly?.motions).toEqual([expect.objectContaining({ kind: 'whole_list', status: 'open' })])
    expect(assembly?.motions[0]?.candidateIds).toHaveLength(8)
    expect(representatives).toMatchObject({ type: 'representatives', status: 'scheduled' })
    expect(representatives?.motions.map((motion) => [motion.kind, motion.status])).toEqual([
      ['candidate', 'draft'],
      ['candidate', 'draft'],
    ])
    // The two 包巴特尔户 are both on this year's lists, one in each meeting, and read differently.
    expect(representatives?.motions[0]?.title).toBe(`同意四组33号 包巴特尔户为${THIS_YEAR}年移风易俗先进典型`)

    const pending = await api.db
      .select()
      .from(landNominations)
      .where(and(eq(landNominations.villageId, api.demo.gaojing), eq(landNominations.status, 'pending')))
    expect(pending).toHaveLength(2)
    const verify = await api.call('GET', '/api/audit/verify', { token: who.villager, query: { villageId: api.demo.gaojing } })
    expect(verify.body).toMatchObject({ ok: true })
  })

  it('names every list a person picks from or reads distinctly: roll calls, ballot, notice, allocation, directory, workers, volunteers', async () => {
    const { awardYear } = currentYearResponse.parse(
      (await api.call('GET', '/api/land/years/current', { token: who.secretary, query: { villageId: api.demo.gaojing } })).body,
    )
    const [assembly, representatives] = awardYear?.meetings ?? []
    const motion = assembly?.motions[0]
    if (!awardYear || !assembly || !representatives || !motion) throw new Error('the demo has no meetings')

    for (const meeting of [assembly, representatives]) {
      const roster = rollCallRosterResponse.parse(
        (await api.call('GET', '/api/land/meetings/roster', { token: who.secretary, query: { meetingId: meeting.id } })).body,
      )
      expectDistinct(
        roster.people.map((person) => person.label ?? ''),
        `the roll call of ${meeting.title}`,
      )
      // What the roll-call screen showed before it had labels, too: name, household and age.
      expectDistinct(
        roster.people.map((person) => `${person.name}${person.householdLabel}${person.age}`),
        `the roll call of ${meeting.title} (name, household, age)`,
      )
    }
    const ballot = ballotResponse.parse((await api.call('GET', '/api/land/votes/mine', { token: who.villager, query: { motionId: motion.id } })).body)
    expect(ballot.candidates).toHaveLength(8)
    expectDistinct(
      ballot.candidates.map((candidate) => candidate.householdLabel),
      'the ballot',
    )
    expect(ballot.candidates.map((candidate) => candidate.householdLabel)).toContain('二组15号 包巴特尔户')

    // The village votes the list through, and the notice and allocation name each household once.
    const roster = rollCallRosterResponse.parse(
      (await api.call('GET', '/api/land/meetings/roster', { token: who.secretary, query: { meetingId: assembly.id } })).body,
    )
    expect(
      (
        await api.call('POST', '/api/land/meetings/roll-call', {
          token: who.secretary,
          body: { meetingId: assembly.id, personIds: roster.people.map((person) => person.personId) },
        })
      ).status,
    ).toBe(200)
    const tally = tallyResponse.parse((await api.call('GET', '/api/land/motions/tally', { token: who.secretary, query: { motionId: motion.id } })).body).tally
    expect(
      (
        await api.call('POST', '/api/land/hands/enter', {
          token: who.deputy,
          body: { motionId: motion.id, hands: { for: tally.maxHands, against: 0, abstain: 0 } },
        })
      ).status,
    ).toBe(200)
    expect((await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId: motion.id } })).status).toBe(200)
    const noticeId = idOf(await api.call('POST', '/api/land/notices/publish', { token: who.secretary, body: { awardYearId: awardYear.id } }))
    const notice = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: who.villager, query: { noticeId } })).body)
    expect(notice.awards).toHaveLength(8)
    expectDistinct(
      notice.awards.map((award) => award.householdLabel),
      'the notice',
    )
    const paper = await api.call('GET', '/api/land/notices/public', { query: { noticeId } })
    expect(paper.status).toBe(200)
    expectDistinct(
      (paper.body as { awards: { householdLabel: string }[] }).awards.map((award) => award.householdLabel),
      'the public notice',
    )

    const { years } = yearsListResponse.parse(
      (await api.call('GET', '/api/land/years/list', { token: who.villager, query: { villageId: api.demo.gaojing } })).body,
    )
    for (const year of years) {
      const allocations = allocationsResponse.parse(
        (await api.call('GET', '/api/land/allocations/list', { token: who.villager, query: { awardYearId: year.awardYearId } })).body,
      )
      expectDistinct(
        allocations.allocations.map((row) => `${row.householdLabel}${row.parcelName}`),
        `the allocations of ${year.year}`,
      )
      expectDistinct(
        [...new Set(allocations.allocations.map((row) => row.householdId))].map(
          (id) => allocations.allocations.find((row) => row.householdId === id)?.householdLabel ?? '',
        ),
        `the households allocated in ${year.year}`,
      )
    }

    const directory: string[] = []
    for (let cursor: string | null = ''; cursor !== null;) {
      const page = directoryResponse.parse(
        (
          await api.call('GET', '/api/villages/people', {
            token: who.secretary,
            query: { villageId: api.demo.gaojing, limit: '100', ...(cursor ? { cursor } : {}) },
          })
        ).body,
      )
      directory.push(...page.people.map((person) => person.label))
      cursor = page.nextCursor
    }
    expect(directory.length).toBeGreaterThan(100)
    expectDistinct(directory, 'the directory')

    const head = await api.tokenFor(DEMO_PEOPLE.workshopHead)
    const [workshop] = await api.db.select({ id: workshops.id }).from(workshops).where(eq(workshops.villageId, api.demo.guanli))
    const detail = workshopDetailResponse.parse(
      (await api.call('GET', '/api/piecework/workshops/detail', { token: head, query: { workshopId: workshop?.id ?? '' } })).body,
    )
    expect(detail.workers.length).toBeGreaterThan(20)
    expectDistinct(
      detail.workers.map((worker) => worker.label ?? ''),
      'the workshop’s workers',
    )
    const found = householdSearchResponse.parse(
      (await api.call('GET', '/api/piecework/households/search', { token: head, query: { workshopId: workshop?.id ?? '', q: '秀' } })).body,
    )
    expectDistinct(
      found.households.map((household) => household.label),
      'the households found',
    )

    const steward = await api.tokenFor(DEMO_PEOPLE.gardenSteward)
    const members = membersResponse.parse((await api.call('GET', '/api/garden/members', { token: steward, query: { villageId: api.demo.caibei } })).body)
    expect(members.members.length).toBeGreaterThanOrEqual(15)
    expectDistinct(
      members.members.map((member) => member.label ?? ''),
      'the garden volunteers',
    )
  })
})

describe('the demo persona picker', () => {
  it('offers the people the README sends a visitor to first', async () => {
    const res = await api.call('GET', '/api/auth/demo-personas')
    const { personas } = demoPersonasResponse.parse(res.body)
    console.log(personas.map((persona) => `${persona.name} | ${persona.description}`).join('\n'))
    const names = personas.map((persona) => persona.name)
    expect(names).toEqual(
      expect.arrayContaining([DEMO_PEOPLE.secretary, DEMO_PEOPLE.deputySecretary, DEMO_PEOPLE.gardenSteward, DEMO_PEOPLE.workshopHead, '李福', '沙秀芳']),
    )
    // Nobody is offered twice under one name in one village: the picker tells people apart too.
    expectDistinct(
      personas.map((persona) => `${persona.name}${persona.description}`),
      'the persona picker',
    )
  })
})
