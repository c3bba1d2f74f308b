import { and, eq } from 'drizzle-orm'
import { z } from '../../../../shared/zod'
import { appendAudit } from '../../../../db/audit'
import { gardenPointsLedger } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { adjustPointsInput, createdResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { isVillageMember } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

// Fields a client might send to overwrite a balance or an entry; seen, they are refused by name.
const body = adjustPointsInput.extend({ setTo: z.unknown().optional(), points: z.unknown().optional(), entryId: z.unknown().optional() })

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/points/adjust',
  summary: '主理人登记一笔积分调整（积分只增不改，更正也是新的一笔，必须写明原因）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_points_append_only', 'garden_swap_target_invalid'],
  handler: async ({ db, session, body }) => {
    if (body.setTo !== undefined || body.points !== undefined || body.entryId !== undefined) throw new AppError('garden_points_append_only')
    if (!(await isVillageMember(db, body.villageId, body.personId))) throw new AppError('garden_swap_target_invalid', '这个人不是本社区的志愿者')
    if (body.correctsEntryId) {
      const [entry] = await db
        .select({ personId: gardenPointsLedger.personId })
        .from(gardenPointsLedger)
        .where(and(eq(gardenPointsLedger.id, body.correctsEntryId), eq(gardenPointsLedger.villageId, body.villageId)))
      if (!entry || entry.personId !== body.personId) throw new AppError('not_found', '找不到要更正的那笔积分')
    }
    const [row] = await db
      .insert(gardenPointsLedger)
      .values({
        villageId: body.villageId,
        personId: body.personId,
        kind: 'adjustment',
        points: body.delta,
        reason: body.reason,
        correctsEntryId: body.correctsEntryId ?? null,
        createdBy: session.personId,
      })
      .returning({ id: gardenPointsLedger.id })
    if (!row) throw new Error('ledger insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.points.adjusted',
      subjectType: 'garden_points_entry',
      subjectId: row.id,
      payload: { personId: body.personId, delta: body.delta, reason: body.reason, correctsEntryId: body.correctsEntryId ?? null },
    })
    return row
  },
})

export const POST = toWebHandler(route)
