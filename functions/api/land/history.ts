import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import { landAwards, landAwardYears, landNotices } from '../../../db/schema'
import { villageQuery } from '../../../shared/auth'
import { historyResponse } from '../../../shared/land'

import { defineRoute, toWebHandler } from '../../lib/route'
import { householdLabels } from '../../queries/land'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/history',
  summary: '历年获得奖励耕地的户',
  tags: ['land'],
  auth: 'user',
  tenancy: 'query',
  query: villageQuery,
  response: historyResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const years = await db.select().from(landAwardYears).where(eq(landAwardYears.villageId, query.villageId)).orderBy(asc(landAwardYears.year))
    const notices = await db
      .select()
      .from(landNotices)
      .where(and(eq(landNotices.villageId, query.villageId), ne(landNotices.status, 'withdrawn')))
      .orderBy(asc(landNotices.createdAt))
    // The newest non-withdrawn notice of each year is the one in force (a correction supersedes).
    const inForce = new Map<string, string>()
    for (const notice of notices) inForce.set(notice.awardYearId, notice.id)
    const noticeIds = [...inForce.values()]
    const awards =
      noticeIds.length === 0
        ? []
        : await db
            .select({ noticeId: landAwards.noticeId, householdId: landAwards.householdId, rank: landAwards.rank })
            .from(landAwards)
            .where(inArray(landAwards.noticeId, noticeIds))
            .orderBy(asc(landAwards.rank))
    const labels = await householdLabels(
      db,
      awards.map((award) => award.householdId),
    )
    const result = years.map((year) => {
      const noticeId = inForce.get(year.id)
      const rows = awards.filter((award) => award.noticeId === noticeId)
      return {
        year: year.year,
        perHouseholdTenthMu: year.perHouseholdTenthMu,
        households: rows.map((row) => labels.get(row.householdId) ?? ''),
        status: year.status,
      }
    })
    const counted = awards
    return {
      years: result,
      totalAwards: counted.length,
      distinctHouseholds: new Set(counted.map((award) => award.householdId)).size,
      yearsCount: result.filter((year) => year.households.length > 0).length,
    }
  },
})

export const GET = toWebHandler(route)
