import { and, asc, eq } from 'drizzle-orm'
import { households, landNominations } from '../../../../db/schema'
import { nominationHouseholdsQuery, nominationHouseholdsResponse } from '../../../../shared/land'
import { hasAnyRole, nominators } from '../../../../shared/roles'
import { defineRoute, toWebHandler } from '../../../lib/route'
import { householdFaces, loadYear } from '../../../queries/land'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/nominations/households',
  summary: '可提名的户：理事会、村委会看本村各户，村民只看自己家（户主、年龄、人口，今年是否已被提名）',
  tags: ['land'],
  auth: 'user',
  tenancy: 'entity',
  query: nominationHouseholdsQuery,
  response: nominationHouseholdsResponse,
  errors: ['not_member_of_village', 'not_found'],
  handler: async ({ authorize, db, session, query }) => {
    const year = await loadYear(db, query.awardYearId)
    const cadre = hasAnyRole(authorize(year.villageId), nominators)
    // A villager applies only for their own household: the list is theirs alone.
    const own = cadre ? undefined : eq(households.id, session.householdId ?? '00000000-0000-0000-0000-000000000000')
    const rows = await db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.villageId, year.villageId), own))
      .orderBy(asc(households.label))
    const nominated = new Set(
      (await db.select({ householdId: landNominations.householdId }).from(landNominations).where(eq(landNominations.awardYearId, year.id))).map(
        (row) => row.householdId,
      ),
    )
    const faces = await householdFaces(
      db,
      rows.map((row) => row.id),
    )
    return {
      canNominateOthers: cadre,
      households: rows.map(({ id }) => {
        const face = faces.get(id)
        return {
          householdId: id,
          householdLabel: face?.label ?? '',
          headName: face?.headName ?? null,
          headAge: face?.headBirthYear ? year.year - face.headBirthYear : null,
          memberCount: face?.memberCount ?? 0,
          nominated: nominated.has(id),
        }
      }),
    }
  },
})

export const GET = toWebHandler(route)
