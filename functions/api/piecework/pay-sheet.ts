import { paySheetResponse, periodQuery } from '../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../lib/route'
import { loadPeriod, paySheetFor } from '../../queries/piecework'
import { workshopViewers } from '../../../shared/roles'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/pay-sheet',
  summary: '工资单：每户件数、单价、金额、调整、合计（已结账的周期为结账时的快照）',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopViewers,
  query: periodQuery,
  response: paySheetResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const { period, workshop } = await loadPeriod(db, query.periodId)
    authorize(workshop.villageId)
    return paySheetFor(db, workshop, period)
  },
})

export const GET = toWebHandler(route)
