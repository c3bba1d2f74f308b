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
  // 高井嘎查's secretary and deputy secretary as the 2023 reporting names them (docs/domain.md).
  secretary: '青明',
  deputySecretary: '莫日根',
  gardenSteward: '马淑兰',
  workshopHead: '刘建国',
} as const

/**
 * Namesakes the demo has on purpose, as real villages do; each pair is told apart by 组, 户号 and
 * birth year (tests/api/land/demo-seed.happy.test.ts holds every other name to once).
 */
export const DEMO_NAMESAKES: readonly string[] = ['包巴特尔', '其其格']

interface PersonSeed {
  name: string
  birthYear: number
  roles: Role[]
}
interface HouseholdSeed {
  label: string
  group: string | null
  houseNumber: string | null
  elderly: boolean
  members: PersonSeed[]
}

type MemberRow = readonly [name: string, birthYear: number, ...roles: Role[]]

/** The head first; every member is a villager, the head also the household's representative. */
function household(group: string, houseNumber: string, label: string, elderly: boolean, members: readonly MemberRow[]): HouseholdSeed {
  return {
    label,
    group,
    houseNumber,
    elderly,
    members: members.map(([name, birthYear, ...roles], index) => ({
      name,
      birthYear,
      roles: ['villager', ...(index === 0 ? (['household_rep'] as Role[]) : []), ...roles],
    })),
  }
}

const E = true
const N = false

/**
 * 高井嘎查: four 组 of ten households, 户号 1–40 across the 嘎查. Mongolian names as Horqin families
 * write them (most without a surname, some with 包、白、宝、韩、吴) and Han families among them.
 * 乌优塔、双金、梅荣 and 玉山 were among 2023's ten award households; 青明 is the secretary and
 * 莫日根 the deputy secretary who read the list. Eight households are elderly (老年户); children
 * both over and under 18, so the 18+ rule shows.
 */
function gaojingHouseholds(): HouseholdSeed[] {
  const rows: [string, number, boolean, MemberRow[]][] = [
    [
      '一组',
      1,
      N,
      [
        ['青明', 1968, 'secretary', 'villager_rep'],
        ['乌兰', 1970],
        ['苏日娜', 1995],
      ],
    ],
    [
      '一组',
      2,
      N,
      [
        ['乌优塔', 1966, 'villager_rep'],
        ['萨仁', 1968],
        ['阿拉坦', 2001],
      ],
    ],
    [
      '一组',
      3,
      N,
      [
        ['双金', 1963],
        ['其其格', 1965],
        ['宝音图', 2012],
      ],
    ],
    [
      '一组',
      4,
      E,
      [
        ['李福', 1941],
        ['王淑芬', 1944],
      ],
    ],
    [
      '一组',
      5,
      N,
      [
        ['梅荣', 1971],
        ['白音', 1969],
        ['图门', 2008],
      ],
    ],
    [
      '一组',
      6,
      N,
      [
        ['玉山', 1965, 'villager_rep'],
        ['图雅', 1967],
        ['额尔敦', 1990],
      ],
    ],
    [
      '一组',
      7,
      N,
      [
        ['韩振华', 1972, 'committee_member'],
        ['刘秀云', 1974],
        ['韩雪', 2013],
      ],
    ],
    [
      '一组',
      8,
      E,
      [
        ['那顺', 1950],
        ['高娃', 1953],
      ],
    ],
    [
      '一组',
      9,
      N,
      [
        ['宝音', 1961, 'council_member'],
        ['托娅', 1963],
        ['宝力格', 1987],
      ],
    ],
    [
      '一组',
      10,
      N,
      [
        ['张立新', 1978],
        ['包春梅', 1980],
        ['张子轩', 2010],
      ],
    ],
    [
      '二组',
      11,
      N,
      [
        ['莫日根', 1975, 'deputy_secretary', 'villager_rep'],
        ['斯琴', 1977, 'committee_member'],
        ['阿木尔', 2004],
      ],
    ],
    [
      '二组',
      12,
      N,
      [
        ['朝鲁', 1959],
        ['格日乐', 1961],
      ],
    ],
    ['二组', 13, E, [['李桂兰', 1947]]],
    [
      '二组',
      14,
      N,
      [
        ['白音仓', 1970, 'villager_rep'],
        ['娜仁', 1972],
        ['白乌日娜', 1998],
      ],
    ],
    [
      '二组',
      15,
      E,
      [
        ['包巴特尔', 1956],
        ['金花', 1958],
      ],
    ],
    [
      '二组',
      16,
      N,
      [
        ['吴志刚', 1967, 'council_member'],
        ['陈丽', 1969],
        ['吴海波', 1993],
      ],
    ],
    [
      '二组',
      17,
      N,
      [
        ['海山', 1973],
        ['塔娜', 1975],
        ['海日罕', 2011],
      ],
    ],
    [
      '二组',
      18,
      N,
      [
        ['陈国强', 1964],
        ['赵凤兰', 1966],
        ['陈晓东', 1989],
      ],
    ],
    [
      '二组',
      19,
      N,
      [
        ['特木尔', 1980],
        ['其其格', 1988],
        ['特日格乐', 2014],
      ],
    ],
    [
      '二组',
      20,
      N,
      [
        ['孟和', 1962, 'villager_rep'],
        ['阿荣', 1964],
      ],
    ],
    [
      '三组',
      21,
      E,
      [
        ['满都拉', 1945],
        ['乌云', 1948],
      ],
    ],
    [
      '三组',
      22,
      N,
      [
        ['金山', 1969],
        ['萨日娜', 1971],
        ['金鑫', 1996],
      ],
    ],
    [
      '三组',
      23,
      N,
      [
        ['刘海军', 1976],
        ['王秀英', 1978],
        ['刘佳', 2009],
      ],
    ],
    [
      '三组',
      24,
      N,
      [
        ['苏和', 1958, 'villager_rep'],
        ['敖登', 1960],
        ['苏雅拉', 1984],
      ],
    ],
    [
      '三组',
      25,
      N,
      [
        ['布和', 1983],
        ['包晓燕', 1985],
        ['布仁', 2015],
      ],
    ],
    ['三组', 26, E, [['郭淑珍', 1949]]],
    [
      '三组',
      27,
      N,
      [
        ['吉日嘎拉', 1966],
        ['乌日汗', 1968, 'council_member'],
      ],
    ],
    [
      '三组',
      28,
      N,
      [
        ['李志刚', 1971],
        ['张春梅', 1973],
        ['李浩然', 2005],
      ],
    ],
    [
      '三组',
      29,
      N,
      [
        ['阿拉坦仓', 1960, 'villager_rep'],
        ['白云', 1962],
      ],
    ],
    [
      '三组',
      30,
      N,
      [
        ['道尔吉', 1977],
        ['萨仁高娃', 1979],
        ['道日娜', 2012],
      ],
    ],
    [
      '四组',
      31,
      E,
      [
        ['敖其尔', 1942],
        ['哈斯', 1946],
      ],
    ],
    [
      '四组',
      32,
      N,
      [
        ['王建国', 1968, 'villager_rep'],
        ['孙桂芝', 1970],
        ['王磊', 1994],
      ],
    ],
    [
      '四组',
      33,
      N,
      [
        ['包巴特尔', 1982],
        ['红梅', 1984],
        ['包思琪', 2010],
      ],
    ],
    [
      '四组',
      34,
      N,
      [
        ['乌力吉', 1974],
        ['其木格', 1976],
        ['乌恩', 2000],
      ],
    ],
    [
      '四组',
      35,
      N,
      [
        ['赵德胜', 1963],
        ['李秀珍', 1965],
      ],
    ],
    [
      '四组',
      36,
      N,
      [
        ['哈斯巴根', 1979, 'villager_rep'],
        ['萨如拉', 1981],
        ['哈达', 2016],
      ],
    ],
    ['四组', 37, E, [['白玉兰', 1940]]],
    [
      '四组',
      38,
      N,
      [
        ['额尔敦巴特尔', 1970],
        ['乌仁', 1972],
        ['额日和木', 1997],
      ],
    ],
    [
      '四组',
      39,
      N,
      [
        ['张振华', 1985],
        ['宝金花', 1987],
        ['张宇航', 2013],
      ],
    ],
    [
      '四组',
      40,
      N,
      [
        ['阿古拉', 1965, 'villager_rep'],
        ['斯日古楞', 1967],
        ['阿如娜', 1992],
      ],
    ],
  ]
  return rows.map(([group, number, elderly, members]) => household(group, `${number}号`, `${members[0]?.[0] ?? ''}户`, elderly, members))
}

/**
 * 菜北社区41号院 (牛街, where many families are Hui: 马、沙、金、白、杨): each household by building,
 * entrance and door. Many residents are elderly and live alone.
 */
function caibeiHouseholds(): HouseholdSeed[] {
  const rows: [string, string, boolean, MemberRow][] = [
    ['1号楼1单元', '301', N, [DEMO_PEOPLE.gardenSteward, 1962, 'garden_steward', 'villager_rep']],
    ['1号楼1单元', '502', N, ['白建军', 1970, 'garden_steward']],
    ['1号楼2单元', '101', E, ['沙秀芳', 1948]],
    ['1号楼2单元', '202', E, ['金宝山', 1942]],
    ['2号楼1单元', '102', E, ['杨桂芝', 1951]],
    ['2号楼1单元', '401', N, ['马德利', 1958, 'secretary']],
    ['2号楼2单元', '201', E, ['刘淑英', 1946]],
    ['2号楼2单元', '602', N, ['张海涛', 1985]],
    ['3号楼1单元', '302', N, ['王丽娟', 1979]],
    ['3号楼1单元', '501', N, ['李永强', 1990]],
    ['3号楼2单元', '101', E, ['赵凤霞', 1955]],
    ['3号楼2单元', '402', N, ['孙明', 1988]],
  ]
  return rows.map(([group, door, elderly, member]) => household(group, door, `${member[0]}家`, elderly, [member]))
}

/** 馆里村 (无棣县, Shandong): the weaving households by 组 and 户号. */
function guanliHouseholds(): HouseholdSeed[] {
  const names = ['刘建国', '高秀兰', '孙玉芹', '张凤英', '李春燕', '王桂香', '赵淑华', '马红梅', '周翠萍', '吴晓燕', '郑美玲', '冯玉珍']
  return names.map((name, index) =>
    household(index < 6 ? '一组' : '二组', `${index + 1}号`, `${name}户`, index % 6 === 5, [
      index === 0 ? [name, 1968, 'workshop_head', 'secretary'] : [name, 1958 + index * 2],
    ]),
  )
}

async function seedVillage(db: Db, info: { name: string; kind: VillageKind; township: string; county: string }, seeds: HouseholdSeed[]): Promise<string> {
  const [village] = await db.insert(villages).values(info).returning({ id: villages.id })
  if (!village) throw new Error('village insert returned nothing')
  const householdRows = await db
    .insert(households)
    .values(seeds.map((seed) => ({ villageId: village.id, label: seed.label, group: seed.group, houseNumber: seed.houseNumber, elderly: seed.elderly })))
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
