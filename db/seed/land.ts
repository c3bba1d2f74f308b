import { and, asc, eq } from 'drizzle-orm'
import { addDays } from '../../shared/votes'
import type { DeedKind } from '../../shared/land'
import { appendAudit } from '../audit'
import type { Db } from '../client'
import {
  households,
  landAllocations,
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
import { householdLabel } from '../../shared/people'
import { todayInChina } from '../../shared/time'

/**
 * 高井嘎查's award land: 120 mu of reserve land as ten 12-mu parcels, seven past years whose
 * awards add up to the reported 82 households (2023's ten among them as reported: 乌优塔、双金、
 * 梅荣、玉山 …), and this year's nominations. Earlier years gave smaller shares to more households
 * (8 mu × 15, 10 mu × 12) before settling on 12 mu × 10 as reported for 2023.
 *
 * Seeded relative to today so that every demo person has something to do at once: the village
 * meeting is open with its whole-list motion open (a villager checks in and votes; the deputy
 * secretary who opened it, or the secretary, enters the hands, closes and publishes), and a villager
 * representatives' meeting is called for today with two households to decide one by one, for the
 * secretary to open and run from the roll call on. Two nominations wait for the council's review.
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
/** The ten households of 2023 as the reporting names them where it does (docs/domain.md); the rest are of the demo. */
const AWARDS_2023 = ['乌优塔户', '双金户', '梅荣户', '玉山户', '那顺户', '白音仓户', '苏和户', '布和户', '乌力吉户', '阿古拉户']
const POOL_TENTH_MU = 1200
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
    .orderBy(asc(households.createdAt), asc(households.label), asc(households.houseNumber))
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

  const parcelTenthMu = POOL_TENTH_MU / PARCEL_NAMES.length
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
    const reported = year.year === 2023 ? AWARDS_2023.map((label) => homes.find((home) => home.label === label)) : []
    return Array.from({ length: capacity }, (_, rank) => {
      const home = reported[rank] ?? homes[(cursor++ * 7) % homes.length]
      return {
        noticeId: notice?.id ?? '',
        awardYearId: year.id,
        householdId: home?.id ?? '',
        rank: rank + 1,
        tenthMu: year.perHouseholdTenthMu,
        // Since 12 mu a household, each got one whole parcel; earlier shares were measured out on the ground.
        plannedParcelIds: year.perHouseholdTenthMu === parcelTenthMu ? [parcels[rank]?.id ?? ''] : [],
      }
    })
  })
  // Rotation by 7 over 40 households never repeats within a year of at most 15 awards; 2023 is as reported.
  await db.insert(landAwards).values(awardRows)
  // The seasons farmed: each whole-parcel award as it was handed over, so past years' allocations read back.
  const handedOver = awardRows.flatMap((award) => {
    const year = past.find((entry) => entry.id === award.awardYearId)
    const parcelId = award.plannedParcelIds[0]
    return year && parcelId
      ? [
          {
            villageId,
            awardYearId: year.id,
            season: `${year.year + 1}年春播至秋收`,
            parcelId,
            householdId: award.householdId,
            areaTenthMu: parcelTenthMu,
            allocatedBy: secretaryId,
          },
        ]
      : []
  })
  if (handedOver.length > 0) await db.insert(landAllocations).values(handedOver)
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

  await seedThisYear(db, { villageId, thisYear, awardYearId: years.find((year) => year.year === thisYear)?.id ?? null, councilId, secretaryId })
}

interface Nominee {
  houseNumber: string
  status: 'approved' | 'pending'
  /** Which meeting decides it: the village meeting's whole list, or the representatives one by one. */
  meeting: 'assembly' | 'representatives' | null
  deedKind: DeedKind
  selfApplied?: boolean
  notes?: string
}

/** This year's twelve, by 户号 (the two 包巴特尔户 are both here, one in each meeting). */
const NOMINEES: Nominee[] = [
  { houseNumber: '12号', status: 'approved', meeting: 'assembly', deedKind: 'no_birthday_banquet' },
  { houseNumber: '15号', status: 'approved', meeting: 'assembly', deedKind: 'no_birthday_banquet', notes: '老人八十大寿没有摆酒席，只请了自家人吃饭' },
  { houseNumber: '17号', status: 'approved', meeting: 'assembly', deedKind: 'no_full_month_banquet' },
  { houseNumber: '18号', status: 'approved', meeting: 'assembly', deedKind: 'no_graduation_banquet' },
  { houseNumber: '22号', status: 'approved', meeting: 'assembly', deedKind: 'simple_wedding' },
  { houseNumber: '23号', status: 'approved', meeting: 'assembly', deedKind: 'no_graduation_banquet' },
  { houseNumber: '28号', status: 'approved', meeting: 'assembly', deedKind: 'simple_funeral' },
  { houseNumber: '30号', status: 'approved', meeting: 'assembly', deedKind: 'no_full_month_banquet' },
  { houseNumber: '33号', status: 'approved', meeting: 'representatives', deedKind: 'simple_wedding', notes: '儿子结婚只办了8桌，没收彩礼以外的钱' },
  { houseNumber: '39号', status: 'approved', meeting: 'representatives', deedKind: 'no_full_month_banquet', selfApplied: true },
  { houseNumber: '19号', status: 'pending', meeting: null, deedKind: 'no_graduation_banquet', notes: '据群众反映，8月曾在饭店办过升学宴，待核实' },
  { houseNumber: '35号', status: 'pending', meeting: null, deedKind: 'no_birthday_banquet', selfApplied: true },
]

async function seedThisYear(
  db: Db,
  context: { villageId: string; thisYear: number; awardYearId: string | null; councilId: string; secretaryId: string | null },
): Promise<void> {
  const { villageId, thisYear, awardYearId, councilId, secretaryId } = context
  if (!awardYearId) return
  const [deputy] = await db
    .select({ id: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.villageId, villageId), eq(memberships.role, 'deputy_secretary')))
  const deputyId = deputy?.id ?? secretaryId
  const homes = await db
    .select({ id: households.id, label: households.label, group: households.group, houseNumber: households.houseNumber })
    .from(households)
    .where(eq(households.villageId, villageId))
  const homeOf = (houseNumber: string) => {
    const home = homes.find((row) => row.houseNumber === houseNumber)
    if (!home) throw new Error(`高井嘎查 has no household ${houseNumber}`)
    return home
  }
  const nominations = await db
    .insert(landNominations)
    .values(
      NOMINEES.map((nominee, index) => ({
        villageId,
        awardYearId,
        householdId: homeOf(nominee.houseNumber).id,
        deedKind: nominee.deedKind,
        deedDate: `${thisYear}-${String(1 + (index % 10)).padStart(2, '0')}-15`,
        notes: nominee.notes ?? DEED_NOTES[nominee.deedKind],
        evidenceUrls: [],
        selfApplied: nominee.selfApplied ?? false,
        status: nominee.status,
        reviewedBy: nominee.status === 'approved' ? councilId : null,
        reviewedAt: nominee.status === 'approved' ? new Date() : null,
        createdBy: councilId,
      })),
    )
    .returning({ id: landNominations.id, householdId: landNominations.householdId })
  await appendAudit(db, {
    villageId,
    actorPersonId: councilId,
    action: 'land.nomination.created',
    subjectType: 'land_award_year',
    subjectId: awardYearId,
    payload: { nominations: nominations.length, approved: NOMINEES.filter((nominee) => nominee.status === 'approved').length, seeded: true },
  })
  const nominationsFor = (meeting: Nominee['meeting']) =>
    NOMINEES.flatMap((nominee, index) => (nominee.meeting === meeting ? [{ nominee, id: nominations[index]?.id ?? '' }] : []))

  const today = todayInChina()
  const now = Date.now()
  const daysAgo = (days: number) => new Date(now - days * 86_400_000)
  const [assembly, representatives] = await db
    .insert(landMeetings)
    .values([
      {
        villageId,
        awardYearId,
        type: 'assembly' as const,
        title: `${thisYear}年移风易俗先进典型评选村民会议`,
        meetingDate: today,
        noticeDate: addDays(today, -12),
        status: 'open' as const,
        openedAt: new Date(now),
        createdBy: secretaryId,
        createdAt: daysAgo(12),
      },
      {
        villageId,
        awardYearId,
        type: 'representatives' as const,
        title: `${thisYear}年补充申请户逐户表决村民代表会议`,
        meetingDate: today,
        noticeDate: addDays(today, -11),
        createdBy: secretaryId,
        createdAt: daysAgo(11),
      },
    ])
    .returning({ id: landMeetings.id, type: landMeetings.type, noticeDate: landMeetings.noticeDate })
  if (!assembly || !representatives) return
  for (const meeting of [assembly, representatives]) {
    await appendAudit(db, {
      villageId,
      actorPersonId: secretaryId,
      action: 'land.meeting.called',
      subjectType: 'land_meeting',
      subjectId: meeting.id,
      payload: {
        type: meeting.type,
        meetingDate: today,
        noticeDate: meeting.noticeDate,
        noticeDays: meeting.type === 'assembly' ? 12 : 11,
        urgentReason: null,
      },
    })
  }
  // The deputy secretary opened the village meeting and put the list, as 莫日根 read it in 2023.
  await appendAudit(db, {
    villageId,
    actorPersonId: deputyId,
    action: 'land.meeting.opened',
    subjectType: 'land_meeting',
    subjectId: assembly.id,
    payload: { seeded: true },
  })
  const wholeList = nominationsFor('assembly').map((entry) => entry.id)
  const oneByOne = nominationsFor('representatives')
  const motions = await db
    .insert(landMotions)
    .values([
      {
        villageId,
        meetingId: assembly.id,
        kind: 'whole_list' as const,
        title: `同意以上${wholeList.length}户为${thisYear}年移风易俗先进典型`,
        candidateIds: wholeList,
        status: 'open' as const,
        openedAt: new Date(now),
        createdAt: daysAgo(12),
      },
      ...oneByOne.map(({ nominee, id }, index) => {
        const home = homeOf(nominee.houseNumber)
        return {
          villageId,
          meetingId: representatives.id,
          kind: 'candidate' as const,
          title: `同意${householdLabel(home)}为${thisYear}年移风易俗先进典型`,
          candidateIds: [id],
          createdAt: new Date(daysAgo(11).getTime() + index * 60_000),
        }
      }),
    ])
    .returning({ id: landMotions.id, meetingId: landMotions.meetingId, candidateIds: landMotions.candidateIds })
  for (const motion of motions) {
    await appendAudit(db, {
      villageId,
      actorPersonId: motion.meetingId === assembly.id ? deputyId : secretaryId,
      action: 'land.motion.created',
      subjectType: 'land_motion',
      subjectId: motion.id,
      payload: { meetingId: motion.meetingId, kind: motion.meetingId === assembly.id ? 'whole_list' : 'candidate', candidateIds: motion.candidateIds },
    })
  }
  const opened = motions.find((motion) => motion.meetingId === assembly.id)
  if (opened)
    await appendAudit(db, { villageId, actorPersonId: deputyId, action: 'land.motion.opened', subjectType: 'land_motion', subjectId: opened.id, payload: {} })
}
