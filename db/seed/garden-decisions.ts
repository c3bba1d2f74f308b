import { and, eq, inArray } from 'drizzle-orm'
import { matterOptions, resultArithmetic, tallyMatter, type MatterKind } from '../../shared/garden'
import { localParts, localToEpochMinutes, toEpochMinutes } from '../../shared/time'
import { appendAudit } from '../audit'
import type { Db } from '../client'
import { gardenDuties, gardenMatterAttendance, gardenMatterBallots, gardenMatterOptions, gardenMatters, households, memberships, people } from '../schema'
import type { DemoIds } from './demo'

/** The residents' council (居民议事会) of 41号院: resident representatives, the steward among them. */
const COUNCIL = ['马淑兰', '白建军', '马德利', '沙秀芳', '王丽娟', '张海涛', '赵凤霞']

const LAYOUT_BODY =
  '院里原来的花坛荒了多年。经过三轮协商，居民提了80多条意见，归纳成这个方案：原花坛改成共享菜园，分八块菜畦，中间留一条轮椅能过的通道，' +
  '堆肥箱放在院子北角，远离窗户。菜园由“菜园主理人”志愿者团队照看，头茬菜先送院里的老人。3月30日开始播种。'
const WINTER_BODY =
  '冬藏期间（12月到来年2月）地里没有要浇的苗，早上7点在外面浇水对老人也不安全。提议：暂停“早上浇水”值班，开春（3月）再恢复；' +
  '冬天有需要时由主理人临时安排。通过后“早上浇水”这项值班会暂停，值班月历里不再排这个班。'

const at = (year: number, month: number, day: number, hour: number) => new Date(localToEpochMinutes(year, month, day, hour * 60) * 60_000)

/**
 * One matter the council has decided (the garden's layout, after three rounds of consultation,
 * partly in the app and partly by hands at the council meeting) and one open to every resident
 * now (pausing the winter watering duty), which a demo resident can vote on at once.
 */
export async function seedGardenDecisions(db: Db, ids: DemoIds): Promise<void> {
  const villageId = ids.caibei
  const residents = await db
    .select({ id: people.id, name: people.name, householdId: people.householdId })
    .from(people)
    .innerJoin(households, eq(households.id, people.householdId))
    .where(eq(households.villageId, villageId))
  const byName = new Map(residents.map((person) => [person.name, person.id]))
  const idOf = (name: string) => {
    const id = byName.get(name)
    if (!id) throw new Error(`demo resident ${name} is missing`)
    return id
  }
  const stewardId = idOf('马淑兰')
  const council = COUNCIL.map(idOf)
  const already = await db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.villageId, villageId), eq(memberships.role, 'villager_rep'), inArray(memberships.personId, council)))
  const toAdd = council.filter((id) => already.every((row) => row.personId !== id))
  if (toAdd.length > 0) await db.insert(memberships).values(toAdd.map((personId) => ({ personId, villageId, role: 'villager_rep' as const })))

  const now = toEpochMinutes(new Date())
  const today = localParts(now)
  // The layout was decided before this year's sowing (30 March); before that date, last year's.
  const layoutYear = now >= localToEpochMinutes(today.year, 3, 21) ? today.year : today.year - 1

  const put = async (matter: {
    title: string
    body: string
    kind: MatterKind
    electorate: 'council' | 'residents'
    opensAt: Date
    closesAt: Date
    pausesDutyId?: string | null
  }) => {
    const options = matterOptions(matter.kind, [])
    if (options === 'options_invalid') throw new Error('demo matter options')
    const [row] = await db
      .insert(gardenMatters)
      .values({ villageId, ...matter, threshold: 'voting', pausesDutyId: matter.pausesDutyId ?? null, createdBy: stewardId, createdAt: matter.opensAt })
      .returning()
    if (!row) throw new Error('matter insert returned nothing')
    await db.insert(gardenMatterOptions).values(options.map((option, position) => ({ matterId: row.id, key: option.key, label: option.label, position })))
    await appendAudit(db, {
      villageId,
      actorPersonId: stewardId,
      action: 'garden.matter.created',
      subjectType: 'garden_matter',
      subjectId: row.id,
      payload: { title: matter.title, kind: matter.kind, options, electorate: matter.electorate, threshold: 'voting' },
    })
    return { row, options }
  }

  // 1. The layout: decided by the council on 20 March, one member in the app beforehand, six by hands.
  const layout = await put({
    title: '原花坛改成共享菜园（八块菜畦）',
    body: LAYOUT_BODY,
    kind: 'yes_no',
    electorate: 'council',
    opensAt: at(layoutYear, 3, 13, 9),
    closesAt: at(layoutYear, 3, 20, 21),
  })
  const appVoter = idOf('王丽娟')
  await db.insert(gardenMatterBallots).values({
    matterId: layout.row.id,
    countedKey: appVoter,
    personId: appVoter,
    choice: 'for',
    castAt: at(layoutYear, 3, 15, 20),
    updatedAt: at(layoutYear, 3, 15, 20),
  })
  await db
    .insert(gardenMatterAttendance)
    .values(council.map((countedKey) => ({ matterId: layout.row.id, countedKey, recordedBy: stewardId, recordedAt: at(layoutYear, 3, 20, 19) })))
  const hands: Record<string, number> = { for: 5, against: 0, abstain: 1 }
  for (const [key, n] of Object.entries(hands)) {
    await db
      .update(gardenMatterOptions)
      .set({ hands: n })
      .where(and(eq(gardenMatterOptions.matterId, layout.row.id), eq(gardenMatterOptions.key, key)))
  }
  const result = tallyMatter('yes_no', 'voting', layout.options, {
    eligible: council.length,
    app: { for: 1 },
    hands,
    hall: { present: council.length, votedInApp: 1 },
  })
  await db
    .update(gardenMatters)
    .set({
      handsEnteredAt: at(layoutYear, 3, 20, 19),
      handsEnteredBy: stewardId,
      status: 'decided',
      result,
      passed: result.passed,
      decidedAt: at(layoutYear, 3, 20, 20),
      decidedBy: stewardId,
    })
    .where(eq(gardenMatters.id, layout.row.id))
  await appendAudit(db, {
    villageId,
    actorPersonId: stewardId,
    action: 'garden.matter.decided',
    subjectType: 'garden_matter',
    subjectId: layout.row.id,
    payload: { passed: result.passed, arithmetic: resultArithmetic('yes_no', result), eligible: result.eligible, voted: result.voted },
  })

  // 2. Open now, for every resident 18+: pausing the morning watering for the winter.
  const [watering] = await db
    .select({ id: gardenDuties.id })
    .from(gardenDuties)
    .where(and(eq(gardenDuties.villageId, villageId), eq(gardenDuties.title, '早上浇水')))
  const winter = await put({
    title: '冬季菜园停止浇水值班',
    body: WINTER_BODY,
    kind: 'yes_no',
    electorate: 'residents',
    opensAt: new Date((now - 24 * 60) * 60_000),
    closesAt: at(...ymd(now + 5 * 24 * 60), 20),
    pausesDutyId: watering?.id ?? null,
  })
  const early: [string, 'for' | 'against'][] = [
    ['马淑兰', 'for'],
    ['杨桂芝', 'for'],
    ['孙明', 'against'],
  ]
  await db
    .insert(gardenMatterBallots)
    .values(early.map(([name, choice]) => ({ matterId: winter.row.id, countedKey: idOf(name), personId: idOf(name), choice })))
}

function ymd(epochMinutes: number): [number, number, number] {
  const parts = localParts(epochMinutes)
  return [parts.year, parts.month, parts.day]
}
