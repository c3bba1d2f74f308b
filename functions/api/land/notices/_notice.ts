import { and, desc, eq, inArray, ne } from 'drizzle-orm'
import QRCode from 'qrcode'
import type { Db } from '../../../../db/client'
import {
  landAwards,
  landAwardYears,
  landMotions,
  landNotices,
  landObjections,
  landParcels,
  villages,
  type LandNotice,
} from '../../../../db/schema'
import { AppError } from '../../../../shared/errors'
import type { Notice } from '../../../../shared/land'
import { getEnv } from '../../../lib/env'
import { householdLabels } from '../_shared'

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

/** The link printed as a QR code on the bulletin-board copy: the H5 notice page. */
export function noticeUrl(request: Request, noticeId: string): string {
  const base = getEnv().PUBLIC_BASE_URL ?? new URL(request.url).origin
  return `${base.replace(/\/+$/, '')}/#/packages/land/notice/index?noticeId=${noticeId}`
}

export async function describeNotice(db: Db, notice: LandNotice, viewerId: string, request: Request): Promise<Notice> {
  const [year] = await db.select().from(landAwardYears).where(eq(landAwardYears.id, notice.awardYearId))
  const [village] = await db.select().from(villages).where(eq(villages.id, notice.villageId))
  if (!year || !village) throw new AppError('not_found')
  const motions =
    notice.motionIds.length === 0 ? [] : await db.select().from(landMotions).where(inArray(landMotions.id, notice.motionIds))
  const awards = await db.select().from(landAwards).where(eq(landAwards.noticeId, notice.id)).orderBy(landAwards.rank)
  const parcelIds = [...new Set(awards.flatMap((award) => award.plannedParcelIds))]
  const parcels = parcelIds.length === 0 ? [] : await db.select().from(landParcels).where(inArray(landParcels.id, parcelIds))
  const parcelName = new Map(parcels.map((parcel) => [parcel.id, `${parcel.name}（${parcel.areaTenthMu / 10}亩）`]))
  const labels = await householdLabels(db, [...awards.map((award) => award.householdId), ...notice.waitlisted])
  const objections = await db.select().from(landObjections).where(eq(landObjections.noticeId, notice.id)).orderBy(landObjections.filedAt)
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
    objections: objections.map((objection) => ({
      id: objection.id,
      text: objection.text,
      filedOn: objection.filedAt.toISOString().slice(0, 10),
      reply: objection.reply,
      mine: objection.personId === viewerId,
    })),
    correctsNoticeId: notice.correctsNoticeId,
    correctionReason: notice.correctionReason,
    url,
    qrSvg,
  }
}
