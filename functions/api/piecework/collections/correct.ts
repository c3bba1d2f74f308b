import { correctCollectionInput, correctCollectionResponse } from '../../../../shared/piecework'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadWorkshop } from '../../../queries/piecework'
import { recordCorrection } from '../../../queries/piecework-corrections'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/collections/correct',
  summary: '作废或更正一条交货（只在未结账的周期）：另记一条链接到原记录的更正，写明原因，原记录不改；工资、材料、订单数随之变化。已结账的请在下一周期记调整',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: correctCollectionInput,
  response: correctCollectionResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'conflict',
    'piecework_period_closed',
    'piecework_correction_target',
    'piecework_correction_unchanged',
    'piecework_correction_voided',
    'piecework_invalid_count',
    'piecework_reject_reason_required',
    'piecework_over_collection',
    'piecework_rework_exceeds',
    'piecework_over_order',
    'piecework_daily_limit',
  ],
  handler: async ({ authorize, db, session, body }) => {
    // Shared, as a collection takes it: a period close (which takes it for update) waits, or is waited for.
    const workshop = await loadWorkshop(db, body.workshopId, 'share')
    authorize(workshop.villageId)
    return recordCorrection(db, workshop, session, body)
  },
})

export const POST = toWebHandler(route)
