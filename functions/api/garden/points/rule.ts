import { appendAudit } from '../../../../db/audit'
import { gardenPointsRules } from '../../../../db/schema'
import { pointsRuleSchema, setPointsRuleInput } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { pointsRuleOf } from '../../../queries/garden'
import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/points/rule',
  summary: '主理人设定积分规则：每小时几分，冷门班加成几成（只影响以后完成的班）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: setPointsRuleInput,
  response: pointsRuleSchema,
  errors: ['forbidden', 'not_member_of_village'],
  handler: async ({ db, session, body }) => {
    const before = await pointsRuleOf(db, body.villageId)
    const rule = { pointsPerHour: body.pointsPerHour, unpopularPercent: body.unpopularPercent }
    await db
      .insert(gardenPointsRules)
      .values({ villageId: body.villageId, ...rule, updatedBy: session.personId })
      .onConflictDoUpdate({ target: gardenPointsRules.villageId, set: { ...rule, updatedBy: session.personId, updatedAt: new Date() } })
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.points_rule.set',
      subjectType: 'garden_points_rule',
      subjectId: body.villageId,
      payload: { before, after: rule },
    })
    return rule
  },
})

export const POST = toWebHandler(route)
