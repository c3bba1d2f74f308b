import { ticketListQuery, ticketListResponse } from '../../../../shared/piecework'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { workshopViewers } from '../../../../shared/roles'
import { listTickets, loadWorkshop, ticketSummary } from '../../../queries/piecework'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/tickets/list',
  summary: '扎票：发出的、已收的、还没收回的（对账），可打印成一页页二维码标签',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopViewers,
  query: ticketListQuery,
  response: ticketListResponse,
  errors: ['forbidden', 'not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    authorize(workshop.villageId)
    const all = await listTickets(db, workshop)
    const tickets = query.status === 'all' ? all : all.filter((t) => (query.status === 'open') === (t.collected === null))
    return { tickets, summary: ticketSummary(all) }
  },
})

export const GET = toWebHandler(route)
