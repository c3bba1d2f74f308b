import { and, eq, inArray } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landAllocations, landAwards, landParcels, landPoolParcels } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { allocateInput, idResponse } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { loadYear } from '../../../queries/land'
import { currentNotice } from '../../../queries/land-notices'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/allocations/assign',
  summary: '把地块分配给获奖户（本季每块地只分一次，不超过应得亩数）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  roles: branchLeaders,
  body: allocateInput,
  response: idResponse,
  successStatus: 201,
  errors: [
    'forbidden',
    'not_member_of_village',
    'not_found',
    'land_notice_not_locked',
    'land_household_not_awarded',
    'land_parcel_not_in_pool',
    'land_parcel_already_allocated',
    'land_award_exceeded',
  ],
  handler: async ({ authorize, db, session, body }) => {
    const year = await loadYear(db, body.awardYearId)
    authorize(year.villageId)
    const notice = await currentNotice(db, year.id)
    if (!notice || notice.status !== 'locked') throw new AppError('land_notice_not_locked')
    const [award] = await db
      .select()
      .from(landAwards)
      .where(and(eq(landAwards.noticeId, notice.id), eq(landAwards.householdId, body.householdId)))
    if (!award) throw new AppError('land_household_not_awarded')
    const parcelIds = [...new Set(body.parcelIds)]
    const parcels = await db
      .select({ id: landParcels.id, name: landParcels.name, areaTenthMu: landParcels.areaTenthMu })
      .from(landPoolParcels)
      .innerJoin(landParcels, eq(landParcels.id, landPoolParcels.parcelId))
      .where(and(eq(landPoolParcels.awardYearId, year.id), inArray(landPoolParcels.parcelId, parcelIds)))
    if (parcels.length !== parcelIds.length) throw new AppError('land_parcel_not_in_pool')
    // Serialise allocations for one household so two requests cannot both fit under its share.
    await db.select({ id: landAwards.id }).from(landAwards).where(eq(landAwards.id, award.id)).for('update')
    const already = await db
      .select({ areaTenthMu: landAllocations.areaTenthMu })
      .from(landAllocations)
      .where(and(eq(landAllocations.awardYearId, year.id), eq(landAllocations.season, year.season), eq(landAllocations.householdId, award.householdId)))
    const total = [...already, ...parcels].reduce((sum, parcel) => sum + parcel.areaTenthMu, 0)
    if (total > award.tenthMu) {
      throw new AppError('land_award_exceeded', `这一户应得${award.tenthMu / 10}亩，分配后将是${total / 10}亩`)
    }
    const inserted = await db
      .insert(landAllocations)
      .values(
        parcels.map((parcel) => ({
          villageId: year.villageId,
          awardYearId: year.id,
          season: year.season,
          parcelId: parcel.id,
          householdId: award.householdId,
          areaTenthMu: parcel.areaTenthMu,
          allocatedBy: session.personId,
        })),
      )
      .onConflictDoNothing()
      .returning({ parcelId: landAllocations.parcelId })
    if (inserted.length !== parcels.length) {
      const taken = parcels.filter((parcel) => !inserted.some((row) => row.parcelId === parcel.id)).map((parcel) => parcel.name)
      // Thrown inside the route's transaction, so the parcels that did insert roll back too.
      throw new AppError('land_parcel_already_allocated', `地块${taken.join('、')}本季已经分配给别人了`)
    }
    await appendAudit(db, {
      villageId: year.villageId,
      actorPersonId: session.personId,
      action: 'land.allocation.assigned',
      subjectType: 'land_award_year',
      subjectId: year.id,
      payload: { householdId: award.householdId, season: year.season, parcels: parcels.map((parcel) => parcel.name), tenthMu: total },
    })
    return { id: award.id }
  },
})

export const POST = toWebHandler(route)
