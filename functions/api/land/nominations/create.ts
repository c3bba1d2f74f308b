import { eq } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { households, landNominations } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createNominationInput, idResponse } from '../../../../shared/land'
import { hasAnyRole, nominators } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadYear, requireYearOpen } from '../../../queries/land'
import { attachPhotos } from '../../../queries/land-evidence'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/nominations/create',
  summary: '提名移风易俗户（理事会、村委会登记，或本户自己申请），附上先上传的证明照片',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  body: createNominationInput,
  response: idResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_nomination_exists',
    'land_nomination_closed',
    'land_result_locked',
    'land_photo_not_usable',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const year = await loadYear(db, body.awardYearId)
    const held = authorize(year.villageId)
    const [household] = await db.select().from(households).where(eq(households.id, body.householdId))
    if (!household || household.villageId !== year.villageId) throw new AppError('not_found', '本村没有这一户')
    const cadre = hasAnyRole(held, nominators)
    const selfApplied = !cadre
    if (selfApplied && session.householdId !== household.id) {
      throw new AppError('forbidden', '村民只能为自己家申请')
    }
    requireYearOpen(year)
    const [row] = await db
      .insert(landNominations)
      .values({
        villageId: year.villageId,
        awardYearId: year.id,
        householdId: household.id,
        deedKind: body.deedKind,
        deedDate: body.deedDate,
        notes: body.notes,
        evidenceUrls: body.evidenceUrls,
        selfApplied,
        createdBy: session.personId,
      })
      .onConflictDoNothing()
      .returning({ id: landNominations.id })
    if (!row) throw new AppError('land_nomination_exists')
    // In the nomination's transaction: a photo that cannot be attached refuses the nomination too.
    await attachPhotos(db, row.id, year.villageId, session.personId, body.evidencePhotoIds)
    await appendAudit(db, {
      villageId: year.villageId,
      actorPersonId: session.personId,
      action: 'land.nomination.created',
      subjectType: 'land_nomination',
      subjectId: row.id,
      payload: {
        householdId: household.id,
        deedKind: body.deedKind,
        deedDate: body.deedDate,
        selfApplied,
        photos: body.evidenceUrls.length + body.evidencePhotoIds.length,
        photoIds: body.evidencePhotoIds,
      },
    })
    return { id: row.id }
  },
})

export const POST = toWebHandler(route)
