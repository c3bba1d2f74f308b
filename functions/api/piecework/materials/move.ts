import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { customerOrders, materialMovements, pieceCollections, pieceOperations } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { idResponse, issueMaterialInput } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadWorker, loadWorkshop } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/materials/move',
  summary: '给加工户发料（领料）或收回余料（退料），按订单登记，以克计',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: issueMaterialInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_worker_not_in_workshop', 'piecework_return_exceeds'],
  handler: async ({ authorize, db, session, body }) => {
    const workshop = await loadWorkshop(db, body.workshopId)
    authorize(workshop.villageId)
    const worker = await loadWorker(db, workshop.id, body.workerId, true)
    const [order] = await db
      .select()
      .from(customerOrders)
      .where(and(eq(customerOrders.id, body.orderId), eq(customerOrders.workshopId, workshop.id)))
    if (!order) throw new AppError('not_found', '找不到这个订单')
    if (body.kind === 'return') {
      const [held] = await db
        .select({
          net: sql<number>`coalesce(sum(case when ${materialMovements.kind} = 'issue' then ${materialMovements.grams} else -${materialMovements.grams} end), 0)`.mapWith(Number),
        })
        .from(materialMovements)
        .innerJoin(customerOrders, eq(customerOrders.id, materialMovements.orderId))
        .where(and(eq(materialMovements.workerId, worker.id), eq(customerOrders.productId, order.productId)))
      const [used] = await db
        .select({
          grams: sql<number>`coalesce(sum(case when ${pieceCollections.reworkReturn} then 0 else (${pieceCollections.accepted} + ${pieceCollections.rejected} + ${pieceCollections.rework}) * ${pieceOperations.gramsPerPiece} end), 0)`.mapWith(Number),
        })
        .from(pieceCollections)
        .innerJoin(pieceOperations, eq(pieceOperations.id, pieceCollections.operationId))
        .where(and(eq(pieceCollections.workerId, worker.id), eq(pieceOperations.productId, order.productId)))
      if (body.grams > (held?.net ?? 0) - (used?.grams ?? 0)) throw new AppError('piecework_return_exceeds')
    }
    const [row] = await db
      .insert(materialMovements)
      .values({
        workshopId: workshop.id,
        orderId: order.id,
        workerId: worker.id,
        kind: body.kind,
        grams: body.grams,
        expectedPieces: body.kind === 'issue' ? body.expectedPieces : 0,
        movedOn: body.movedOn,
        createdBy: session.personId,
      })
      .returning({ id: materialMovements.id })
    if (!row) throw new Error('material insert returned nothing')
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: body.kind === 'issue' ? 'piecework.material.issued' : 'piecework.material.returned',
      subjectType: 'material_movement',
      subjectId: row.id,
      payload: { workerId: worker.id, orderId: order.id, grams: body.grams, expectedPieces: body.expectedPieces, movedOn: body.movedOn },
    })
    return row
  },
})

export const POST = toWebHandler(route)
