import { appendAudit } from '../../../../db/audit'
import { gardenRewards } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createdResponse, createRewardInput } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'

import { gardenStewards } from '../../../../shared/roles'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/rewards/create',
  summary: '主理人在积分超市上架一件奖品：名称、要几分、有几件',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: createRewardInput,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'garden_reward_exists'],
  handler: async ({ db, session, body }) => {
    const [reward] = await db
      .insert(gardenRewards)
      .values({ villageId: body.villageId, name: body.name, points: body.points, stock: body.stock, createdBy: session.personId })
      .onConflictDoNothing()
      .returning({ id: gardenRewards.id })
    if (!reward) throw new AppError('garden_reward_exists')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.reward.created',
      subjectType: 'garden_reward',
      subjectId: reward.id,
      payload: { name: body.name, points: body.points, stock: body.stock },
    })
    return reward
  },
})

export const POST = toWebHandler(route)
