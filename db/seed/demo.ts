import { count, eq } from 'drizzle-orm'
import type { Role, VillageKind } from '../../shared/roles'
import { appendAudit, sealAudit } from '../audit'
import type { Db } from '../client'
import { households, memberships, people, villages } from '../schema'
import { seedPiecework } from './piecework'
import { seedLand } from './land'
import { seedGarden } from './garden'
import { seedGardenDecisions } from './garden-decisions'

/**
 * The demo villages, drawn from docs/domain.md: 高井嘎查 (land awards), 菜北社区 41号院 (shared garden),
 * 馆里村 (hand-cast net workshop). Deterministic, so tests and screenshots see the same people.
 * Township names marked 示范 are placeholders where the reporting did not name one.
 */
export const DEMO = {
  gaojing: { name: '高井嘎查', kind: 'gachaa', township: '示范苏木', county: '科左后旗（通辽市）' },
  caibei: { name: '菜北社区41号院', kind: 'community', township: '牛街街道', county: '西城区（北京市）' },
  guanli: { name: '馆里村', kind: 'village', township: '示范镇', county: '无棣县（滨州市）' },
} as const satisfies Record<string, { name: string; kind: VillageKind; township: string; county: string }>

export const DEMO_PEOPLE = {
  secretary: '包金山',
  deputySecretary: '白玉梅',
  gardenSteward: '马淑兰',
  workshopHead: '刘建国',
} as const

interface PersonSeed {
  name: string
  birthYear: number
  roles: Role[]
}
interface HouseholdSeed {
  label: string
  elderly: boolean
  members: PersonSeed[]
}

const GAOJING_SURNAMES = ['包', '白', '宝', '吴', '韩', '陈', '李', '王', '张', '刘']
const GIVEN_MEN = ['巴特尔', '朝鲁', '额尔敦', '金宝', '铁柱', '振华', '国强', '志刚', '满都拉', '苏和']
const GIVEN_WOMEN = ['其其格', '萨仁', '桂兰', '秀英', '乌兰', '玉兰', '淑珍', '娜仁', '春梅', '红霞']
const GIVEN_YOUNG = ['浩然', '雨涵', '子轩', '欣怡', '宇航', '梓涵', '俊杰', '思琪']

/** 40 households, about one in five elderly, with the branch and committee inside them. */
function gaojingHouseholds(): HouseholdSeed[] {
  const result: HouseholdSeed[] = []
  for (let i = 0; i < 40; i++) {
    const surname = GAOJING_SURNAMES[i % GAOJING_SURNAMES.length] ?? '包'
    const elderly = i % 5 === 3
    const headYear = elderly ? 1945 + (i % 12) : 1965 + (i % 20)
    const headName = i === 0 ? DEMO_PEOPLE.secretary : `${surname}${GIVEN_MEN[i % GIVEN_MEN.length] ?? '明'}`
    const spouseName = i === 1 ? DEMO_PEOPLE.deputySecretary : `${GAOJING_SURNAMES[(i + 3) % 10] ?? '白'}${GIVEN_WOMEN[i % GIVEN_WOMEN.length] ?? '兰'}`
    const headRoles: Role[] = ['villager', 'household_rep']
    if (i === 0) headRoles.push('secretary')
    if (i % 4 === 0) headRoles.push('villager_rep')
    if (i === 2 || i === 5) headRoles.push('committee_member')
    if (i === 6 || i === 9) headRoles.push('council_member')
    const spouseRoles: Role[] = ['villager']
    if (i === 1) spouseRoles.push('deputy_secretary')
    if (i === 7) spouseRoles.push('council_member')
    const members: PersonSeed[] = [
      { name: headName, birthYear: headYear, roles: headRoles },
      { name: spouseName, birthYear: headYear + 2, roles: spouseRoles },
    ]
    // Younger households have a child; some children are adults, some are not yet 18.
    if (!elderly && i % 3 !== 2) {
      members.push({
        name: `${surname}${GIVEN_YOUNG[i % GIVEN_YOUNG.length] ?? '小宝'}`,
        birthYear: i % 2 === 0 ? 1996 + (i % 8) : 2010 + (i % 6),
        roles: ['villager'],
      })
    }
    result.push({ label: `${headName}户`, elderly, members })
  }
  return result
}

function caibeiHouseholds(): HouseholdSeed[] {
  const rows: [string, number, boolean, Role[]][] = [
    [DEMO_PEOPLE.gardenSteward, 1962, false, ['villager', 'household_rep', 'garden_steward', 'villager_rep']],
    ['白建军', 1970, false, ['villager', 'household_rep', 'garden_steward']],
    ['沙秀芳', 1948, true, ['villager', 'household_rep']],
    ['金宝山', 1942, true, ['villager', 'household_rep']],
    ['杨桂芝', 1951, true, ['villager', 'household_rep']],
    ['马德利', 1958, false, ['villager', 'household_rep', 'secretary']],
    ['刘淑英', 1946, true, ['villager', 'household_rep']],
    ['张海涛', 1985, false, ['villager', 'household_rep']],
    ['王丽娟', 1979, false, ['villager', 'household_rep']],
    ['李永强', 1990, false, ['villager', 'household_rep']],
    ['赵凤霞', 1955, true, ['villager', 'household_rep']],
    ['孙明', 1988, false, ['villager', 'household_rep']],
  ]
  return rows.map(([name, birthYear, elderly, roles]) => ({
    label: `41号院 ${name}家`,
    elderly,
    members: [{ name, birthYear, roles }],
  }))
}

function guanliHouseholds(): HouseholdSeed[] {
  const names = ['刘建国', '高秀兰', '孙玉芹', '张凤英', '李春燕', '王桂香', '赵淑华', '马红梅', '周翠萍', '吴晓燕', '郑美玲', '冯玉珍']
  return names.map((name, index) => ({
    label: `${name}户`,
    elderly: index % 6 === 5,
    members: [
      {
        name,
        birthYear: index === 0 ? 1968 : 1958 + index * 2,
        roles: index === 0 ? ['villager', 'household_rep', 'workshop_head', 'secretary'] : ['villager', 'household_rep'],
      },
    ],
  }))
}

async function seedVillage(
  db: Db,
  info: { name: string; kind: VillageKind; township: string; county: string },
  seeds: HouseholdSeed[],
): Promise<string> {
  const [village] = await db.insert(villages).values(info).returning({ id: villages.id })
  if (!village) throw new Error('village insert returned nothing')
  const householdRows = await db
    .insert(households)
    .values(seeds.map((seed) => ({ villageId: village.id, label: seed.label, elderly: seed.elderly })))
    .returning({ id: households.id })
  const personValues = seeds.flatMap((seed, index) =>
    seed.members.map((member) => ({ name: member.name, birthYear: member.birthYear, householdId: householdRows[index]?.id ?? null, demoPersona: true })),
  )
  const personRows = await db.insert(people).values(personValues).returning({ id: people.id, householdId: people.householdId })
  const flatMembers = seeds.flatMap((seed) => seed.members)
  const membershipValues = flatMembers.flatMap((member, index) =>
    member.roles.map((role) => ({ personId: personRows[index]?.id ?? '', villageId: village.id, role })),
  )
  await db.insert(memberships).values(membershipValues)
  // The head is the first member listed for each household.
  let offset = 0
  for (const [index, seed] of seeds.entries()) {
    const head = personRows[offset]
    const household = householdRows[index]
    if (head && household) {
      await db.update(households).set({ headPersonId: head.id }).where(eq(households.id, household.id))
    }
    offset += seed.members.length
  }
  await appendAudit(db, {
    villageId: village.id,
    actorPersonId: null,
    action: 'village.seeded',
    subjectType: 'village',
    subjectId: village.id,
    payload: { households: seeds.length, people: personRows.length },
  })
  return village.id
}

export interface DemoIds {
  gaojing: string
  caibei: string
  guanli: string
}

/** Loads the demo on an empty database; does nothing (returns null) if any village exists. */
export async function seedDemoIfEmpty(db: Db): Promise<DemoIds | null> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(villages)
    if ((existing?.n ?? 0) > 0) return null
    const scope = tx as unknown as Db
    const gaojing = await seedVillage(scope, DEMO.gaojing, gaojingHouseholds())
    const caibei = await seedVillage(scope, DEMO.caibei, caibeiHouseholds())
    const guanli = await seedVillage(scope, DEMO.guanli, guanliHouseholds())
    await seedPiecework(scope, { gaojing, caibei, guanli })
    await seedGarden(scope, { gaojing, caibei, guanli })
    await seedGardenDecisions(scope, { gaojing, caibei, guanli })
    await seedLand(scope, { gaojing, caibei, guanli })
    await sealAudit(scope)
    return { gaojing, caibei, guanli }
  })
}
