import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { pieceOperations, pieceProducts, pieceRates } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { buildRateBook, checkUnusualRate, createRateInput, idResponse, rateDateAllowed, usualRate } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { listPeriods, loadWorkshop, workshopRates } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/rates/create',
  summary: '调整工序的计件单价（从某日起生效，不改已结账的工资）',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: createRateInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_rate_in_closed_period', 'piecework_rate_exists', 'piecework_rate_unusual'],
  handler: async ({ authorize, db, session, body }) => {
    const [operation] = await db
      .select({ id: pieceOperations.id, workshopId: pieceProducts.workshopId })
      .from(pieceOperations)
      .innerJoin(pieceProducts, eq(pieceProducts.id, pieceOperations.productId))
      .where(eq(pieceOperations.id, body.operationId))
    if (!operation) throw new AppError('not_found', '找不到这道工序')
    const workshop = await loadWorkshop(db, operation.workshopId, 'update')
    authorize(workshop.villageId)
    const periods = await listPeriods(db, workshop.id)
    if (!rateDateAllowed(body.effectiveFrom, periods)) throw new AppError('piecework_rate_in_closed_period')
    const usualFen = usualRate(buildRateBook(await workshopRates(db, workshop.id)), operation.id, body.effectiveFrom)
    const unusual = checkUnusualRate({ rateFen: body.rateFen, usualFen, confirmed: body.confirmUnusualRate })
    if (unusual) throw new AppError(unusual.code, unusual.message)
    const [row] = await db
      .insert(pieceRates)
      .values({ operationId: operation.id, rateFen: body.rateFen, effectiveFrom: body.effectiveFrom, createdBy: session.personId })
      .onConflictDoNothing()
      .returning({ id: pieceRates.id })
    if (!row) throw new AppError('piecework_rate_exists')
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: 'piecework.rate.created',
      subjectType: 'piece_operation',
      subjectId: operation.id,
      payload: {
        rateId: row.id,
        rateFen: body.rateFen,
        effectiveFrom: body.effectiveFrom,
        ...(body.confirmUnusualRate ? { confirmedUnusual: true, usualFen } : {}),
      },
    })
    return row
  },
})

export const POST = toWebHandler(route)
