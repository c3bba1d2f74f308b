import { appendAudit } from '../../../../db/audit'
import { gardenBeds } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createBedInput, createdResponse } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { gardenStewards } from '../../../../shared/roles'
import { currentBeds, lockGardenFacts } from '../../../queries/garden-corrections'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/beds/create',
  summary: '主理人新建菜畦（名称、面积、位置）',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: createBedInput,
  response: createdResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'conflict'],
  handler: async ({ db, session, body }) => {
    // A new name must differ from every bed's name as it stands (a corrected name included).
    await lockGardenFacts(db, body.villageId)
    if ((await currentBeds(db, body.villageId)).some((b) => b.name === body.name)) throw new AppError('conflict', '已经有同名的菜畦了')
    const [bed] = await db.insert(gardenBeds).values(body).onConflictDoNothing().returning({ id: gardenBeds.id })
    if (!bed) throw new AppError('conflict', '已经有同名的菜畦了')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.bed.created',
      subjectType: 'garden_bed',
      subjectId: bed.id,
      payload: { name: body.name, areaDm2: body.areaDm2, positionLabel: body.positionLabel },
    })
    return bed
  },
})

export const POST = toWebHandler(route)
