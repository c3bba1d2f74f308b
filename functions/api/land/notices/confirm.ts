import { eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landAwardYears, landNotices } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { confirmNoticeInput, idResponse } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'
import { withinNoticePeriod } from '../../../../shared/votes'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { todayInChina } from '../../../../shared/time'
import { hasUnansweredObjection, loadNotice } from '../../../queries/land-notices'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/notices/confirm',
  summary: '公示期满、异议均已答复后确认并锁定结果；或撤回重新表决',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: confirmNoticeInput,
  response: idResponse,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_notice_period_running',
    'land_objections_unanswered',
    'land_result_locked',
    'validation_failed',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const notice = await loadNotice(db, body.noticeId, 'update')
    authorize(notice.villageId)
    if (notice.status === 'locked') throw new AppError('land_result_locked')
    if (notice.status === 'withdrawn') throw new AppError('not_found', '这份公示已撤回')
    if (body.decision === 'reopen') {
      if (body.reason.length === 0) throw new AppError('validation_failed', '撤回重新表决时请写明理由')
      // Withdrawing would put an unanswered objection out of the way: answer it first.
      if (await hasUnansweredObjection(db, notice.id)) throw new AppError('land_objections_unanswered', '还有异议没有书面答复，答复后才能撤回重新表决')
      await db.update(landNotices).set({ status: 'withdrawn' }).where(eq(landNotices.id, notice.id))
      await db.update(landAwardYears).set({ status: 'nominating' }).where(eq(landAwardYears.id, notice.awardYearId))
    } else {
      if (withinNoticePeriod(todayInChina(), notice.endsOn)) {
        throw new AppError('land_notice_period_running', `公示到${notice.endsOn}结束，期满后才能确认`)
      }
      if (await hasUnansweredObjection(db, notice.id)) throw new AppError('land_objections_unanswered')
      await db
        .update(landNotices)
        .set({ status: 'locked', lockedAt: sql`now()`, lockedBy: session.personId })
        .where(eq(landNotices.id, notice.id))
      await db.update(landAwardYears).set({ status: 'locked' }).where(eq(landAwardYears.id, notice.awardYearId))
    }
    await appendAudit(db, {
      villageId: notice.villageId,
      actorPersonId: session.personId,
      action: body.decision === 'confirm' ? 'land.notice.locked' : 'land.notice.reopened',
      subjectType: 'land_notice',
      subjectId: notice.id,
      payload: { reason: body.reason },
    })
    return { id: notice.id }
  },
})

export const POST = toWebHandler(route)
