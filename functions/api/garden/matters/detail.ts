import { and, count, eq } from 'drizzle-orm'
import { gardenDuties, gardenMatterAttendance, gardenMatterBallots, people } from '../../../../db/schema'
import { errorCatalog } from '../../../../shared/errors'
import { electorateLabels, matterDetailResponse, matterIdInput, resultArithmetic, thresholdExplained, votingPhase } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { ballotOf, eligibleCount, isConvener, linksOf, loadMatter, optionsOf, voterStanding } from '../../../queries/garden-matters'

export const route = defineRoute({
  method: 'GET',
  path: '/api/garden/matters/detail',
  summary: '一件事的全文、选项、谁能投、怎样算通过，我的投票；公布后有结果和算式，以及这个决定改了什么',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'query',
  query: matterIdInput,
  response: matterDetailResponse,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ callerRoles, db, session, query }) => {
    const roles = callerRoles
    const matter = await loadMatter(db, query.villageId, query.matterId)
    const options = await optionsOf(db, matter.id)
    const phase = votingPhase(matter, new Date())
    const mine = await ballotOf(db, matter.id, session.personId)
    const standing = await voterStanding(db, matter, session.personId, roles)
    const [voted] = await db.select({ n: count() }).from(gardenMatterBallots).where(eq(gardenMatterBallots.matterId, matter.id))
    // At the meeting without an app ballot: their hand is already counted.
    const handCounted =
      matter.handsEnteredAt !== null && mine === null && standing.key !== null
        ? (
            await db
              .select({ key: gardenMatterAttendance.countedKey })
              .from(gardenMatterAttendance)
              .where(and(eq(gardenMatterAttendance.matterId, matter.id), eq(gardenMatterAttendance.countedKey, standing.key)))
          ).length > 0
        : false
    const notEligibleReason =
      standing.refusal !== null
        ? (standing.refusal.message ?? errorCatalog[standing.refusal.code].message)
        : handCounted
          ? '您在居民会议上已经举手表决过了，不能再在手机上投票'
          : null
    const [duty] = matter.pausesDutyId
      ? await db.select({ id: gardenDuties.id, title: gardenDuties.title }).from(gardenDuties).where(eq(gardenDuties.id, matter.pausesDutyId))
      : []
    const [creator] = await db.select({ name: people.name }).from(people).where(eq(people.id, matter.createdBy))
    const eligible = matter.result?.eligible ?? (await eligibleCount(db, matter))
    return {
      id: matter.id,
      title: matter.title,
      body: matter.body,
      kind: matter.kind,
      electorate: matter.electorate,
      electorateLabel: electorateLabels[matter.electorate],
      threshold: matter.threshold,
      thresholdWords: thresholdExplained(matter.threshold, matter.kind, eligible),
      opensAt: matter.opensAt.toISOString(),
      closesAt: matter.closesAt.toISOString(),
      phase,
      passed: matter.passed,
      arithmetic: matter.result ? resultArithmetic(matter.kind, matter.result) : null,
      options: options.map((option) => ({ key: option.key, label: option.label })),
      eligible,
      votedSoFar: voted?.n ?? 0,
      myChoice: mine ? (options.find((option) => option.key === mine.choice)?.label ?? null) : null,
      myChoiceKey: mine?.choice ?? null,
      mayVote: phase === 'open' && notEligibleReason === null,
      notEligibleReason,
      handsEntered: matter.handsEnteredAt !== null,
      result: matter.result,
      pausesDuty: duty ?? null,
      changed: await linksOf(db, matter.id),
      mayManage: isConvener(callerRoles),
      createdByName: creator?.name ?? null,
      decidedAt: matter.decidedAt?.toISOString() ?? null,
    }
  },
})

export const GET = toWebHandler(route)
