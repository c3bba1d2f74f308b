import { appendAudit } from '../../../../db/audit'
import { gardenPlantingCorrections } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { correctionResponse, correctPlantingInput, patched, plantingChanges, plantingCorrectionRefusal } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { gardenStewards } from '../../../../shared/roles'
import { currentBeds, currentPlantings } from '../../../queries/garden-corrections'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/plantings/correct',
  summary: '主理人更正种植记录（哪块菜畦、种什么、播种和预计采收日期、备注），写明原因；原来的记录不变',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: correctPlantingInput,
  response: correctionResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_correction_no_change', 'garden_planting_dates_invalid'],
  handler: async ({ db, session, body }) => {
    const beds = await currentBeds(db, body.villageId)
    const bedName = (id: string) => beds.find((b) => b.id === id)?.name ?? ''
    // The planting row is the lock: two corrections of it are decided one after the other.
    const [planting] = await currentPlantings(db, body.villageId, { ids: [body.plantingId], lock: true, bedName })
    if (!planting) throw new AppError('not_found', '找不到这条种植记录')
    if (body.bedId !== undefined && !beds.some((b) => b.id === body.bedId)) throw new AppError('not_found', '找不到这块菜畦')
    const current = { bedId: planting.bedId, crop: planting.crop, sownOn: planting.sownOn, expectedHarvestOn: planting.expectedHarvestOn, note: planting.note }
    const proposed = patched(current, body)
    const refusal = plantingCorrectionRefusal({ current, proposed })
    if (refusal) throw new AppError(refusal)
    const seq = planting.history.length + 1
    const [row] = await db
      .insert(gardenPlantingCorrections)
      .values({ villageId: body.villageId, plantingId: planting.id, seq, ...proposed, reason: body.reason, correctedBy: session.personId })
      .returning({ id: gardenPlantingCorrections.id })
    if (!row) throw new Error('planting correction insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.planting.corrected',
      subjectType: 'garden_planting',
      subjectId: planting.id,
      payload: { seq, reason: body.reason, changes: plantingChanges(current, proposed, bedName) },
    })
    return { id: row.id, seq }
  },
})

export const POST = toWebHandler(route)
