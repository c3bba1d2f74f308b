import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landAssistanceNeeds, memberships } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { markAssistanceInput } from '../../../../shared/land'
import { okResponse } from '../../../../shared/ids'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/assistance/mark',
  summary: '登记（或取消）村民“需要代办”：年老、残疾、不识字，表决时可由干部代为投票',
  tags: ['land'],
  auth: 'user',
  tenancy: 'body',
  roles: branchLeaders,
  body: markAssistanceInput,
  response: okResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ db, session, body }) => {
    const [member] = await db
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.personId, body.personId), eq(memberships.villageId, body.villageId)))
      .limit(1)
    if (!member) throw new AppError('not_found', '找不到这位村民')
    if (body.need === null) {
      await db.delete(landAssistanceNeeds).where(and(eq(landAssistanceNeeds.villageId, body.villageId), eq(landAssistanceNeeds.personId, body.personId)))
    } else {
      await db
        .insert(landAssistanceNeeds)
        .values({ villageId: body.villageId, personId: body.personId, need: body.need, note: body.note, markedBy: session.personId })
        .onConflictDoUpdate({
          target: [landAssistanceNeeds.villageId, landAssistanceNeeds.personId],
          set: { need: body.need, note: body.note, markedBy: session.personId, markedAt: new Date() },
        })
    }
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: body.need === null ? 'land.assistance.unmarked' : 'land.assistance.marked',
      subjectType: 'person',
      subjectId: body.personId,
      payload: { need: body.need, note: body.note },
    })
    return { ok: true as const }
  },
})

export const POST = toWebHandler(route)
