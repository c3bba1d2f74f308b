import { and, eq, inArray } from 'drizzle-orm'
import {
  creditedMinutes,
  defaultPointsRule,
  generateRoster,
  pointsForShift,
  reminderText,
  seasonOf,
  type RosterShift,
  type Season,
  type TaskKind,
  type WeeklyWindow,
} from '../../shared/garden'
import { localDateKey, localParts, localToEpochMinutes, toEpochMinutes } from '../../shared/time'
import { appendAudit } from '../audit'
import type { Db } from '../client'
import {
  gardenAvailability,
  gardenBeds,
  gardenDistributions,
  gardenDuties,
  gardenHarvests,
  gardenPlantings,
  gardenPointsLedger,
  gardenPointsRules,
  gardenReminders,
  gardenRewards,
  gardenShifts,
  gardenSignups,
  gardenTaskTemplates,
  households,
  memberships,
  people,
} from '../schema'
import type { DemoIds } from './demo'

/** Three more residents of 41号院 who joined the garden team, so there are 15 volunteers. */
const EXTRA_RESIDENTS: { name: string; birthYear: number; elderly: boolean; group: string; door: string }[] = [
  { name: '周桂英', birthYear: 1950, elderly: true, group: '1号楼2单元', door: '401' },
  { name: '郭志强', birthYear: 1983, elderly: false, group: '2号楼1单元', door: '501' },
  { name: '何小燕', birthYear: 1993, elderly: false, group: '3号楼2单元', door: '602' },
]

const BEDS: { name: string; areaDm2: number; positionLabel: string }[] = [
  { name: '一号畦', areaDm2: 600, positionLabel: '院门东侧' },
  { name: '二号畦', areaDm2: 600, positionLabel: '院门西侧' },
  { name: '三号畦', areaDm2: 450, positionLabel: '老槐树下' },
  { name: '四号畦', areaDm2: 450, positionLabel: '2号楼南墙' },
  { name: '五号畦', areaDm2: 800, positionLabel: '原花坛中央' },
  { name: '六号畦', areaDm2: 350, positionLabel: '晾衣架旁' },
  { name: '七号畦', areaDm2: 500, positionLabel: '3号楼北侧' },
  { name: '八号畦', areaDm2: 300, positionLabel: '堆肥箱边' },
]

/** Spring sowing started on 30 March (docs/domain.md); autumn crops go in in August. */
const PLANTINGS: { bed: number; crop: string; sown: string; harvest: string; note?: string }[] = [
  { bed: 0, crop: '小白菜', sown: '03-30', harvest: '05-10', note: '首批播种' },
  { bed: 1, crop: '菠菜', sown: '03-30', harvest: '05-15' },
  { bed: 2, crop: '生菜', sown: '04-02', harvest: '05-20' },
  { bed: 3, crop: '小葱', sown: '04-05', harvest: '06-01' },
  { bed: 4, crop: '西红柿', sown: '04-20', harvest: '07-15', note: '搭架' },
  { bed: 5, crop: '黄瓜', sown: '04-25', harvest: '07-01' },
  { bed: 6, crop: '豆角', sown: '05-01', harvest: '07-20' },
  { bed: 7, crop: '韭菜', sown: '04-10', harvest: '06-10' },
  { bed: 0, crop: '萝卜', sown: '08-15', harvest: '10-25' },
  { bed: 1, crop: '大白菜', sown: '08-10', harvest: '11-10' },
]

const TEMPLATES: { season: Season; kind: TaskKind; title: string; note?: string }[] = [
  { season: 'spring', kind: 'sowing', title: '翻地、播种', note: '3月30日开播' },
  { season: 'spring', kind: 'watering', title: '出苗前每天早上浇水' },
  { season: 'spring', kind: 'fertilising', title: '施底肥（用堆肥箱里的肥）' },
  { season: 'summer', kind: 'watering', title: '早晚各浇一次，避开中午' },
  { season: 'summer', kind: 'weeding', title: '每周六除草' },
  { season: 'summer', kind: 'fertilising', title: '西红柿、黄瓜追肥、搭架' },
  { season: 'autumn', kind: 'harvesting', title: '采收，头茬先送院里老人' },
  { season: 'autumn', kind: 'composting', title: '菜叶、落叶进堆肥箱' },
  { season: 'winter', kind: 'covering', title: '给菜畦盖防寒膜' },
  { season: 'winter', kind: 'cleaning', title: '清理菜园、收好农具' },
]

const DUTIES: { title: string; kind: TaskKind; weekdays: number[]; start: number; minutes: number; capacity: number; unpopular: boolean }[] = [
  { title: '早上浇水', kind: 'watering', weekdays: [1, 2, 3, 4, 5, 6, 7], start: 7 * 60, minutes: 60, capacity: 2, unpopular: false },
  { title: '周六除草', kind: 'weeding', weekdays: [6], start: 9 * 60, minutes: 120, capacity: 3, unpopular: false },
  { title: '门岗值守', kind: 'gate', weekdays: [1, 2, 3, 4, 5], start: 18 * 60, minutes: 90, capacity: 1, unpopular: true },
  { title: '周末卫生大扫除', kind: 'cleaning', weekdays: [7], start: 9 * 60, minutes: 90, capacity: 4, unpopular: true },
  { title: '垃圾分类', kind: 'sorting', weekdays: [1, 3, 5], start: 19 * 60 + 30, minutes: 60, capacity: 1, unpopular: false },
]

const HARVEST_CROP: Record<Season, string> = { spring: '小白菜', summer: '黄瓜', autumn: '萝卜', winter: '大白菜' }

const win = (weekday: number, from: number, to: number): WeeklyWindow => ({ weekday, startMinute: from * 60, endMinute: to * 60 })
const everyDay = (from: number, to: number) => [1, 2, 3, 4, 5, 6, 7].map((d) => win(d, from, to))

/** Who is free when; retired residents mornings, working ones evenings and weekends. */
const AVAILABILITY: Record<string, WeeklyWindow[]> = {
  马淑兰: [...everyDay(6, 12)],
  白建军: [win(6, 8, 12), win(7, 8, 12), win(1, 17, 21), win(3, 17, 21), win(5, 17, 21)],
  沙秀芳: [win(1, 6, 9), win(2, 6, 9), win(4, 6, 9)],
  金宝山: [win(3, 6, 9), win(5, 6, 9)],
  杨桂芝: [...everyDay(6, 10)],
  马德利: [win(6, 8, 12), win(2, 17, 21)],
  刘淑英: [win(2, 6, 9), win(6, 6, 9)],
  张海涛: [win(6, 8, 12), win(7, 8, 12), win(1, 18, 21), win(4, 18, 21)],
  王丽娟: [win(2, 18, 21), win(3, 18, 21), win(7, 8, 11)],
  李永强: [win(5, 18, 21), win(6, 7, 12), win(7, 7, 12)],
  赵凤霞: [win(1, 6, 9), win(3, 6, 9), win(5, 6, 9), win(7, 6, 9)],
  孙明: [win(1, 18, 21), win(2, 18, 21), win(6, 9, 12)],
  周桂英: [win(2, 6, 9), win(4, 6, 9), win(6, 6, 9)],
  郭志强: [win(3, 18, 21), win(4, 18, 21), win(6, 8, 12)],
  何小燕: [win(5, 18, 21), win(7, 8, 12), win(1, 18, 21)],
}

const ROSTER_DAYS_BACK = 3
const ROSTER_DAYS = 30

/**
 * 41号院's shared garden: 8 beds, this year's plantings, the season calendar, five duties, 15
 * volunteers with their free times, a 30-day roster (the last 3 days already worked and credited
 * with points), reminders for tomorrow, and this season's first harvest shared with the elderly.
 */
const REWARDS = [
  { name: '肥皂', points: 20, stock: 10 },
  { name: '理发一次', points: 50, stock: 5 },
  { name: '大米一袋', points: 100, stock: 3 },
] as const

export async function seedGarden(db: Db, ids: DemoIds): Promise<void> {
  const villageId = ids.caibei
  const now = toEpochMinutes(new Date())
  const today = localParts(now)

  // Residents
  const newHouseholds = await db
    .insert(households)
    .values(EXTRA_RESIDENTS.map((r) => ({ villageId, label: `${r.name}家`, group: r.group, houseNumber: r.door, elderly: r.elderly })))
    .returning({ id: households.id })
  const newPeople = await db
    .insert(people)
    .values(EXTRA_RESIDENTS.map((r, i) => ({ name: r.name, birthYear: r.birthYear, householdId: newHouseholds[i]?.id ?? null, demoPersona: true })))
    .returning({ id: people.id })
  await db.insert(memberships).values(newPeople.flatMap((p) => (['villager', 'household_rep'] as const).map((role) => ({ personId: p.id, villageId, role }))))
  for (const [i, household] of newHouseholds.entries()) {
    const head = newPeople[i]
    if (head) await db.update(households).set({ headPersonId: head.id }).where(eq(households.id, household.id))
  }
  const residents = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(and(eq(households.villageId, villageId), inArray(people.name, Object.keys(AVAILABILITY))))
  const personByName = new Map(residents.map((p) => [p.name, p.id]))
  const stewardId = personByName.get('马淑兰') ?? null

  // Beds, plantings, calendar, duties, points rule
  const beds = await db
    .insert(gardenBeds)
    .values(BEDS.map((b) => ({ villageId, ...b })))
    .returning({ id: gardenBeds.id, name: gardenBeds.name })
  const year = today.year
  const plantings = PLANTINGS.filter((p) => `${year}-${p.sown}` <= localDateKey(now)).map((p) => ({
    villageId,
    bedId: beds[p.bed]?.id ?? '',
    crop: p.crop,
    sownOn: `${year}-${p.sown}`,
    expectedHarvestOn: `${year}-${p.harvest}`,
    note: p.note ?? null,
    createdBy: stewardId,
  }))
  if (plantings.length > 0) await db.insert(gardenPlantings).values(plantings)
  await db.insert(gardenTaskTemplates).values(TEMPLATES.map((t) => ({ villageId, ...t, note: t.note ?? null })))
  const duties = await db
    .insert(gardenDuties)
    .values(
      DUTIES.map((d) => ({
        villageId,
        title: d.title,
        kind: d.kind,
        weekdays: d.weekdays,
        startMinute: d.start,
        durationMinutes: d.minutes,
        capacity: d.capacity,
        unpopular: d.unpopular,
      })),
    )
    .returning()
  await db.insert(gardenPointsRules).values({ villageId, ...defaultPointsRule, updatedBy: stewardId })

  // Availability
  await db.insert(gardenAvailability).values(
    Object.entries(AVAILABILITY).flatMap(([name, windows]) => {
      const personId = personByName.get(name)
      return personId ? windows.map((w) => ({ villageId, personId, ...w })) : []
    }),
  )

  // 30 days of shifts from the duties, starting 3 days ago
  const shiftValues = []
  for (let offset = -ROSTER_DAYS_BACK; offset < ROSTER_DAYS - ROSTER_DAYS_BACK; offset++) {
    const midnight = localToEpochMinutes(today.year, today.month, today.day) + offset * 24 * 60
    const weekday = localParts(midnight).weekday
    for (const duty of duties) {
      if (!duty.weekdays.includes(weekday)) continue
      const startMin = midnight + duty.startMinute
      shiftValues.push({
        villageId,
        dutyId: duty.id,
        title: duty.title,
        kind: duty.kind,
        startsAt: new Date(startMin * 60_000),
        endsAt: new Date((startMin + duty.durationMinutes) * 60_000),
        capacity: duty.capacity,
        unpopular: duty.unpopular,
      })
    }
  }
  const shifts = await db.insert(gardenShifts).values(shiftValues).returning()

  // The roster, by the same rule the stewards' button uses. Leave one place free on a few
  // upcoming shifts so a volunteer can sign up in the demo.
  const rosterShifts: RosterShift[] = shifts.map((s, i) => ({
    id: s.id,
    startMin: toEpochMinutes(s.startsAt),
    endMin: toEpochMinutes(s.endsAt),
    capacity: s.capacity > 1 && i % 3 === 0 && s.startsAt.getTime() > Date.now() ? s.capacity - 1 : s.capacity,
    booked: [],
  }))
  const roster = generateRoster({
    volunteers: Object.entries(AVAILABILITY).flatMap(([name, availability]) => {
      const personId = personByName.get(name)
      return personId ? [{ personId, servedMinutes: 0, availability }] : []
    }),
    shifts: rosterShifts,
  })
  const shiftById = new Map(shifts.map((s) => [s.id, s]))
  const signupValues = roster.assignments.map((a) => {
    const shift = shiftById.get(a.shiftId)
    const past = shift ? shift.endsAt.getTime() < Date.now() : false
    // Worked: checked in five minutes early and marked done at the end, so the whole shift counts.
    const checkedInAt = past && shift ? new Date(shift.startsAt.getTime() - 5 * 60_000) : null
    const credited =
      past && shift && checkedInAt
        ? creditedMinutes(
            { startMin: toEpochMinutes(shift.startsAt), endMin: toEpochMinutes(shift.endsAt) },
            toEpochMinutes(checkedInAt),
            toEpochMinutes(shift.endsAt),
            false,
          )
        : null
    return {
      villageId,
      shiftId: a.shiftId,
      personId: a.personId,
      source: 'roster' as const,
      status: past ? ('done' as const) : ('booked' as const),
      checkedInAt,
      doneAt: past && shift ? shift.endsAt : null,
      creditedMinutes: credited,
    }
  })
  const signups = signupValues.length > 0 ? await db.insert(gardenSignups).values(signupValues).returning() : []

  // Points for the shifts already worked
  const ledger = signups
    .filter((s) => s.status === 'done')
    .flatMap((s) => {
      const shift = shiftById.get(s.shiftId)
      if (!shift) return []
      const minutes = s.creditedMinutes ?? 0
      return [
        {
          villageId,
          personId: s.personId,
          kind: 'shift' as const,
          signupId: s.id,
          minutes,
          points: pointsForShift({ minutes, unpopular: shift.unpopular, outcome: 'done' }, defaultPointsRule),
          reason: `${shift.title} ${localDateKey(toEpochMinutes(shift.startsAt))}`,
          createdBy: s.personId,
        },
      ]
    })
  if (ledger.length > 0) await db.insert(gardenPointsLedger).values(ledger)

  // Reminders for tomorrow's shifts
  const tomorrow = localDateKey(now + 24 * 60)
  const reminders = signups.flatMap((s) => {
    const shift = shiftById.get(s.shiftId)
    if (!shift || s.status !== 'booked' || localDateKey(toEpochMinutes(shift.startsAt)) !== tomorrow) return []
    const text = reminderText('shift', { title: shift.title, startMin: toEpochMinutes(shift.startsAt), endMin: toEpochMinutes(shift.endsAt) })
    // The demo people never logged in with WeChat: their reminders are in the app only.
    return [{ villageId, personId: s.personId, signupId: s.id, shiftId: shift.id, ...text, delivery: 'app_only' as const, appOnlyReason: 'no_wechat' as const }]
  })
  if (reminders.length > 0) await db.insert(gardenReminders).values(reminders)

  // This season's first harvest, shared with the elderly households first
  const season = seasonOf(now)
  const crop = HARVEST_CROP[season.season]
  const harvestDay = localDateKey(now - 2 * 24 * 60) >= season.startsOn ? localDateKey(now - 2 * 24 * 60) : localDateKey(now)
  const [harvest] = await db
    .insert(gardenHarvests)
    .values({ villageId, bedId: beds[0]?.id ?? null, crop, grams: 4200, harvestedOn: harvestDay, loggedBy: stewardId })
    .returning()
  const elderly = await db
    .select({ id: households.id })
    .from(households)
    .where(and(eq(households.villageId, villageId), eq(households.elderly, true)))
  if (harvest && elderly.length > 0) {
    const share = Math.floor(4000 / elderly.length)
    await db
      .insert(gardenDistributions)
      .values(elderly.map((h) => ({ villageId, harvestId: harvest.id, householdId: h.id, grams: share, recordedBy: stewardId })))
  }

  // 积分超市: what the community's points buy (rice, soap, a haircut from a volunteer barber).
  const rewards = await db
    .insert(gardenRewards)
    .values(REWARDS.map((r) => ({ villageId, ...r, createdBy: stewardId })))
    .returning({ id: gardenRewards.id, name: gardenRewards.name })

  const audit = async (action: string, subjectType: string, subjectId: string, payload: Record<string, unknown>) =>
    appendAudit(db, { villageId, actorPersonId: stewardId, action, subjectType, subjectId, payload })
  await audit('garden.seeded', 'village', villageId, { beds: beds.length, plantings: plantings.length, duties: duties.length, volunteers: personByName.size })
  await audit('garden.roster.committed', 'garden_period', localDateKey(toEpochMinutes(shifts[0]?.startsAt ?? new Date())), {
    shifts: shifts.length,
    assignments: roster.assignments.length,
    short: roster.short.length,
  })
  for (const r of rewards) await audit('garden.reward.created', 'garden_reward', r.id, { name: r.name })
  await audit('garden.points.seeded', 'garden_points', villageId, { entries: ledger.length, points: ledger.reduce((n, e) => n + e.points, 0) })
  if (harvest) {
    await audit('garden.harvest.logged', 'garden_harvest', harvest.id, { crop, grams: 4200, harvestedOn: harvestDay })
    await audit('garden.harvest.distributed', 'garden_harvest', harvest.id, { households: elderly.length, elderlyFirst: true })
  }
}
