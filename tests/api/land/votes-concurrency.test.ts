import { and, count, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, households, landAttendance, landVotes, memberships, people } from '../../../db/schema'
import { voteChoices } from '../../../shared/votes'
import { dispatch } from '../../../functions/lib/router'
import { errorCodeOf, setupApi } from '../../harness/api'
import { cast, createYear, gaojingHouseholds, nominateAndApprove, openMotion, openUrgentMeeting, tallyOf, tokenForId } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)
const awardYearId = await createYear(api, who.secretary)
const candidates = await nominateAndApprove(
  api,
  who.secretary,
  awardYearId,
  homes.slice(0, 2).map((home) => home.id),
)
const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)

// 200 more adult villagers, checked in, in one batch each
const home = homes[0]
if (!home) throw new Error('no household')
const crowd = await api.db
  .insert(people)
  .values(Array.from({ length: 200 }, (_, i) => ({ name: `到会村民${i}`, birthYear: 1960 + (i % 40), householdId: home.id })))
  .returning({ id: people.id })
await api.db.insert(memberships).values(crowd.map((person) => ({ personId: person.id, villageId: api.demo.gaojing, role: 'villager' as const })))
await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: [...crowd.map((p) => p.id), who.villagerId] } })
const motionId = await openMotion(api, who.secretary, meetingId, candidates)

describe('casting under concurrency', () => {
  it('200 concurrent casts by one person record one vote', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api.call('POST', '/api/land/votes/cast', { token: who.villager, body: { motionId, choice: voteChoices[i % 3] } })),
    )
    expect(results.map((result) => result.status)).toEqual(Array(200).fill(200))
    const ballots = await api.db.select().from(landVotes).where(eq(landVotes.personId, who.villagerId))
    expect(ballots).toHaveLength(1)
    const tally = await tallyOf(api, who.secretary, motionId)
    expect(tally.votedInApp).toBe(1)
  })

  it('a retry with the same Idempotency-Key replays the first answer and writes nothing new', async () => {
    const [before] = await api.db.select({ n: count() }).from(auditLog)
    const headers = { 'idempotency-key': 'vote-retry-0001' }
    const first = await api.call('POST', '/api/land/votes/cast', { token: who.villager, headers, body: { motionId, choice: 'for' } })
    const again = await api.call('POST', '/api/land/votes/cast', { token: who.villager, headers, body: { motionId, choice: 'for' } })
    expect(again.body).toEqual(first.body)
    expect(again.headers.get('idempotent-replay')).toBe('true')
    const [after] = await api.db.select({ n: count() }).from(auditLog)
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBe(1)
  })

  it('200 different people casting at once are all counted', async () => {
    const tokens = await Promise.all(crowd.map((person) => tokenForId(person.id)))
    const results = await Promise.all(
      tokens.map((token, i) =>
        api.call('POST', '/api/land/votes/cast', { token, body: { motionId, choice: i < 120 ? 'for' : i < 170 ? 'against' : 'abstain' } }),
      ),
    )
    expect(results.filter((result) => result.status === 200)).toHaveLength(200)
    const [stored] = await api.db.select({ n: count() }).from(landVotes).where(eq(landVotes.motionId, motionId))
    expect(stored?.n).toBe(201)
    const tally = await tallyOf(api, who.secretary, motionId)
    expect(tally.app).toEqual({ for: 121, against: 50, abstain: 30 })
    expect(tally.present).toBe(201)
    expect(tally.maxHands).toBe(0)
    const [present] = await api.db.select({ n: count() }).from(landAttendance).where(eq(landAttendance.meetingId, meetingId))
    expect(present?.n).toBe(201)
    // the log of the motion still verifies after all of that
    const audit = await api.call('GET', '/api/land/motions/audit', { token: who.villager, query: { motionId } })
    expect(audit.body).toMatchObject({ chain: { ok: true } })
    const [household] = await api.db.select().from(households).where(eq(households.id, home.id))
    expect(household).toBeDefined()
  })

  it('casts racing the close of the motion: every ballot answered 200 is counted, every other is refused as closed', async () => {
    // A second motion of the same meeting; one motion is open at a time, so the first closes.
    expect((await api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId } })).status).toBe(200)
    const closingMotion = await openMotion(api, who.secretary, meetingId, candidates.slice(0, 1), 'candidate')
    const tokens = await Promise.all(crowd.map((person) => tokenForId(person.id)))
    // A stream of ballots, one sent every millisecond, and the close sent into the middle of it.
    // Straight to the router: the harness's call also waits for audit sealing.
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const casts = tokens.map(async (token, i) => {
      await sleep(i)
      const response = await dispatch(
        new Request('http://xiangyue.test/api/land/votes/cast', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ motionId: closingMotion, choice: 'for' }),
        }),
      )
      return { status: response.status, body: (await response.json()) as never, headers: response.headers }
    })
    const close = sleep(tokens.length / 2).then(() => api.call('POST', '/api/land/motions/close', { token: who.secretary, body: { motionId: closingMotion } }))
    const [results, closed] = await Promise.all([Promise.all(casts), close])
    expect(closed.status).toBe(200)
    const accepted = results.filter((result) => result.status === 200).length
    const refused = results.filter((result) => result.status !== 200)
    for (const result of refused) expect(errorCodeOf(result)).toBe('land_motion_closed')
    const [stored] = await api.db.select({ n: count() }).from(landVotes).where(eq(landVotes.motionId, closingMotion))
    expect(stored?.n).toBe(accepted)
    const tally = await tallyOf(api, who.secretary, closingMotion)
    expect(tally.votedInApp).toBe(accepted)
    const [logged] = await api.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, closingMotion), eq(auditLog.action, 'land.vote.cast')))
    expect(logged?.n).toBe(accepted)
  })
})
