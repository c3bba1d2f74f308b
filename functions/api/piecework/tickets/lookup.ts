import { AppError } from '../../../../shared/errors'
import { ticketLookupQuery, ticketSchema } from '../../../../shared/piecework'
import { requireWorkshopHead } from '../../../lib/auth'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { listTickets, loadWorkshop } from '../../../queries/piecework'

export const route = defineRoute({
  method: 'GET',
  path: '/api/piecework/tickets/lookup',
  summary: '扫扎票：按扎票号查发给哪户、哪道工序、几件，收过的说明何时由谁收的',
  tags: ['piecework'],
  auth: 'user',
  roles: ['workshop_head'],
  query: ticketLookupQuery,
  response: ticketSchema,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_ticket_not_found'],
  handler: async ({ db, session, query }) => {
    const workshop = await loadWorkshop(db, query.workshopId)
    requireWorkshopHead(session, workshop)
    const [ticket] = await listTickets(db, workshop, { codes: [query.code] })
    if (!ticket) throw new AppError('piecework_ticket_not_found')
    return ticket
  },
})

export const GET = toWebHandler(route)
