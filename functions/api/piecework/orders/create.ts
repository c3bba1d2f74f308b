import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { customerOrders, pieceProducts } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createOrderInput, idResponse } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadWorkshop } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/orders/create',
  summary: '登记客户订单（客户、产品、数量、交期、单价）',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: createOrderInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, session, body }) => {
    const workshop = await loadWorkshop(db, body.workshopId)
    authorize(workshop.villageId)
    const [product] = await db
      .select({ id: pieceProducts.id })
      .from(pieceProducts)
      .where(and(eq(pieceProducts.id, body.productId), eq(pieceProducts.workshopId, workshop.id)))
    if (!product) throw new AppError('not_found', '本工坊没有这个产品')
    const [row] = await db
      .insert(customerOrders)
      .values({
        workshopId: workshop.id,
        productId: product.id,
        customer: body.customer,
        quantity: body.quantity,
        dueOn: body.dueOn,
        unitPriceFen: body.unitPriceFen,
        createdBy: session.personId,
      })
      .returning({ id: customerOrders.id })
    if (!row) throw new Error('order insert returned nothing')
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: 'piecework.order.created',
      subjectType: 'customer_order',
      subjectId: row.id,
      payload: { customer: body.customer, productId: product.id, quantity: body.quantity, dueOn: body.dueOn, unitPriceFen: body.unitPriceFen },
    })
    return row
  },
})

export const POST = toWebHandler(route)
