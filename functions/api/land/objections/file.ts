import { appendAudit } from '../../../../db/audit'
import { landObjections } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { fileObjectionInput, objectionResponse } from '../../../../shared/land'
import { withinNoticePeriod } from '../../../../shared/votes'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { todayInChina } from '../../../../shared/time'
import { loadNotice } from '../../../queries/land-notices'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/objections/file',
  summary: '公示期内提出异议',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  body: fileObjectionInput,
  response: objectionResponse,
  successStatus: 201,
  errors: ['not_member_of_village', 'not_found', 'land_notice_period_over'],
  handler: async ({ authorize, db, session, body }) => {
    const notice = await loadNotice(db, body.noticeId)
    authorize(notice.villageId)
    if (notice.status !== 'open' || !withinNoticePeriod(todayInChina(), notice.endsOn)) {
      throw new AppError('land_notice_period_over', `公示期到${notice.endsOn}已经结束，不能再提出异议`)
    }
    const [row] = await db
      .insert(landObjections)
      // The server's clock, not the database's: the date shown is read from it by the one Beijing clock.
      .values({ noticeId: notice.id, personId: session.personId, text: body.text, filedAt: new Date() })
      .returning({ id: landObjections.id })
    if (!row) throw new Error('objection insert returned nothing')
    await appendAudit(db, {
      villageId: notice.villageId,
      actorPersonId: session.personId,
      action: 'land.objection.filed',
      subjectType: 'land_notice',
      subjectId: notice.id,
      payload: { objectionId: row.id, text: body.text },
    })
    return { id: row.id, noticeId: notice.id, reply: null }
  },
})

export const POST = toWebHandler(route)
