import { and, eq, inArray } from 'drizzle-orm'
import { appendAudit } from '../../../../db/audit'
import { landAwardYears, landParcels, landPoolParcels } from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import { createYearInput, idResponse } from '../../../../shared/land'
import { branchLeaders } from '../../../../shared/roles'

import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'POST',
  path: '/api/land/years/create',
  summary: '书记设置当年奖励耕地：地块、每户亩数、承包季',
  tags: ['land'],
  auth: 'user',
  tenancy: 'body',
  roles: branchLeaders,
  body: createYearInput,
  response: idResponse,
  successStatus: 201,
  errors: ['forbidden', 'not_member_of_village', 'land_year_exists', 'land_pool_too_small', 'validation_failed'],
  handler: async ({ db, session, body }) => {
    const names = body.parcels.map((parcel) => parcel.name)
    if (new Set(names).size !== names.length) throw new AppError('validation_failed', '地块名称不能重复')
    const pool = body.parcels.reduce((sum, parcel) => sum + parcel.areaTenthMu, 0)
    if (pool < body.perHouseholdTenthMu) throw new AppError('land_pool_too_small')
    const [year] = await db
      .insert(landAwardYears)
      .values({
        villageId: body.villageId,
        year: body.year,
        perHouseholdTenthMu: body.perHouseholdTenthMu,
        season: body.season,
        createdBy: session.personId,
      })
      .onConflictDoNothing()
      .returning({ id: landAwardYears.id })
    if (!year) throw new AppError('land_year_exists')
    // Reserve-land parcels outlive a year: reuse a named parcel, but never silently change its area.
    await db
      .insert(landParcels)
      .values(body.parcels.map((parcel) => ({ villageId: body.villageId, name: parcel.name, areaTenthMu: parcel.areaTenthMu })))
      .onConflictDoNothing()
    const parcels = await db
      .select()
      .from(landParcels)
      .where(and(eq(landParcels.villageId, body.villageId), inArray(landParcels.name, names)))
    for (const input of body.parcels) {
      const stored = parcels.find((parcel) => parcel.name === input.name)
      if (!stored || stored.areaTenthMu !== input.areaTenthMu) {
        throw new AppError('validation_failed', `地块「${input.name}」已登记为其他面积，请核对`)
      }
    }
    await db.insert(landPoolParcels).values(parcels.map((parcel) => ({ awardYearId: year.id, parcelId: parcel.id })))
    await appendAudit(db, {
      villageId: body.villageId,
      actorPersonId: session.personId,
      action: 'land.year.created',
      subjectType: 'land_award_year',
      subjectId: year.id,
      payload: { year: body.year, perHouseholdTenthMu: body.perHouseholdTenthMu, poolTenthMu: pool, parcels: names, season: body.season },
    })
    return { id: year.id }
  },
})

export const POST = toWebHandler(route)
