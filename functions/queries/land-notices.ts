import { and, asc, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm'
import QRCode from 'qrcode'
import type { Db } from '../../db/client'
import { landAwards, landAwardYears, landMotions, landNotices, landObjections, landParcels, villages, type LandNotice } from '../../db/schema'
import { AppError } from '../../shared/errors'
import type { Notice } from '../../shared/land'
import { chinaDateOf } from '../../shared/time'
import { getEnv } from '../lib/env'
import { householdLabels } from './land'

export async function loadNotice(db: Db, noticeId: string, lock?: 'update'): Promise<LandNotice> {
  const query = db.select().from(landNotices).where(eq(landNotices.id, noticeId))
  const [row] = lock ? await query.for('update') : await query
  if (!row) throw new AppError('not_found', '找不到这份公示')
  return row
}

/** The notice in force for a year: the newest one not withdrawn (a correction supersedes its original). */
export async function currentNotice(db: Db, awardYearId: string): Promise<LandNotice | null> {
  const [row] = await db
    .select()
    .from(landNotices)
    .where(and(eq(landNotices.awardYearId, awardYearId), ne(landNotices.status, 'withdrawn')))
    .orderBy(desc(landNotices.createdAt))
    .limit(1)
  return row ?? null
}

/** Does this notice carry an objection still waiting for its written reply? */
export async function hasUnansweredObjection(db: Db, noticeId: string): Promise<boolean> {
  const [open] = await db
    .select({ id: landObjections.id })
    .from(landObjections)
    .where(and(eq(landObjections.noticeId, noticeId), isNull(landObjections.reply)))
    .limit(1)
  return Boolean(open)
}

/** Any objection of the year's notices (withdrawn ones included) still waiting for its reply. */
export async function yearHasUnansweredObjection(db: Db, awardYearId: string): Promise<boolean> {
  const [open] = await db
    .select({ id: landObjections.id })
    .from(landObjections)
    .innerJoin(landNotices, eq(landNotices.id, landObjections.noticeId))
    .where(and(eq(landNotices.awardYearId, awardYearId), isNull(landObjections.reply)))
    .limit(1)
  return Boolean(open)
}

/** The newest withdrawn notice of the year that no later notice replaces yet: what a republication replaces. */
export async function withdrawnToReplace(db: Db, awardYearId: string): Promise<LandNotice | null> {
  const notices = await db.select().from(landNotices).where(eq(landNotices.awardYearId, awardYearId)).orderBy(desc(landNotices.createdAt))
  const replaced = new Set(notices.flatMap((notice) => (notice.replacesNoticeId ? [notice.replacesNoticeId] : [])))
  return notices.find((notice) => notice.status === 'withdrawn' && !replaced.has(notice.id)) ?? null
}

/** The link printed as a QR code on the bulletin-board copy: the H5 notice page. */
export function noticeUrl(request: Request, noticeId: string): string {
  const base = getEnv().PUBLIC_BASE_URL ?? new URL(request.url).origin
  return `${base.replace(/\/+$/, '')}/#/packages/land/notice/index?noticeId=${noticeId}`
}

/** viewerId null: a reader who is not logged in (the public notice), whose objections are none. */
export async function describeNotice(db: Db, notice: LandNotice, viewerId: string | null, request: Request): Promise<Notice> {
  const [year] = await db.select().from(landAwardYears).where(eq(landAwardYears.id, notice.awardYearId))
  const [village] = await db.select().from(villages).where(eq(villages.id, notice.villageId))
  if (!year || !village) throw new AppError('not_found')
  const motions = notice.motionIds.length === 0 ? [] : await db.select().from(landMotions).where(inArray(landMotions.id, notice.motionIds))
  const awards = await db.select().from(landAwards).where(eq(landAwards.noticeId, notice.id)).orderBy(landAwards.rank)
  const parcelIds = [...new Set(awards.flatMap((award) => award.plannedParcelIds))]
  const parcels = parcelIds.length === 0 ? [] : await db.select().from(landParcels).where(inArray(landParcels.id, parcelIds))
  const parcelName = new Map(parcels.map((parcel) => [parcel.id, `${parcel.name}（${parcel.areaTenthMu / 10}亩）`]))
  const labels = await householdLabels(db, [...awards.map((award) => award.householdId), ...notice.waitlisted])
  // Nothing filed ever disappears from view: a notice shows the objections (and replies) of every
  // notice of its year up to itself, so a republication or a correction carries what came before.
  const objections = await db
    .select({ objection: landObjections })
    .from(landObjections)
    .innerJoin(landNotices, eq(landNotices.id, landObjections.noticeId))
    .where(
      and(
        eq(landNotices.awardYearId, notice.awardYearId),
        // Compared in the database: a JS Date drops the microseconds of created_at.
        lte(landNotices.createdAt, sql`(select n.created_at from land_notices n where n.id = ${notice.id})`),
      ),
    )
    .orderBy(asc(landObjections.filedAt), asc(landObjections.id))
  // The paper on the board keeps its QR code after a correction: whoever scans it must learn of it.
  const [correction] = await db
    .select({ id: landNotices.id, publishedOn: landNotices.publishedOn, reason: landNotices.correctionReason })
    .from(landNotices)
    .where(eq(landNotices.correctsNoticeId, notice.id))
    .orderBy(desc(landNotices.createdAt))
    .limit(1)
  const [corrected] = notice.correctsNoticeId
    ? await db.select({ publishedOn: landNotices.publishedOn }).from(landNotices).where(eq(landNotices.id, notice.correctsNoticeId))
    : []
  const url = noticeUrl(request, notice.id)
  const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return {
    id: notice.id,
    villageName: village.name,
    year: year.year,
    season: year.season,
    status: notice.status,
    publishedOn: notice.publishedOn,
    endsOn: notice.endsOn,
    periodDays: notice.periodDays,
    perHouseholdTenthMu: year.perHouseholdTenthMu,
    motions: motions.flatMap((motion) =>
      motion.result && motion.passed !== null ? [{ title: motion.title, kind: motion.kind, passed: motion.passed, result: motion.result }] : [],
    ),
    awards: awards.map((award) => ({
      householdId: award.householdId,
      householdLabel: labels.get(award.householdId) ?? '',
      rank: award.rank,
      tenthMu: award.tenthMu,
      parcels: award.plannedParcelIds.map((id) => parcelName.get(id) ?? ''),
    })),
    waitlisted: notice.waitlisted.map((id) => labels.get(id) ?? ''),
    objections: objections.map(({ objection }) => ({
      id: objection.id,
      text: objection.text,
      filedOn: chinaDateOf(objection.filedAt),
      reply: objection.reply,
      mine: viewerId !== null && objection.personId === viewerId,
      noticeId: objection.noticeId,
      earlierNotice: objection.noticeId !== notice.id,
    })),
    correctsNoticeId: notice.correctsNoticeId,
    correctionReason: notice.correctionReason,
    replacesNoticeId: notice.replacesNoticeId,
    correctedBy: correction ? { id: correction.id, publishedOn: correction.publishedOn, reason: correction.reason ?? '' } : null,
    correctsPublishedOn: corrected?.publishedOn ?? null,
    url,
    qrSvg,
  }
}
