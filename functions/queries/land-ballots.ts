import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { landVotes, people, type LandMotion } from '../../db/schema'
import type { MyVote } from '../../shared/land'
import { chinaDateTimeOf } from '../../shared/time'

// Vercel skips files starting with "_": shared by votes/mine and votes/assisted, not a route.

/** The caller's ballots on these motions, with who entered an assisted one, when and at whose request. */
export async function myBallots(db: Db, motions: readonly LandMotion[], personId: string): Promise<MyVote[]> {
  if (motions.length === 0) return []
  const rows = await db
    .select({ vote: landVotes, recorderName: people.name })
    .from(landVotes)
    .innerJoin(people, eq(people.id, landVotes.recordedBy))
    .where(
      and(
        inArray(
          landVotes.motionId,
          motions.map((motion) => motion.id),
        ),
        eq(landVotes.personId, personId),
      ),
    )
  return motions.map((motion) => {
    const row = rows.find((candidate) => candidate.vote.motionId === motion.id)
    const vote = row?.vote
    return {
      motionId: motion.id,
      motionTitle: motion.title,
      motionOpen: motion.status === 'open',
      choice: vote?.choice ?? null,
      assisted: vote?.assisted ?? false,
      assistedByName: vote?.assisted ? (row?.recorderName ?? null) : null,
      requestedBy: vote?.assisted ? (vote.requestedBy ?? 'self') : null,
      familyMemberName: vote?.assisted ? vote.familyMemberName : null,
      assistReason: vote?.assisted ? vote.assistReason : null,
      recordedAt: vote ? chinaDateTimeOf(vote.updatedAt) : null,
    }
  })
}
