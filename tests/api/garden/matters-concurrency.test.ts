import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { gardenMatterBallots, gardenMatters, households, people } from '../../../db/schema'
import { matterDecisionResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { addToHousehold, hands, putMatter, STEWARD, vote } from './matters-fixture'

const api = await setupApi()
const villageId = api.demo.caibei

const residents = (
  await api.db
    .select({ name: people.name })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(eq(households.villageId, villageId))
).map((row) => row.name)
const atMeeting = ['杨桂芝', '金宝山']
const atHome = residents.filter((name) => !atMeeting.includes(name) && name !== STEWARD)
const personIds = new Map<string, string>()
for (const name of residents) personIds.set(name, await api.personId(name))

let refusedSeen = 0
// Far enough apart that on Postgres some ballots reach the matter while the close holds it (a
// steady stream of share locks would otherwise let every ballot in ahead of the waiting close).
const STAGGER_MS = 25

describe('a matter closing while ballots arrive', () => {
  afterAll(() => {
    // The close really did land among the ballots: some arrived after it and were refused.
    expect(refusedSeen).toBeGreaterThan(0)
  })
  it.each([1, 2, 3, 4])('round %i: every ballot is in the published result or refused, never lost or counted after it', async (round) => {
    const matterId = await putMatter(api, { title: `并发${round}` })
    // Some residents voted earlier and now change their minds while the steward closes.
    const changers = atHome.slice(0, 3)
    for (const name of changers) expect((await vote(api, name, matterId, 'against')).status).toBe(200)
    expect((await hands(api, matterId, atMeeting, { for: 1, against: 1, abstain: 0 })).status).toBe(200)

    const newcomers = atHome.slice(3)
    const ballots = [...changers, ...newcomers].map((name, i) => ({ name, choice: i % 2 === 0 ? 'for' : 'abstain' }))
    // The close lands somewhere among the ballots, at a different place each round: requests
    // start a few milliseconds apart, so some ballots are in flight as it takes its lock.
    const split = (round * 3) % ballots.length
    const tokens = new Map(await Promise.all([STEWARD, ...ballots.map((b) => b.name)].map(async (name) => [name, await api.tokenFor(name)] as const)))
    const post = (name: string, path: string, body: Record<string, unknown>) =>
      api.call('POST', path, { token: tokens.get(name) ?? '', body: { villageId, matterId, ...body } })
    const later = <T>(ms: number, work: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => void work().then(resolve, reject), ms))
    const results = await Promise.all([
      ...ballots.slice(0, split).map((b, i) => later(i * STAGGER_MS, () => post(b.name, '/api/garden/matters/vote', { choice: b.choice }))),
      later(split * STAGGER_MS, () => post(STEWARD, '/api/garden/matters/close', {})),
      ...ballots.slice(split).map((b, i) => later((split + i + 1) * STAGGER_MS, () => post(b.name, '/api/garden/matters/vote', { choice: b.choice }))),
    ])
    const closed = results[split]
    expect(closed?.status).toBe(200)
    const decision = matterDecisionResponse.parse(closed?.body)
    const answers = results.filter((_, i) => i !== split)
    for (const answer of answers) {
      if (answer.status !== 200) expect(errorCodeOf(answer)).toBe('garden_matter_decided')
    }
    // What the database holds is what was published, choice by choice.
    const rows = await api.db.select().from(gardenMatterBallots).where(eq(gardenMatterBallots.matterId, matterId))
    const stored = { for: 0, against: 0, abstain: 0 } as Record<string, number>
    for (const row of rows) stored[row.choice] = (stored[row.choice] ?? 0) + 1
    expect(Object.fromEntries(decision.result.options.map((o) => [o.key, o.app]))).toEqual(stored)
    // Each accepted ballot is stored with its choice; each refused one left no trace.
    ballots.forEach((b, i) => {
      const answer = answers[i]
      const row = rows.find((x) => x.personId === personIds.get(b.name))
      if (answer?.status === 200) expect(row?.choice).toBe(b.choice)
      else if (changers.includes(b.name)) expect(row?.choice).toBe('against')
      else expect(row).toBeUndefined()
    })
    expect(decision.result.voted).toBe(rows.length + 2)
    refusedSeen += answers.filter((a) => a.status !== 200).length
    const [matter] = await api.db.select().from(gardenMatters).where(eq(gardenMatters.id, matterId))
    for (const row of rows) expect(row.updatedAt.getTime()).toBeLessThanOrEqual(matter?.decidedAt?.getTime() ?? 0)
  })
})

describe('each person once, under concurrency', () => {
  it('two ballots of one person at once are one ballot', async () => {
    const matterId = await putMatter(api)
    const results = await Promise.all([vote(api, '沙秀芳', matterId, 'for'), vote(api, '沙秀芳', matterId, 'against'), vote(api, '沙秀芳', matterId, 'for')])
    expect(results.map((r) => r.status)).toEqual([200, 200, 200])
    const rows = await api.db
      .select()
      .from(gardenMatterBallots)
      .where(and(eq(gardenMatterBallots.matterId, matterId)))
    expect(rows).toHaveLength(1)
  })

  it('two representatives of one household at once: one ballot, the other refused', async () => {
    await addToHousehold(api, '孙明', '孙明爱人', 1990, ['villager', 'household_rep'])
    const matterId = await putMatter(api, { electorate: 'households' })
    const results = await Promise.all([vote(api, '孙明', matterId, 'for'), vote(api, '孙明爱人', matterId, 'against')])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const refused = results.find((r) => r.status === 409)
    expect(refused && errorCodeOf(refused)).toBe('garden_matter_household_voted')
    expect(await api.db.select().from(gardenMatterBallots).where(eq(gardenMatterBallots.matterId, matterId))).toHaveLength(1)
  })

  it('hands entered while a hall member votes in the app never count them twice', async () => {
    const matterId = await putMatter(api)
    const [ballot, entered] = await Promise.all([
      vote(api, '杨桂芝', matterId, 'for'),
      hands(api, matterId, ['杨桂芝', '金宝山'], { for: 2, against: 0, abstain: 0 }),
    ])
    // Either the ballot came first (then only one hand fits) or the hands did (then the ballot is refused).
    if (ballot.status === 200) expect(errorCodeOf(entered)).toBe('vote_hands_exceed_present')
    else {
      expect(entered.status).toBe(200)
      expect(errorCodeOf(ballot)).toBe('vote_hands_already_counted')
    }
  })
})
