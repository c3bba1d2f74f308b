import { appendAudit } from '../../../../db/audit'
import { payPeriods } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { checkPeriodLength, createPeriodInput, idResponse, periodsOverlap } from '../../../../shared/piecework'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { listPeriods, loadWorkshop } from '../../../queries/piecework'
import { workshopHeads } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/piecework/periods/create',
  summary: '新建工资周期（起止日期，不与已有周期重叠）',
  tags: ['piecework'],
  auth: 'user',
  tenancy: 'entity',
  roles: workshopHeads,
  body: createPeriodInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'piecework_period_overlap', 'piecework_bad_period', 'piecework_period_too_long'],
  handler: async ({ authorize, db, session, body }) => {
    const workshop = await loadWorkshop(db, body.workshopId, 'update')
    authorize(workshop.villageId)
    const badRange = checkPeriodLength(body.startsOn, body.endsOn)
    if (badRange) throw new AppError(badRange.code, badRange.message)
    const clash = (await listPeriods(db, workshop.id)).find((p) => periodsOverlap(p, body))
    if (clash) throw new AppError('piecework_period_overlap', `与「${clash.name}」（${clash.startsOn} 至 ${clash.endsOn}）重叠`)
    const [row] = await db
      .insert(payPeriods)
      .values({ workshopId: workshop.id, name: body.name, startsOn: body.startsOn, endsOn: body.endsOn })
      .returning({ id: payPeriods.id })
    if (!row) throw new Error('period insert returned nothing')
    await appendAudit(db, {
      villageId: workshop.villageId,
      actorPersonId: session.personId,
      action: 'piecework.period.created',
      subjectType: 'pay_period',
      subjectId: row.id,
      payload: { name: body.name, startsOn: body.startsOn, endsOn: body.endsOn },
    })
    return row
  },
})

export const POST = toWebHandler(route)
