import { createCollectionInput, createCollectionResponse } from '../../../../shared/piecework'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { AppError } from '../../../../shared/errors'
import { recordCollectionBatch } from '../../../queries/piecework-collections'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/collections/create',
  summary: '交货验收：登记一户交来的件数（合格/不合格/返工），客户端编号保证只记一次',
  tags: ['piecework'],
  // The session is read in the batch's first statement, beside its locks (one wait fewer).
  auth: 'token',
  tenancy: 'entity',
  ownTransaction: true,
  roles: workshopHeads,
  body: createCollectionInput,
  response: createCollectionResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'conflict',
    'piecework_worker_not_in_workshop',
    'piecework_operation_mismatch',
    'piecework_period_closed',
    'piecework_over_collection',
    'piecework_invalid_count',
    'piecework_reject_reason_required',
    'piecework_rework_exceeds',
    'piecework_over_order',
    'piecework_over_order_reason_required',
    'piecework_daily_limit',
    'piecework_no_rate',
    'piecework_no_period',
  ],
  handler: async ({ db, authorize, claims, body, idempotency, noteAudit }) =>
    recordCollectionBatch(db, {
      claims,
      authorize,
      noteAudit,
      workshopId: body.workshopId,
      entries: [body],
      idempotency,
      answer: ([result]) => {
        if (!result) throw new AppError('conflict')
        if (result.outcome === 'error') throw new AppError(result.code, result.message)
        return result
      },
    }),
})

export const POST = toWebHandler(route)
