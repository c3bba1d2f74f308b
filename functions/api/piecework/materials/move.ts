import { randomInt } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { bundleTickets, customerOrders, materialMovements, pieceCollections, pieceOperations } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { GRAMS, TICKET_ALPHABET, issueMaterialInput, moveMaterialResponse, newTicketCode, operationMaterial, withTolerance } from '../../../../shared/piecework'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { listTickets, loadWorker, loadWorkshop } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

const randomFromCrypto = () => randomInt(TICKET_ALPHABET.length) / TICKET_ALPHABET.length

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/materials/move',
  summary: '给加工户发料（领料）或收回余料（退料），按订单登记：称重的以克计，数个数的（铅坠、纽扣）以个计；发料时可按扎打扎票',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: issueMaterialInput,
  response: moveMaterialResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'piecework_worker_not_in_workshop',
    'piecework_return_exceeds',
    'piecework_material_unit_mismatch',
    'piecework_operation_mismatch',
    'piecework_bundles_exceed',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const workshop = await loadWorkshop(db, body.workshopId)
    authorize(workshop.villageId)
    const worker = await loadWorker(db, workshop.id, body.workerId, true)
    const [order] = await db
      .select()
      .from(customerOrders)
      .where(and(eq(customerOrders.id, body.orderId), eq(customerOrders.workshopId, workshop.id)))
    if (!order) throw new AppError('not_found', '找不到这个订单')
    const { unit, amount } = 'grams' in body ? { unit: GRAMS, amount: body.grams } : { unit: body.unit as string, amount: body.count }
    const operations = await db.select().from(pieceOperations).where(eq(pieceOperations.productId, order.productId))
    // Counted material must be what some operation of the product counts; weighed material may
    // go to a product none of whose operations weighs it yet (as before counts existed).
    if (unit !== GRAMS && !operations.some((o) => operationMaterial(o)?.unit === unit)) {
      throw new AppError('piecework_material_unit_mismatch', `这个产品没有哪道工序用「${unit}」计的材料，请核对是按重量还是按个数发料`)
    }
    if (body.kind === 'return') {
      const net =
        sql<number>`coalesce(sum(case when ${materialMovements.kind} = 'issue' then coalesce(${materialMovements.grams}, ${materialMovements.count}) else -coalesce(${materialMovements.grams}, ${materialMovements.count}) end), 0)`.mapWith(
          Number,
        )
      const [held] = await db
        .select({ net })
        .from(materialMovements)
        .innerJoin(customerOrders, eq(customerOrders.id, materialMovements.orderId))
        .where(
          and(
            eq(materialMovements.workerId, worker.id),
            eq(customerOrders.productId, order.productId),
            unit === GRAMS ? sql`${materialMovements.grams} is not null` : eq(materialMovements.unit, unit),
          ),
        )
      const perPiece =
        unit === GRAMS ? pieceOperations.gramsPerPiece : sql`case when ${pieceOperations.countUnit} = ${unit} then ${pieceOperations.countPerPiece} else 0 end`
      const [used] = await db
        .select({
          amount:
            sql<number>`coalesce(sum(case when ${pieceCollections.reworkReturn} then 0 else (${pieceCollections.accepted} + ${pieceCollections.rejected} + ${pieceCollections.rework}) * ${perPiece} end), 0)`.mapWith(
              Number,
            ),
        })
        .from(pieceCollections)
        .innerJoin(pieceOperations, eq(pieceOperations.id, pieceCollections.operationId))
        .where(and(eq(pieceCollections.workerId, worker.id), eq(pieceOperations.productId, order.productId)))
      if (amount > (held?.net ?? 0) - (used?.amount ?? 0)) throw new AppError('piecework_return_exceeds')
    }
    const bundles = body.bundles
    if (bundles) {
      const operation = operations.find((o) => o.id === bundles.operationId)
      if (!operation) throw new AppError('piecework_operation_mismatch', '扎票的工序不属于这个订单的产品')
      const material = operationMaterial(operation)
      if (material && material.unit !== unit)
        throw new AppError('piecework_material_unit_mismatch', `「${operation.name}」用的材料不是这次发的这种，扎票请选用这种材料的工序`)
      const pieces = bundles.count * bundles.piecesPerBundle
      if (material && pieces * material.perPiece > withTolerance(amount, workshop.toleranceBp)) {
        throw new AppError(
          'piecework_bundles_exceed',
          `${bundles.count} 扎 × ${bundles.piecesPerBundle} 件 = ${pieces} 件，这次发的材料最多做 ${Math.floor(withTolerance(amount, workshop.toleranceBp) / material.perPiece)} 件`,
        )
      }
    }
    const [row] = await db
      .insert(materialMovements)
      .values({
        workshopId: workshop.id,
        orderId: order.id,
        workerId: worker.id,
        kind: body.kind,
        grams: unit === GRAMS ? amount : null,
        count: unit === GRAMS ? null : amount,
        unit: unit === GRAMS ? null : unit,
        expectedPieces: body.kind === 'issue' ? body.expectedPieces : 0,
        movedOn: body.movedOn,
        createdBy: session.personId,
      })
      .returning({ id: materialMovements.id })
    if (!row) throw new Error('material insert returned nothing')
    const ticketIds: string[] = []
    if (bundles) {
      // Codes are drawn at random; one already taken is skipped by the unique index and drawn again.
      for (let round = 0; ticketIds.length < bundles.count && round < 5; round++) {
        const wanted = bundles.count - ticketIds.length
        const inserted = await db
          .insert(bundleTickets)
          .values(
            Array.from({ length: wanted }, () => ({
              workshopId: workshop.id,
              code: newTicketCode(randomFromCrypto),
              workerId: worker.id,
              orderId: order.id,
              operationId: bundles.operationId,
              pieces: bundles.piecesPerBundle,
              movementId: row.id,
              issuedOn: body.movedOn,
              createdBy: session.personId,
            })),
          )
          .onConflictDoNothing({ target: bundleTickets.code })
          .returning({ id: bundleTickets.id })
        ticketIds.push(...inserted.map((t) => t.id))
      }
      if (ticketIds.length < bundles.count) throw new AppError('conflict', '扎票号码一时分配不开，请再试一次')
    }
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: body.kind === 'issue' ? 'piecework.material.issued' : 'piecework.material.returned',
      subjectType: 'material_movement',
      subjectId: row.id,
      payload: {
        workerId: worker.id,
        orderId: order.id,
        ...(unit === GRAMS ? { grams: amount } : { count: amount, unit }),
        expectedPieces: body.expectedPieces,
        movedOn: body.movedOn,
        ...(bundles ? { bundles: { operationId: bundles.operationId, piecesPerBundle: bundles.piecesPerBundle, tickets: ticketIds.length } } : {}),
      },
    })
    const tickets = ticketIds.length > 0 ? await listTickets(db, workshop, { ids: ticketIds }) : []
    return { id: row.id, tickets }
  },
})

export const POST = toWebHandler(route)
