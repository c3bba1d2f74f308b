import { and, desc, eq, inArray } from 'drizzle-orm'
import { landMotions, landVotes } from '../../../../db/schema'
import { myAssistedVotesQuery, myAssistedVotesResponse } from '../../../../shared/land'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { myBallots } from '../../../queries/land-ballots'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/votes/assisted',
  summary: '别人为我代投的票（“我的”页提醒：由谁代投、投的什么、表决结束前可以改）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'query',
  query: myAssistedVotesQuery,
  response: myAssistedVotesResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, query }) => {
    const assisted = await db
      .select({ motionId: landVotes.motionId })
      .from(landVotes)
      .innerJoin(landMotions, eq(landMotions.id, landVotes.motionId))
      .where(and(eq(landVotes.personId, session.personId), eq(landVotes.assisted, true), eq(landMotions.villageId, query.villageId)))
      .orderBy(desc(landVotes.updatedAt))
      .limit(20)
    if (assisted.length === 0) return { ballots: [] }
    const motions = await db
      .select()
      .from(landMotions)
      .where(
        inArray(
          landMotions.id,
          assisted.map((row) => row.motionId),
        ),
      )
    // Open motions first: those are the ones the villager can still change.
    const ordered = [...motions].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'))
    return { ballots: await myBallots(db, ordered, session.personId) }
  },
})

export const GET = toWebHandler(route)
