import { and, eq, inArray } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landAwardYears, landMeetings, landMotions, landNominations, landNotices, landParcels, landPoolParcels } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { idResponse, meetingAwardOutcome, poolCapacity, publishInput } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'
import { MIN_NOTICE_PERIOD_DAYS, noticePeriodEnds, noticePeriodRefusal } from '../../../../shared/votes'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadYear, recordAwards, requireYearOpen } from '../../../queries/land'
import { todayInChina } from '../../../../shared/time'
import { withdrawnToReplace, yearHasUnansweredObjection } from '../../../queries/land-notices'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/notices/publish',
  summary: '公布表决结果并公示（至少7天，村里可定更长）：票数、获奖户、地块；撤回后重新公示的，关联原公示并带上原有异议和答复',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: publishInput,
  response: idResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_notice_period_too_short',
    'land_objections_unanswered',
    'land_motion_still_open',
    'land_no_passed_motion',
    'land_ranking_required',
    'land_result_locked',
    'land_nomination_closed',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const year = await loadYear(db, body.awardYearId)
    authorize(year.villageId)
    // Lock the year row so two publishes cannot both see it unpublished.
    await db.select({ id: landAwardYears.id }).from(landAwardYears).where(eq(landAwardYears.id, year.id)).for('update')
    requireYearOpen(year)
    if (noticePeriodRefusal(body.periodDays) === 'too_short') {
      throw new AppError('land_notice_period_too_short', `公示期不能少于${MIN_NOTICE_PERIOD_DAYS}天，您填的是${body.periodDays}天`)
    }
    // A republication may not leave an earlier objection unanswered behind it.
    if (await yearHasUnansweredObjection(db, year.id)) {
      throw new AppError('land_objections_unanswered', '之前的公示还有异议没有书面答复，答复后才能重新公示')
    }
    const replaces = await withdrawnToReplace(db, year.id)
    const motions = await db
      .select({ motion: landMotions })
      .from(landMotions)
      .innerJoin(landMeetings, eq(landMeetings.id, landMotions.meetingId))
      .where(eq(landMeetings.awardYearId, year.id))
      .orderBy(landMotions.closedAt)
    if (motions.some(({ motion }) => motion.status === 'open')) throw new AppError('land_motion_still_open')
    const passed = motions.map(({ motion }) => motion).filter((motion) => motion.status === 'closed' && motion.passed === true)
    const pool = await db
      .select({ id: landParcels.id, areaTenthMu: landParcels.areaTenthMu })
      .from(landPoolParcels)
      .innerJoin(landParcels, eq(landParcels.id, landPoolParcels.parcelId))
      .where(eq(landPoolParcels.awardYearId, year.id))
    const poolTenthMu = pool.reduce((sum, parcel) => sum + parcel.areaTenthMu, 0)
    const capacity = poolCapacity(poolTenthMu, year.perHouseholdTenthMu)
    const { approved, result: capped } = meetingAwardOutcome(
      motions.map(({ motion }) => motion),
      capacity,
    )
    if (approved.length === 0) throw new AppError('land_no_passed_motion')
    if (!capped.ok) {
      throw new AppError(
        'land_ranking_required',
        capped.reason === 'land_ranking_required'
          ? `会议通过了${capped.approved}户，但耕地只够${capped.capacity}户。请先把获奖排序提交会议表决通过`
          : `会议通过的排序漏了${capped.missing.length}户，请重新表决排序`,
      )
    }
    const nominationRows = await db
      .select({ id: landNominations.id, householdId: landNominations.householdId })
      .from(landNominations)
      .where(and(eq(landNominations.awardYearId, year.id), inArray(landNominations.id, [...capped.awarded, ...capped.waitlisted])))
    const householdOf = new Map(nominationRows.map((row) => [row.id, row.householdId]))
    const awardedHouseholds = capped.awarded.flatMap((id) => householdOf.get(id) ?? [])
    const waitlisted = capped.waitlisted.flatMap((id) => householdOf.get(id) ?? [])
    const publishedOn = todayInChina()
    const [notice] = await db
      .insert(landNotices)
      .values({
        villageId: year.villageId,
        awardYearId: year.id,
        publishedOn,
        endsOn: noticePeriodEnds(publishedOn, body.periodDays),
        periodDays: body.periodDays,
        motionIds: passed.concat(motions.map(({ motion }) => motion).filter((motion) => motion.passed === false)).map((motion) => motion.id),
        waitlisted,
        publishedBy: session.personId,
        replacesNoticeId: replaces?.id ?? null,
      })
      .returning()
    if (!notice) throw new Error('notice insert returned nothing')
    await recordAwards(db, notice.id, year, awardedHouseholds, pool)
    await appendAudit(db, {
      villageId: year.villageId,
      actorPersonId: session.personId,
      action: 'land.notice.published',
      subjectType: 'land_notice',
      subjectId: notice.id,
      payload: {
        awardYearId: year.id,
        households: awardedHouseholds,
        waitlisted,
        endsOn: notice.endsOn,
        periodDays: body.periodDays,
        motions: notice.motionIds,
        replacesNoticeId: notice.replacesNoticeId,
      },
    })
    return { id: notice.id }
  },
})

export const POST = toWebHandler(route)
