import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenMatterAttendance, gardenMatterBallots, people } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { castMatterBallotInput, matterBallotLine, matterBallotResponse, votingPhase } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadMatter, optionsOf, refuseStanding, voterStanding } from '../../../queries/garden-matters'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/matters/vote',
  summary: '居民在手机上投票；截止前可以更改；每人（或每户）只算一票',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  body: castMatterBallotInput,
  response: matterBallotResponse,
  errors: [
    'not_member_of_village',
    'not_found',
    'garden_matter_not_open',
    'garden_matter_voting_ended',
    'garden_matter_decided',
    'garden_matter_choice_invalid',
    'garden_matter_household_voted',
    'vote_under_18',
    'vote_not_eligible',
    'vote_hands_already_counted',
  ],
  handler: async ({ callerRoles, db, session, body }) => {
    const roles = callerRoles
    // The share lock lets ballots in side by side and makes a closing steward wait for each one
    // in flight; once the matter is decided, a ballot still waiting reads that and is refused.
    const matter = await loadMatter(db, body.villageId, body.matterId, 'share')
    const phase = votingPhase(matter, new Date())
    if (phase === 'decided') throw new AppError('garden_matter_decided')
    if (phase === 'not_yet') throw new AppError('garden_matter_not_open')
    if (phase === 'ended') throw new AppError('garden_matter_voting_ended')
    const option = (await optionsOf(db, matter.id)).find((candidate) => candidate.key === body.choice)
    if (!option) throw new AppError('garden_matter_choice_invalid')
    const countedKey = refuseStanding(await voterStanding(db, matter, session.personId, roles))
    if (matter.handsEnteredAt !== null) {
      // Counted by hand at the meeting and not in the app: a new app ballot would count them twice.
      const [inHall] = await db
        .select({ key: gardenMatterAttendance.countedKey, ballot: gardenMatterBallots.countedKey })
        .from(gardenMatterAttendance)
        .leftJoin(
          gardenMatterBallots,
          and(eq(gardenMatterBallots.matterId, gardenMatterAttendance.matterId), eq(gardenMatterBallots.countedKey, gardenMatterAttendance.countedKey)),
        )
        .where(and(eq(gardenMatterAttendance.matterId, matter.id), eq(gardenMatterAttendance.countedKey, countedKey)))
      if (inHall && inHall.ballot === null) throw new AppError('vote_hands_already_counted', '您在居民会议上已经举手表决过了，不能再在手机上投票')
    }
    // One ballot per vote key; a re-cast by the same person changes it. Another member of a
    // household that has voted matches no row and is refused below.
    const now = new Date()
    const [written] = await db
      .insert(gardenMatterBallots)
      .values({ matterId: matter.id, countedKey, personId: session.personId, choice: option.key, castAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [gardenMatterBallots.matterId, gardenMatterBallots.countedKey],
        set: { choice: sql`excluded.choice`, updatedAt: sql`excluded.updated_at` },
        setWhere: sql`${gardenMatterBallots.personId} = excluded.person_id`,
      })
      .returning({ choice: gardenMatterBallots.choice })
    if (!written) {
      const [first] = await db
        .select({ name: people.name })
        .from(gardenMatterBallots)
        .innerJoin(people, eq(people.id, gardenMatterBallots.personId))
        .where(and(eq(gardenMatterBallots.matterId, matter.id), eq(gardenMatterBallots.countedKey, countedKey)))
      throw new AppError('garden_matter_household_voted', first ? `您家已经由${first.name}投过票了，一户只算一票` : undefined)
    }
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.matter.voted',
      subjectType: 'garden_matter',
      subjectId: matter.id,
      payload: { personId: session.personId, countedKey, choice: option.key },
    })
    return { matterId: matter.id, choice: option.key, message: matterBallotLine(option.label, true) }
  },
})

export const POST = toWebHandler(route)
