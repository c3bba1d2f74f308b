import { eq, inArray } from 'drizzle-orm'
import { landAwardYears, landMeetings, landNominations, landParcels, landPoolParcels } from '../../../../db/schema'
import { ballotResponse, motionIdInput, poolCapacity } from '../../../../shared/land'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { householdFaces, loadMotion } from '../../../queries/land'
import { myBallots } from '../../../queries/land-ballots'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/votes/mine',
  summary: '投票页：表决的事项和候选户（户主、事迹），我的投票；别人代为投的，写明是谁代投、应谁请求、何时',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  query: motionIdInput,
  response: ballotResponse,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, session, query }) => {
    const motion = await loadMotion(db, query.motionId)
    authorize(motion.villageId)
    const [mine] = await myBallots(db, [motion], session.personId)
    if (!mine) throw new Error('myBallots returned nothing for one motion')
    // A villager votes on what is written on the screen: the motion and every household it names.
    const [context] = await db
      .select({
        meetingTitle: landMeetings.title,
        meetingDate: landMeetings.meetingDate,
        perHouseholdTenthMu: landAwardYears.perHouseholdTenthMu,
        awardYearId: landAwardYears.id,
      })
      .from(landMeetings)
      .innerJoin(landAwardYears, eq(landAwardYears.id, landMeetings.awardYearId))
      .where(eq(landMeetings.id, motion.meetingId))
    if (!context) throw new Error('a motion without its meeting')
    const pool = await db
      .select({ areaTenthMu: landParcels.areaTenthMu })
      .from(landPoolParcels)
      .innerJoin(landParcels, eq(landParcels.id, landPoolParcels.parcelId))
      .where(eq(landPoolParcels.awardYearId, context.awardYearId))
    const capacity = poolCapacity(
      pool.reduce((sum, parcel) => sum + parcel.areaTenthMu, 0),
      context.perHouseholdTenthMu,
    )
    const nominations = motion.candidateIds.length === 0 ? [] : await db.select().from(landNominations).where(inArray(landNominations.id, motion.candidateIds))
    const faces = await householdFaces(
      db,
      nominations.map((nomination) => nomination.householdId),
    )
    const year = Number(context.meetingDate.slice(0, 4))
    // In the motion's own order: the list the deputy secretary reads out.
    const candidates = motion.candidateIds.flatMap((id) => {
      const nomination = nominations.find((candidate) => candidate.id === id)
      if (!nomination) return []
      const face = faces.get(nomination.householdId)
      return [
        {
          nominationId: nomination.id,
          householdLabel: face?.label ?? '',
          headName: face?.headName ?? null,
          headAge: face?.headBirthYear ? year - face.headBirthYear : null,
          memberCount: face?.memberCount ?? 0,
          deedKind: nomination.deedKind,
          deedDate: nomination.deedDate,
          notes: nomination.notes,
        },
      ]
    })
    return { ...mine, motionKind: motion.kind, meetingTitle: context.meetingTitle, perHouseholdTenthMu: context.perHouseholdTenthMu, capacity, candidates }
  },
})

export const GET = toWebHandler(route)
