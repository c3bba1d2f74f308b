import { and, count, desc, eq, inArray } from 'drizzle-orm'
import {
  landAttendance,
  landAwardYears,
  landMeetingChanges,
  landMeetings,
  landMotions,
  landNominations,
  landParcels,
  landPoolParcels,
} from '../../../../db/schema'
import { chinaDateOf } from '../../../../shared/time'
import { photoIdsOf } from '../../../queries/land-evidence'
import { currentYearQuery, currentYearResponse, poolCapacity } from '../../../../shared/land'

import { defineRoute, toWebHandler } from '../../../lib/route'
import { electorateSize, householdFaces, meetingYear } from '../../../queries/land'
import { currentNotice } from '../../../queries/land-notices'

export const route = defineRoute({
  method: 'GET',
  path: '/api/land/years/current',
  summary: '本村最近一年的奖励耕地：地块、提名、会议、表决、公示',
  tags: ['land'],
  auth: 'user',
  tenancy: 'query',
  query: currentYearQuery,
  response: currentYearResponse,
  errors: ['not_member_of_village'],
  handler: async ({ db, session, query }) => {
    const [year] = await db.select().from(landAwardYears).where(eq(landAwardYears.villageId, query.villageId)).orderBy(desc(landAwardYears.year)).limit(1)
    if (!year) return { awardYear: null }
    const parcels = await db
      .select({ id: landParcels.id, name: landParcels.name, areaTenthMu: landParcels.areaTenthMu })
      .from(landPoolParcels)
      .innerJoin(landParcels, eq(landParcels.id, landPoolParcels.parcelId))
      .where(eq(landPoolParcels.awardYearId, year.id))
      .orderBy(landParcels.name)
    const poolTenthMu = parcels.reduce((sum, parcel) => sum + parcel.areaTenthMu, 0)
    const nominations = await db
      .select({ nomination: landNominations })
      .from(landNominations)
      .where(eq(landNominations.awardYearId, year.id))
      .orderBy(landNominations.createdAt)
    const faces = await householdFaces(db, [...new Set(nominations.map(({ nomination }) => nomination.householdId))])
    const faceOf = (householdId: string) => {
      const face = faces.get(householdId)
      return {
        householdLabel: face?.label ?? '',
        headName: face?.headName ?? null,
        headAge: face?.headBirthYear ? year.year - face.headBirthYear : null,
        memberCount: face?.memberCount ?? 0,
      }
    }
    const photos = await photoIdsOf(
      db,
      nominations.map(({ nomination }) => nomination.id),
    )
    const meetings = await db.select().from(landMeetings).where(eq(landMeetings.awardYearId, year.id)).orderBy(landMeetings.createdAt)
    const meetingIds = meetings.map((meeting) => meeting.id)
    const motions =
      meetingIds.length === 0 ? [] : await db.select().from(landMotions).where(inArray(landMotions.meetingId, meetingIds)).orderBy(landMotions.createdAt)
    const presentRows =
      meetingIds.length === 0
        ? []
        : await db
            .select({ meetingId: landAttendance.meetingId, n: count() })
            .from(landAttendance)
            .where(inArray(landAttendance.meetingId, meetingIds))
            .groupBy(landAttendance.meetingId)
    const mine =
      meetingIds.length === 0
        ? []
        : await db
            .select({ meetingId: landAttendance.meetingId })
            .from(landAttendance)
            .where(and(inArray(landAttendance.meetingId, meetingIds), eq(landAttendance.personId, session.personId)))
    const changes =
      meetingIds.length === 0
        ? []
        : await db.select().from(landMeetingChanges).where(inArray(landMeetingChanges.meetingId, meetingIds)).orderBy(desc(landMeetingChanges.changedAt))
    const notice = await currentNotice(db, year.id)
    return {
      awardYear: {
        id: year.id,
        villageId: year.villageId,
        year: year.year,
        perHouseholdTenthMu: year.perHouseholdTenthMu,
        season: year.season,
        status: year.status,
        poolTenthMu,
        capacity: poolCapacity(poolTenthMu, year.perHouseholdTenthMu),
        parcels,
        nominations: nominations.map(({ nomination }) => ({
          id: nomination.id,
          householdId: nomination.householdId,
          ...faceOf(nomination.householdId),
          deedKind: nomination.deedKind,
          deedDate: nomination.deedDate,
          notes: nomination.notes,
          evidenceUrls: nomination.evidenceUrls,
          evidencePhotoIds: photos.get(nomination.id) ?? [],
          selfApplied: nomination.selfApplied,
          status: nomination.status,
          reviewReason: nomination.reviewReason,
        })),
        meetings: await Promise.all(
          meetings.map(async (meeting) => ({
            id: meeting.id,
            awardYearId: meeting.awardYearId,
            type: meeting.type,
            title: meeting.title,
            meetingDate: meeting.meetingDate,
            noticeDate: meeting.noticeDate,
            urgentReason: meeting.urgentReason,
            status: meeting.status,
            present: presentRows.find((row) => row.meetingId === meeting.id)?.n ?? 0,
            eligible: await electorateSize(db, meeting.villageId, meeting.type, meetingYear(meeting)),
            checkedIn: mine.some((row) => row.meetingId === meeting.id),
            motions: motions
              .filter((motion) => motion.meetingId === meeting.id)
              .map((motion) => ({
                id: motion.id,
                meetingId: motion.meetingId,
                kind: motion.kind,
                title: motion.title,
                candidateIds: motion.candidateIds,
                status: motion.status,
                passed: motion.passed,
                result: motion.result,
              })),
            changes: changes
              .filter((change) => change.meetingId === meeting.id)
              .map((change) => ({
                kind: change.kind,
                reason: change.reason,
                fromDate: change.fromDate,
                toDate: change.toDate,
                urgentReason: change.urgentReason,
                changedOn: chinaDateOf(change.changedAt),
              })),
          })),
        ),
        notice: notice ? { id: notice.id, status: notice.status, publishedOn: notice.publishedOn, endsOn: notice.endsOn } : null,
      },
    }
  },
})

export const GET = toWebHandler(route)
