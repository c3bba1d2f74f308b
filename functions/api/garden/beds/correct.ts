import { appendAudit } from '../../../../db/audit'
import { gardenBedCorrections } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { bedChanges, bedCorrectionRefusal, correctBedInput, correctionResponse, patched } from '../../../../shared/garden'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { gardenStewards } from '../../../../shared/roles'
import { currentBeds, lockGardenFacts } from '../../../queries/garden-corrections'

export const route = defineRoute({
  method: 'POST',
  path: '/api/garden/beds/correct',
  summary: '主理人更正菜畦（名称、面积、位置），写明原因；原来的记录不变，大家看到“已更正（原为…）”',
  tags: ['garden'],
  auth: 'user',
  tenancy: 'body',
  roles: gardenStewards,
  body: correctBedInput,
  response: correctionResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'not_found', 'garden_correction_no_change', 'garden_bed_name_taken'],
  handler: async ({ db, session, body }) => {
    // Names are decided one writer at a time per village (a new bed, a renamed one).
    await lockGardenFacts(db, body.villageId)
    const beds = await currentBeds(db, body.villageId)
    const bed = beds.find((b) => b.id === body.bedId)
    if (!bed) throw new AppError('not_found', '找不到这块菜畦')
    const proposed = patched({ name: bed.name, areaDm2: bed.areaDm2, positionLabel: bed.positionLabel }, body)
    const refusal = bedCorrectionRefusal({ current: bed, proposed, otherBedNames: beds.filter((b) => b.id !== bed.id).map((b) => b.name) })
    if (refusal) throw new AppError(refusal)
    const seq = bed.history.length + 1
    const [row] = await db
      .insert(gardenBedCorrections)
      .values({ villageId: body.villageId, bedId: bed.id, seq, ...proposed, reason: body.reason, correctedBy: session.personId })
      .returning({ id: gardenBedCorrections.id })
    if (!row) throw new Error('bed correction insert returned nothing')
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'garden.bed.corrected',
      subjectType: 'garden_bed',
      subjectId: bed.id,
      payload: { seq, reason: body.reason, changes: bedChanges(bed, proposed) },
    })
    return { id: row.id, seq }
  },
})

export const POST = toWebHandler(route)
