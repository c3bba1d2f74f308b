import { appendAudit } from '../../../../db/audit'
import { pieceOperations, pieceProducts, pieceRates } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createProductInput, idResponse, rateDateAllowed } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { listPeriods, loadWorkshop } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/products/create',
  summary: '新建产品及其工序和计件单价',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: createProductInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_rate_in_closed_period'],
  handler: async ({ authorize, db, session, body }) => {
    const workshop = await loadWorkshop(db, body.workshopId)
    authorize(workshop.villageId)
    if (!rateDateAllowed(body.effectiveFrom, await listPeriods(db, workshop.id))) throw new AppError('piecework_rate_in_closed_period')
    const [product] = await db
      .insert(pieceProducts)
      .values({ workshopId: workshop.id, name: body.name, materialName: body.materialName })
      .returning({ id: pieceProducts.id })
    if (!product) throw new Error('product insert returned nothing')
    const operations = await db
      .insert(pieceOperations)
      .values(
        body.operations.map((op, index) => ({
          productId: product.id,
          name: op.name,
          ...('countPerPiece' in op
            ? { gramsPerPiece: 0, countPerPiece: op.countPerPiece, countUnit: op.countUnit, countMaterialName: op.countMaterialName }
            : { gramsPerPiece: op.gramsPerPiece }),
          sortOrder: index,
        })),
      )
      .returning({ id: pieceOperations.id })
    await db.insert(pieceRates).values(
      operations.map((op, index) => ({
        operationId: op.id,
        rateFen: body.operations[index]?.rateFen ?? 0,
        effectiveFrom: body.effectiveFrom,
        createdBy: session.personId,
      })),
    )
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: 'piecework.product.created',
      subjectType: 'piece_product',
      subjectId: product.id,
      payload: { name: body.name, materialName: body.materialName, effectiveFrom: body.effectiveFrom, operations: body.operations },
    })
    return product
  },
})

export const POST = toWebHandler(route)
