import { and, asc, eq } from 'drizzle-orm'
import { addDays } from '../../shared/votes'
import type { DeedKind } from '../../shared/land'
import { appendAudit } from '../audit'
import type { Db } from '../client'
import {
  households,
  landAssistanceNeeds,
  landAwards,
  landAwardYears,
  landMeetings,
  landMotions,
  landNominations,
  landNotices,
  landParcels,
  landPoolParcels,
  memberships,
  people,
} from '../schema'
import type { DemoIds } from './demo'
import { todayInChina } from '../../shared/time'

/**
 * 高井嘎查's award land: 120 mu of reserve land as ten 12-mu parcels, seven past years whose
 * awards add up to the reported 82 households, and this year's nominations with a meeting
 * called twelve days ago for today. Earlier years gave smaller shares to more households
 * (8 mu × 15, 10 mu × 12) before settling on 12 mu × 10 as reported for 2023.
 */
const PARCEL_NAMES = ['西大甸子', '东大甸子', '南坨子', '北坨子', '老井沿', '苇塘边', '榆树林', '河套', '敖包前', '新开地']
const PAST_YEARS: { year: number; perHouseholdTenthMu: number }[] = [
  { year: 2019, perHouseholdTenthMu: 80 },
  { year: 2020, perHouseholdTenthMu: 80 },
  { year: 2021, perHouseholdTenthMu: 100 },
  { year: 2022, perHouseholdTenthMu: 120 },
  { year: 2023, perHouseholdTenthMu: 120 },
  { year: 2024, perHouseholdTenthMu: 120 },
  { year: 2025, perHouseholdTenthMu: 120 },
]
const POOL_TENTH_MU = 1200
const DEEDS: DeedKind[] = ['no_birthday_banquet', 'no_graduation_banquet', 'no_full_month_banquet', 'simple_wedding', 'simple_funeral']
const DEED_NOTES: Record<DeedKind, string> = {
  no_birthday_banquet: '老人七十大寿没有摆酒席，只请了自家人吃饭',
  no_graduation_banquet: '孩子考上大学，没有办升学宴',
  no_full_month_banquet: '孙子满月没有办满月酒',
  simple_wedding: '儿子结婚，彩礼不超过村规民约标准，婚宴不超过10桌',
  simple_funeral: '老人去世，丧事三天内简办，不请戏班',
  other: '',
}


export async function seedLand(db: Db, ids: DemoIds): Promise<void> {
  const villageId = ids.gaojing
  const homes = await db
    .select({ id: households.id, label: households.label })
    .from(households)
    .where(eq(households.villageId, villageId))
    .orderBy(asc(households.createdAt), asc(households.label))
  if (homes.length < 15) throw new Error('高井嘎查 needs at least 15 households for the land demo')
  const [secretary] = await db
    .select({ id: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.villageId, villageId), eq(memberships.role, 'secretary')))
  const [council] = await db
    .select({ id: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.villageId, villageId), eq(memberships.role, 'council_member')))
  const secretaryId = secretary?.id ?? null
  const councilId = council?.id ?? secretaryId
  if (!councilId) throw new Error('高井嘎查 has no secretary')

  const parcels = await db
    .insert(landParcels)
    .values(PARCEL_NAMES.map((name) => ({ villageId, name: `${name}地块`, areaTenthMu: POOL_TENTH_MU / PARCEL_NAMES.length })))
    .returning({ id: landParcels.id })

  const thisYear = Number(todayInChina().slice(0, 4))
  const allYears = [...PAST_YEARS.filter((past) => past.year < thisYear), { year: thisYear, perHouseholdTenthMu: 120 }]
  const years = await db
    .insert(landAwardYears)
    .values(
      allYears.map((entry) => ({
        villageId,
        year: entry.year,
        perHouseholdTenthMu: entry.perHouseholdTenthMu,
        season: `${entry.year + 1}年春播至秋收`,
        status: entry.year === thisYear ? ('nominating' as const) : ('locked' as const),
        createdBy: secretaryId,
      })),
    )
    .returning({ id: landAwardYears.id, year: landAwardYears.year, perHouseholdTenthMu: landAwardYears.perHouseholdTenthMu })
  await db.insert(landPoolParcels).values(years.flatMap((year) => parcels.map((parcel) => ({ awardYearId: year.id, parcelId: parcel.id }))))

  // Past years: the locked notice and its awards, households rotating through the village.
  const past = years.filter((year) => year.year !== thisYear)
  const notices = await db
    .insert(landNotices)
    .values(
      past.map((year) => ({
        villageId,
        awardYearId: year.id,
        status: 'locked' as const,
        publishedOn: `${year.year}-12-20`,
        endsOn: `${year.year}-12-27`,
        periodDays: 7,
        motionIds: [],
        publishedBy: secretaryId,
        lockedAt: new Date(`${year.year}-12-28T02:00:00Z`),
        lockedBy: secretaryId,
      })),
    )
    .returning({ id: landNotices.id, awardYearId: landNotices.awardYearId })
  let cursor = 0
  const awardRows = past.flatMap((year) => {
    const notice = notices.find((row) => row.awardYearId === year.id)
    const capacity = Math.floor(POOL_TENTH_MU / year.perHouseholdTenthMu)
    return Array.from({ length: capacity }, (_, rank) => {
      const home = homes[(cursor++ * 7) % homes.length]
      return {
        noticeId: notice?.id ?? '',
        awardYearId: year.id,
        householdId: home?.id ?? '',
        rank: rank + 1,
        tenthMu: year.perHouseholdTenthMu,
      }
    })
  })
  // Rotation by 7 over 40 households never repeats within a year of at most 15 awards.
  await db.insert(landAwards).values(awardRows)
  for (const year of past) {
    await appendAudit(db, {
      villageId,
      actorPersonId: null,
      action: 'land.history.imported',
      subjectType: 'land_award_year',
      subjectId: year.id,
      payload: { year: year.year, households: awardRows.filter((row) => row.awardYearId === year.id).length, source: '纸质公示存档' },
    })
  }

  // The oldest villagers are marked as needing help to vote (需要代办), so a cadre may enter a
  // ballot they ask for; one of them cannot read.
  const oldest = await db
    .select({ id: people.id })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(eq(households.villageId, villageId))
    .orderBy(asc(people.birthYear), asc(people.name))
    .limit(3)
  if (oldest.length > 0) {
    await db.insert(landAssistanceNeeds).values(
      oldest.map((person, index) => ({
        villageId,
        personId: person.id,
        need: index === 0 ? ('illiterate' as const) : ('elderly' as const),
        note: index === 0 ? '不识字，投票时由家人陪同' : '年老眼花，看不清手机',
        markedBy: secretaryId,
      })),
    )
  }

  // This year: 12 nominations, 10 already approved by the council, 2 awaiting review (one doubtful).
  const current = years.find((year) => year.year === thisYear)
  if (!current) return
  const nominees = homes.slice(2, 14)
  const nominations = await db
    .insert(landNominations)
    .values(
      nominees.map((home, index) => {
        const deedKind = DEEDS[index % DEEDS.length] ?? 'other'
        return {
          villageId,
          awardYearId: current.id,
          householdId: home.id,
          deedKind,
          deedDate: `${thisYear}-${String(1 + (index % 10)).padStart(2, '0')}-15`,
          notes: index === 11 ? '据群众反映，8月曾在饭店办过升学宴，待核实' : DEED_NOTES[deedKind],
          evidenceUrls: [],
          selfApplied: index === 10,
          status: index < 10 ? ('approved' as const) : ('pending' as const),
          reviewedBy: index < 10 ? councilId : null,
          reviewedAt: index < 10 ? new Date() : null,
          createdBy: councilId,
        }
      }),
    )
    .returning({ id: landNominations.id, status: landNominations.status })
  await appendAudit(db, {
    villageId,
    actorPersonId: councilId,
    action: 'land.nomination.created',
    subjectType: 'land_award_year',
    subjectId: current.id,
    payload: { nominations: nominations.length, approved: nominations.filter((row) => row.status === 'approved').length, seeded: true },
  })
  const today = todayInChina()
  const [meeting] = await db
    .insert(landMeetings)
    .values({
      villageId,
      awardYearId: current.id,
      type: 'assembly',
      title: `${thisYear}年移风易俗先进典型评选村民会议`,
      meetingDate: today,
      noticeDate: addDays(today, -12),
      createdBy: secretaryId,
    })
    .returning({ id: landMeetings.id })
  if (!meeting) return
  await appendAudit(db, {
    villageId,
    actorPersonId: secretaryId,
    action: 'land.meeting.called',
    subjectType: 'land_meeting',
    subjectId: meeting.id,
    payload: { type: 'assembly', meetingDate: today, noticeDate: addDays(today, -12), noticeDays: 12, urgentReason: null },
  })
  const approved = nominations.filter((row) => row.status === 'approved').map((row) => row.id)
  const [motion] = await db
    .insert(landMotions)
    .values({
      villageId,
      meetingId: meeting.id,
      kind: 'whole_list',
      title: `同意以上${approved.length}户为${thisYear}年移风易俗先进典型`,
      candidateIds: approved,
    })
    .returning({ id: landMotions.id })
  if (motion) {
    await appendAudit(db, {
      villageId,
      actorPersonId: secretaryId,
      action: 'land.motion.created',
      subjectType: 'land_motion',
      subjectId: motion.id,
      payload: { meetingId: meeting.id, kind: 'whole_list', candidateIds: approved },
    })
  }
}
