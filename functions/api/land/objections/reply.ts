import { and, eq, isNull, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landObjections } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { objectionResponse, replyObjectionInput } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadNotice } from '../../../queries/land-notices'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/objections/reply',
  summary: '书记书面答复异议',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: replyObjectionInput,
  response: objectionResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'land_objection_already_replied', 'land_result_locked'],
  handler: async ({ authorize, db, session, body }) => {
    const [objection] = await db.select().from(landObjections).where(eq(landObjections.id, body.objectionId))
    if (!objection) throw new AppError('not_found', '找不到这条异议')
    const notice = await loadNotice(db, objection.noticeId)
    authorize(notice.villageId)
    if (notice.status === 'locked') throw new AppError('land_result_locked')
    const [updated] = await db
      .update(landObjections)
      .set({ reply: body.reply, repliedBy: session.personId, repliedAt: sql`now()` })
      .where(and(eq(landObjections.id, objection.id), isNull(landObjections.reply)))
      .returning({ id: landObjections.id })
    if (!updated) throw new AppError('land_objection_already_replied')
    await appendAudit(db, {
      villageId: notice.villageId,
      actorPersonId: session.personId,
      action: 'land.objection.replied',
      subjectType: 'land_notice',
      subjectId: notice.id,
      payload: { objectionId: objection.id, reply: body.reply },
    })
    return { id: objection.id, noticeId: notice.id, reply: body.reply }
  },
})

export const POST = toWebHandler(route)
