/**
 * The two races of the integrity issue, through the real handlers at the same moment: two
 * representatives of one household checking in together, and a cadre's assisted ballot racing
 * the villager's own. On Postgres these run side by side; on PGlite one after another (the
 * outcome must be the same either way).
 */
import { and, count, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, households, landAttendance, landVotes, memberships, people } from '../../../db/schema'
import { errorCodeOf, setupApi } from '../../harness/api'
import { cast, createYear, gaojingHouseholds, nominateAndApprove, openMotion, openUrgentMeeting, tallyOf, tokenForId } from './_scenario'

const api = await setupApi()
const who = await cast(api)
const homes = await gaojingHouseholds(api)

/** `n` new households of two adults each, both household representatives of 高井嘎查. */
async function couples(n: number, tag: string): Promise<{ householdId: string; reps: { id: string; token: string }[] }[]> {
  const made = await api.db
    .insert(households)
    .values(Array.from({ length: n }, (_, i) => ({ villageId: api.demo.gaojing, label: `${tag}${i + 1}户`, elderly: false })))
    .returning({ id: households.id })
  const rows = await api.db
    .insert(people)
    .values(made.flatMap((home, i) => [0, 1].map((k) => ({ name: `${tag}${i + 1}户代表${k + 1}`, birthYear: 1970 + k, householdId: home.id }))))
    .returning({ id: people.id, householdId: people.householdId })
  await api.db
    .insert(memberships)
    .values(rows.flatMap((row) => (['villager', 'household_rep'] as const).map((role) => ({ personId: row.id, villageId: api.demo.gaojing, role }))))
  return Promise.all(
    made.map(async (home) => ({
      householdId: home.id,
      reps: await Promise.all(rows.filter((row) => row.householdId === home.id).map(async (row) => ({ id: row.id, token: await tokenForId(row.id) }))),
    })),
  )
}

describe('two representatives of one household at the same moment', () => {
  it('count once: one check-in is taken, the other refused as land_household_already_present', async () => {
    const awardYearId = await createYear(api, who.secretary, 2071)
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId, 'assembly_households')
    const pairs = await couples(20, '同时签到')
    const results = await Promise.all(
      pairs.flatMap((pair) =>
        pair.reps.map(async (rep) => ({
          householdId: pair.householdId,
          res: await api.call('POST', '/api/land/meetings/check-in', { token: rep.token, body: { meetingId } }),
        })),
      ),
    )
    for (const pair of pairs) {
      const mine = results.filter((result) => result.householdId === pair.householdId)
      expect(mine.filter((result) => result.res.status === 200)).toHaveLength(1)
      const refused = mine.filter((result) => result.res.status !== 200)
      expect(refused).toHaveLength(1)
      for (const result of refused) expect(errorCodeOf(result.res)).toBe('land_household_already_present')
    }
    const rows = await api.db.select().from(landAttendance).where(eq(landAttendance.meetingId, meetingId))
    expect(rows).toHaveLength(pairs.length)
    expect(new Set(rows.map((row) => row.countedHouseholdId)).size).toBe(pairs.length)
    const [logged] = await api.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, meetingId), eq(auditLog.action, 'land.meeting.checked_in')))
    expect(logged?.n).toBe(pairs.length)
  })

  it('a roll call and the household’s own check-in at once still count the household once', async () => {
    const awardYearId = await createYear(api, who.secretary, 2072)
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId, 'assembly_households')
    const pairs = await couples(10, '点名签到')
    await Promise.all(
      pairs.flatMap((pair) => {
        const [first, second] = pair.reps
        if (!first || !second) throw new Error('no couple')
        return [
          api.call('POST', '/api/land/meetings/check-in', { token: first.token, body: { meetingId } }),
          api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: [second.id] } }),
        ]
      }),
    )
    const [present] = await api.db.select({ n: count() }).from(landAttendance).where(eq(landAttendance.meetingId, meetingId))
    expect(present?.n).toBe(pairs.length)
  })
})

describe('an assisted ballot racing the villager’s own', () => {
  it('the villager’s own ballot stands every time; an assisted ballot is either taken first and replaced, or refused', async () => {
    const awardYearId = await createYear(api, who.secretary, 2073)
    const candidates = await nominateAndApprove(
      api,
      who.secretary,
      awardYearId,
      homes.slice(0, 2).map((home) => home.id),
    )
    const meetingId = await openUrgentMeeting(api, who.secretary, awardYearId)
    const voters = (await couples(15, '代投竞争')).flatMap((pair) => pair.reps)
    await api.call('POST', '/api/land/meetings/roll-call', { token: who.secretary, body: { meetingId, personIds: voters.map((voter) => voter.id) } })
    const motionId = await openMotion(api, who.secretary, meetingId, candidates)
    const results = await Promise.all(
      voters.map(async (voter, i) => {
        const assist = api.call('POST', '/api/land/votes/cast', {
          token: who.deputy,
          body: { motionId, choice: 'for', onBehalfOfPersonId: voter.id, assistance: { requestedBy: 'self', reason: '老花眼看不清' } },
        })
        const own = api.call('POST', '/api/land/votes/cast', { token: voter.token, body: { motionId, choice: 'against' } })
        // Alternate who is sent first, so both orders meet on every driver.
        const [a, o] = i % 2 === 0 ? await Promise.all([assist, own]) : (await Promise.all([own, assist])).reverse()
        return { assist: a, own: o }
      }),
    )
    for (const { assist, own } of results) {
      expect(own?.status).toBe(200)
      if (assist && assist.status !== 200) expect(errorCodeOf(assist)).toBe('vote_assisted_voter_voted_self')
    }
    const ballots = await api.db
      .select()
      .from(landVotes)
      .where(
        and(
          eq(landVotes.motionId, motionId),
          inArray(
            landVotes.personId,
            voters.map((voter) => voter.id),
          ),
        ),
      )
    expect(ballots).toHaveLength(voters.length)
    expect(ballots.every((ballot) => !ballot.assisted && ballot.choice === 'against' && ballot.requestedBy === null)).toBe(true)
    const tally = await tallyOf(api, who.secretary, motionId)
    expect(tally).toMatchObject({ assisted: 0, app: { for: 0, against: voters.length, abstain: 0 } })
    // Only the assisted ballots that were answered 200 left an audit entry.
    const taken = results.filter((result) => result.assist?.status === 200).length
    const [logged] = await api.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, motionId), eq(auditLog.action, 'land.vote.cast_assisted')))
    expect(logged?.n).toBe(taken)
  })
})
