import { and, eq, inArray } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landNominations, landNotices, landParcels, landPoolParcels } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { correctNoticeInput, idResponse, poolCapacity } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'
import { DEFAULT_NOTICE_PERIOD_DAYS, noticePeriodEnds } from '../../../../shared/votes'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadYear, recordAwards } from '../../../queries/land'
import { todayInChina } from '../../../../shared/time'
import { currentNotice, loadNotice } from '../../../queries/land-notices'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/notices/correct',
  summary: '更正已锁定的结果：另立一份关联原公示的更正公示，写明理由（原记录不改）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: correctNoticeInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'land_notice_not_locked', 'land_candidate_not_approved', 'land_ranking_required'],
  handler: async ({ authorize, db, session, body }) => {
    const original = await loadNotice(db, body.noticeId, 'update')
    authorize(original.villageId)
    if (original.status !== 'locked') throw new AppError('land_notice_not_locked')
    const current = await currentNotice(db, original.awardYearId)
    if (current && current.id !== original.id) throw new AppError('conflict', '这份公示已经有更正，请在最新的公示上更正')
    const year = await loadYear(db, original.awardYearId)
    const households = [...new Set(body.candidateIds)]
    const nominated = await db
      .select({ householdId: landNominations.householdId })
      .from(landNominations)
      .where(and(eq(landNominations.awardYearId, year.id), eq(landNominations.status, 'approved'), inArray(landNominations.householdId, households)))
    if (nominated.length !== households.length) throw new AppError('land_candidate_not_approved', '更正名单里有未通过审核的户')
    const pool = await db
      .select({ id: landParcels.id, areaTenthMu: landParcels.areaTenthMu })
      .from(landPoolParcels)
      .innerJoin(landParcels, eq(landParcels.id, landPoolParcels.parcelId))
      .where(eq(landPoolParcels.awardYearId, year.id))
    const capacity = poolCapacity(
      pool.reduce((sum, parcel) => sum + parcel.areaTenthMu, 0),
      year.perHouseholdTenthMu,
    )
    if (households.length > capacity) throw new AppError('land_ranking_required', `耕地只够${capacity}户`)
    const publishedOn = todayInChina()
    const [notice] = await db
      .insert(landNotices)
      .values({
        villageId: original.villageId,
        awardYearId: year.id,
        publishedOn,
        endsOn: noticePeriodEnds(publishedOn, DEFAULT_NOTICE_PERIOD_DAYS),
        periodDays: DEFAULT_NOTICE_PERIOD_DAYS,
        motionIds: original.motionIds,
        publishedBy: session.personId,
        correctsNoticeId: original.id,
        correctionReason: body.reason,
      })
      .returning({ id: landNotices.id })
    if (!notice) throw new Error('notice insert returned nothing')
    await recordAwards(db, notice.id, year, households, pool)
    await appendAudit(db, {
      villageId: original.villageId,
      actorPersonId: session.personId,
      action: 'land.notice.corrected',
      subjectType: 'land_notice',
      subjectId: notice.id,
      payload: { correctsNoticeId: original.id, reason: body.reason, households },
    })
    return { id: notice.id }
  },
})

export const POST = toWebHandler(route)
