import { uuidSchema } from './ids'
import { roleLabels, roleSchema, type Role } from './roles'
import { z } from './zod'

/*
 * Who is who: how a household or a person is named wherever someone picks or reads them from a
 * list. Villages have namesakes (two 包巴特尔 heads, a mother and daughter-in-law both 其其格), and
 * villagers tell them apart by 村民小组 (组), 户号 or 门牌号, and age (docs/domain.md). Every list
 * the product shows goes through these functions, so the same household reads the same on the
 * roll call, the ballot, the notice and the allocation, and no list shows one label twice.
 */

/** What a household is called and where it is: 组 + 户号 in a village, 楼/单元 + 门牌 in a courtyard. */
export interface HouseholdNaming {
  /** The household's own name as the village keeps it: 乌优塔户, 马淑兰家. */
  label: string
  /** 村民小组 (一组) or, in a 社区 courtyard, the building and entrance (3号楼2单元). */
  group: string | null
  /** 户号 (12号) or 门牌 (301): unique with its group in the village. */
  houseNumber: string | null
}

/** Where the household is: 一组12号, 3号楼2单元301; null when the village has not recorded it. */
export function householdPlace(household: Pick<HouseholdNaming, 'group' | 'houseNumber'>): string | null {
  const place = `${household.group ?? ''}${household.houseNumber ?? ''}`.trim()
  return place === '' ? null : place
}

/**
 * 一组12号 乌优塔户. The place comes first, as on a village's own rolls and notices: read aloud,
 * "一组12号乌优塔户" is how a villager says which one, and it sorts the list the way the 组 sit.
 */
export function householdLabel(household: HouseholdNaming): string {
  const place = householdPlace(household)
  return place === null ? household.label : `${place} ${household.label}`
}

export interface PersonNaming {
  name: string
  birthYear: number
  household: Pick<HouseholdNaming, 'group' | 'houseNumber'> | null
}

/** 其其格（一组12号，1964年生）: the household's place and the birth year, which never change with the year. */
export function personLabel(person: PersonNaming): string {
  const place = person.household ? householdPlace(person.household) : null
  return withDetail(person.name, place === null ? `${person.birthYear}年生` : `${place}，${person.birthYear}年生`)
}

/** Adds a detail to a label: 乌优塔户 → 乌优塔户（户主1968年生）; a label already in brackets gets it inside them. */
export function withDetail(label: string, detail: string): string {
  if (detail === '') return label
  return label.endsWith('）') ? `${label.slice(0, -1)}，${detail}）` : `${label}（${detail}）`
}

/** One entry of a list to name: its label, and further details to add, in order, only if it needs them. */
export interface Nameable {
  label: string
  /** E.g. the village for a list spanning villages, the head's birth year: added one at a time. */
  details?: readonly string[]
}

/**
 * The labels of a list, all different. An entry keeps its label unless another entry reads the
 * same; then the entries that collide take their next detail, round after round, and entries
 * still alike when the details run out are numbered (同名第2) in list order. Deterministic: the
 * same list names the same way on the server, on the phone and on paper.
 */
export function disambiguate(items: readonly Nameable[]): string[] {
  const levels = items.map(() => 0)
  const labelAt = (index: number): string => {
    const item = items[index]
    if (!item) return ''
    const details = (item.details ?? []).slice(0, levels[index] ?? 0)
    return details.reduce(withDetail, item.label)
  }
  const labels = items.map((_, index) => labelAt(index))
  for (;;) {
    let raised = false
    for (const group of collisions(labels)) {
      for (const index of group) {
        const level = levels[index] ?? 0
        if (level < (items[index]?.details ?? []).length) {
          levels[index] = level + 1
          labels[index] = labelAt(index)
          raised = true
        }
      }
    }
    if (!raised) break
  }
  // Same name, same details: number all but the first, skipping any number another entry already reads as.
  const taken = new Set(labels)
  for (const group of collisions(labels)) {
    let n = 2
    for (const index of group.slice(1)) {
      const base = labels[index] ?? ''
      let candidate = withDetail(base, `同名第${n}`)
      while (taken.has(candidate)) candidate = withDetail(base, `同名第${++n}`)
      n += 1
      labels[index] = candidate
      taken.add(candidate)
    }
  }
  return labels
}

/** Groups of indexes (each of two or more) that read the same, in list order. */
function collisions(labels: readonly string[]): number[][] {
  const byLabel = new Map<string, number[]>()
  labels.forEach((label, index) => byLabel.set(label, [...(byLabel.get(label) ?? []), index]))
  return [...byLabel.values()].filter((group) => group.length > 1)
}

/** Households of one list, each named by householdLabel and told apart by the head's birth year if need be. */
export function householdLabels(households: readonly (HouseholdNaming & { headBirthYear?: number | null; villageName?: string | null })[]): string[] {
  return disambiguate(
    households.map((household) => ({
      label: householdLabel(household),
      details: [...(household.villageName ? [household.villageName] : []), ...(household.headBirthYear ? [`户主${household.headBirthYear}年生`] : [])],
    })),
  )
}

/** People of one list, each named by personLabel, then by village when the list spans villages. */
export function personLabels(people: readonly (PersonNaming & { villageName?: string | null })[]): string[] {
  return disambiguate(people.map((person) => ({ label: personLabel(person), details: person.villageName ? [person.villageName] : [] })))
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 十二 → 12: enough for 组 numbers (一组 … 九十九组). */
function chineseNumber(text: string): number {
  if (!text.includes('十')) return [...text].reduce((value, char) => value * 10 + (CHINESE_DIGITS[char] ?? 0), 0)
  const [tens, ones] = text.split('十')
  return (tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0)
}

/** The order of a village's rolls: by 组 (二组 before 十组), then 户号 or 门牌 as numbers (2号 before 10号). */
export function comparePlaces(a: Pick<HouseholdNaming, 'group' | 'houseNumber'>, b: Pick<HouseholdNaming, 'group' | 'houseNumber'>): number {
  const key = (value: string | null) => (value ?? '').replace(/[一二三四五六七八九十]+/g, (digits) => String(chineseNumber(digits)))
  const collator = (x: string, y: string) => x.localeCompare(y, 'zh-CN', { numeric: true })
  // Households with no recorded place go last, not first.
  const known = Number(householdPlace(a) === null) - Number(householdPlace(b) === null)
  return known || collator(key(a.group), key(b.group)) || collator(key(a.houseNumber), key(b.houseNumber))
}

/* The village directory (花名册): cadres find a person or a household of their own village. */

export const DIRECTORY_MAX_PAGE = 100
export const DIRECTORY_DEFAULT_PAGE = 30

export const directoryQuery = z.object({
  villageId: uuidSchema,
  /** A name (person or household) or a 户号/门牌; empty lists everyone. */
  q: z.string().trim().max(20, { message: '最多 20 个字' }).default(''),
  /** Only this 组 (or building), as the directory lists them in `groups`. */
  group: z.string().trim().max(30).optional(),
  /** Opaque: where the next page starts, as the last answer gave it. */
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(DIRECTORY_MAX_PAGE).default(DIRECTORY_DEFAULT_PAGE),
})
export type DirectoryQuery = z.infer<typeof directoryQuery>

export const directoryPersonSchema = z.object({
  personId: uuidSchema,
  name: z.string(),
  /** Distinct on this page and across the village: 其其格（一组3号，1965年生）. */
  label: z.string(),
  birthYear: z.number().int(),
  age: z.number().int(),
  household: z
    .object({
      householdId: uuidSchema,
      label: z.string(),
      group: z.string().nullable(),
      houseNumber: z.string().nullable(),
      elderly: z.boolean(),
      isHead: z.boolean(),
      memberCount: z.number().int(),
    })
    .nullable(),
  roles: z.array(roleSchema),
})
export type DirectoryPerson = z.infer<typeof directoryPersonSchema>
export const directoryResponse = z.object({
  villageName: z.string(),
  /** The village's 组 (or buildings) in roll order, to pick one. */
  groups: z.array(z.string()),
  /** How many match the search (all pages). */
  total: z.number().int(),
  people: z.array(directoryPersonSchema),
  nextCursor: z.string().nullable(),
})
export type Directory = z.infer<typeof directoryResponse>

/** The page cursor is the offset into the roll order, written so a client does not build one by hand. */
export function directoryCursor(offset: number): string {
  return `p${offset.toString(36)}`
}
export function directoryOffset(cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return 0
  const match = /^p([0-9a-z]{1,8})$/.exec(cursor)
  return match?.[1] ? parseInt(match[1], 36) : null
}

/** The person's roles as the directory shows them (户代表 and 村民 are everyone's and go unsaid). */
export function directoryRoleLine(held: readonly Role[]): string {
  return held
    .filter((role) => role !== 'villager' && role !== 'household_rep')
    .map((role) => roleLabels[role])
    .join('、')
}

/** One entry of a short list: who it is (key), the name it reads as, and its full distinct label if one is known. */
export interface ListEntry {
  key: string
  name: string
  /** E.g. the village-wide personLabel or householdLabel; used only when the plain name is shared. */
  label?: string | null
}

/**
 * Labels for a short list (a shift's volunteers, the chips of a collect screen): the plain name
 * where it is unique in the list, the full label only for namesakes, so a list without namesakes
 * stays short at 2× font. The same key may appear more than once (one person on two shifts) and
 * reads the same each time; two different keys never read the same (disambiguate numbers them
 * when no full label tells them apart).
 */
export function listLabels(entries: readonly ListEntry[]): Map<string, string> {
  const distinct = [...new Map(entries.map((entry) => [entry.key, entry])).values()]
  const keysByName = new Map<string, number>()
  for (const entry of distinct) keysByName.set(entry.name, (keysByName.get(entry.name) ?? 0) + 1)
  const chosen = distinct.map((entry) => ((keysByName.get(entry.name) ?? 0) > 1 && entry.label ? entry.label : entry.name))
  const labels = disambiguate(chosen.map((label) => ({ label })))
  return new Map(distinct.map((entry, index) => [entry.key, labels[index] ?? entry.name]))
}
