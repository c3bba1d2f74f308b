import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landNominations } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { idResponse, reviewNominationInput } from '../../../../shared/land'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadYear, requireYearOpen } from '../../../queries/land'
import { nominators } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/nominations/review',
  summary: '审核提名：通过，或写明理由不通过',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: nominators,
  body: reviewNominationInput,
  response: idResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'land_nomination_not_pending', 'land_result_locked'],
  handler: async ({ authorize, db, session, body }) => {
    const [nomination] = await db.select().from(landNominations).where(eq(landNominations.id, body.nominationId))
    if (!nomination) throw new AppError('not_found', '找不到这条提名')
    authorize(nomination.villageId)
    requireYearOpen(await loadYear(db, nomination.awardYearId))
    const [updated] = await db
      .update(landNominations)
      .set({ status: body.decision, reviewReason: body.reason || null, reviewedBy: session.personId, reviewedAt: sql`now()` })
      .where(and(eq(landNominations.id, nomination.id), eq(landNominations.status, 'pending')))
      .returning({ id: landNominations.id })
    if (!updated) throw new AppError('land_nomination_not_pending')
    await appendAudit(db, {
      villageId: nomination.villageId,
      actorPersonId: session.personId,
      action: 'land.nomination.reviewed',
      subjectType: 'land_nomination',
      subjectId: nomination.id,
      payload: { decision: body.decision, reason: body.reason },
    })
    return { id: nomination.id }
  },
})

export const POST = toWebHandler(route)
