import { and, eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { gardenDuties, gardenMatterOptions, gardenMatters } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createdResponse, createMatterInput, matterOptions, votingWindowRefusal } from '../../../../shared/garden'
import { matterConveners } from '../../../../shared/roles'
import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/matters/create',
  summary: '主理人或社区居委会把一件事交给全院表决：内容、选项、谁能投、投票起止时间、怎样算通过（开始前就写明）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: matterConveners,
  body: createMatterInput,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_matter_options_invalid', 'garden_matter_window_invalid'],
  handler: async ({ db, session, body }) => {
    const options = matterOptions(body.kind, body.options)
    if (options === 'options_invalid') throw new AppError('garden_matter_options_invalid')
    const opensAt = new Date(body.opensAt)
    const closesAt = new Date(body.closesAt)
    if (votingWindowRefusal(opensAt, closesAt, new Date())) throw new AppError('garden_matter_window_invalid')
    if (body.pausesDutyId) {
      const [duty] = await db
        .select({ id: gardenDuties.id })
        .from(gardenDuties)
        .where(and(eq(gardenDuties.id, body.pausesDutyId), eq(gardenDuties.villageId, body.villageId)))
      if (!duty) throw new AppError('not_found', '找不到这项值班')
    }
    const [matter] = await db
      .insert(gardenMatters)
      .values({
        villageId: body.villageId,
        title: body.title,
        body: body.body,
        kind: body.kind,
        electorate: body.electorate,
        threshold: body.threshold,
        opensAt,
        closesAt,
        pausesDutyId: body.pausesDutyId ?? null,
        createdBy: session.personId,
      })
      .returning({ id: gardenMatters.id })
    if (!matter) throw new Error('matter insert returned nothing')
    await db.insert(gardenMatterOptions).values(options.map((option, position) => ({ matterId: matter.id, key: option.key, label: option.label, position })))
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.matter.created',
      subjectType: 'garden_matter',
      subjectId: matter.id,
      payload: {
        title: body.title,
        kind: body.kind,
        options,
        electorate: body.electorate,
        threshold: body.threshold,
        opensAt,
        closesAt,
        pausesDutyId: body.pausesDutyId ?? null,
      },
    })
    return { id: matter.id }
  },
})

export const POST = toWebHandler(route)
