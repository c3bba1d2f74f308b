import { AppError } from '../../../../shared/errors'
import { ticketLookupQuery, ticketSchema } from '../../../../shared/piecework'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { workshopHeads } from '../../../../shared/roles'
import { listTickets, loadWorkshop } from '../../../queries/piecework'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/tickets/lookup',
  summary: '扫扎票：按扎票号查发给哪户、哪道工序、几件，收过的说明何时由谁收的',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  query: ticketLookupQuery,
  response: ticketSchema,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_ticket_not_found'],
  handler: async ({ authorize, db, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    authorize(workshop.villageId)
    const [ticket] = await listTickets(db, workshop, { codes: [query.code] })
    if (!ticket) throw new AppError('piecework_ticket_not_found')
    return ticket
  },
})

export const GET = toWebHandler(route)
