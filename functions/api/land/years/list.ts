import { asc, count, desc, eq, sql } from 'drizzle-orm'
import { landAllocations, landAwards, landAwardYears, landNotices } from '../../../../db/schema'
import { villageQuery } from '../../../../shared/auth'
import { yearsListResponse } from '../../../../shared/land'
import { defineRoute, toWebHandler } from '../../../lib/route'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/years/list',
  summary: '历年奖励耕地：每年的公示和地块分配',
  tags: ['land'],
  auth: 'user',
  tenancy: 'query',
  query: villageQuery,
  response: yearsListResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, query }) => {
    const years = await db.select().from(landAwardYears).where(eq(landAwardYears.villageId, query.villageId)).orderBy(desc(landAwardYears.year))
    const notices = await db
      .select({
        id: landNotices.id,
        awardYearId: landNotices.awardYearId,
        status: landNotices.status,
        publishedOn: landNotices.publishedOn,
        endsOn: landNotices.endsOn,
        correctsNoticeId: landNotices.correctsNoticeId,
      })
      .from(landNotices)
      .where(eq(landNotices.villageId, query.villageId))
      .orderBy(asc(landNotices.createdAt), asc(landNotices.id))
    const awards = await db
      .select({ noticeId: landAwards.noticeId, n: count() })
      .from(landAwards)
      .innerJoin(landNotices, eq(landNotices.id, landAwards.noticeId))
      .where(eq(landNotices.villageId, query.villageId))
      .groupBy(landAwards.noticeId)
    const allocations = await db
      .select({
        awardYearId: landAllocations.awardYearId,
        tenthMu: sql<number>`coalesce(sum(${landAllocations.areaTenthMu}), 0)`.mapWith(Number),
        households: sql<number>`count(distinct ${landAllocations.householdId})`.mapWith(Number),
      })
      .from(landAllocations)
      .where(eq(landAllocations.villageId, query.villageId))
      .groupBy(landAllocations.awardYearId)
    return {
      years: years.map((year) => {
        const own = notices.filter((notice) => notice.awardYearId === year.id)
        // The same rule as the history: the newest notice not withdrawn is the one in force.
        const inForce = own.filter((notice) => notice.status !== 'withdrawn').at(-1) ?? null
        const handed = allocations.find((row) => row.awardYearId === year.id)
        return {
          awardYearId: year.id,
          year: year.year,
          season: year.season,
          status: year.status,
          perHouseholdTenthMu: year.perHouseholdTenthMu,
          noticeId: inForce?.id ?? null,
          notices: own.map(({ id, status, publishedOn, endsOn, correctsNoticeId }) => ({
            id,
            status,
            publishedOn,
            endsOn,
            isCorrection: correctsNoticeId !== null,
          })),
          awardedHouseholds: inForce ? (awards.find((row) => row.noticeId === inForce.id)?.n ?? 0) : 0,
          allocatedTenthMu: handed?.tenthMu ?? 0,
          allocatedHouseholds: handed?.households ?? 0,
        }
      }),
    }
  },
})

export const GET = toWebHandler(route)
