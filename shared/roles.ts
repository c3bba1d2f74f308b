import { z } from './zod'

/** Roles a person may hold in a village; one person may hold several, in several villages. */
export const roles = [
  'villager',
  'household_rep',
  'villager_rep',
  'secretary',
  'deputy_secretary',
  'committee_member',
  'council_member',
  'garden_steward',
  'workshop_head',
] as const
export const roleSchema = z.enum(roles)
export type Role = z.infer<typeof roleSchema>

export const roleLabels: Record<Role, string> = {
  villager: '村民',
  household_rep: '户代表',
  villager_rep: '村民代表',
  secretary: '党支部书记',
  deputy_secretary: '党支部副书记',
  committee_member: '村委会委员',
  council_member: '红白理事会成员',
  garden_steward: '菜园主理人',
  workshop_head: '工坊负责人',
}

/*
 * Who may do what, by role: each set is named once here, declared on the routes that need it
 * (functions/lib/route.ts enforces it) and read by the screens that show or hide a control.
 */

/** Who may act for the branch: convene, publish, bind new accounts. */
export const branchLeaders: readonly Role[] = ['secretary', 'deputy_secretary']
/** Who records and reviews nominations for the land award: the branch, the committee, the 红白理事会. */
export const nominators: readonly Role[] = ['secretary', 'deputy_secretary', 'committee_member', 'council_member']
/** Who may enter a ballot for a villager who asked for help: the branch and the committee. */
export const ballotAssisters: readonly Role[] = ['secretary', 'deputy_secretary', 'committee_member']
/** Who runs the shared garden: rosters, attendance, harvests, the points shop. */
export const gardenStewards: readonly Role[] = ['garden_steward']
/** Who may put a matter to the courtyard (居民议事), enter the meeting's hands and publish the result. */
export const matterConveners: readonly Role[] = ['garden_steward', 'committee_member', ...branchLeaders]
/** Who runs a micro-factory: products, rates, orders, material, collections, periods. */
export const workshopHeads: readonly Role[] = ['workshop_head']
/** Who reads a workshop's dashboard and pay sheets: its head and the village branch. */
export const workshopViewers: readonly Role[] = ['workshop_head', ...branchLeaders]

export const villageKinds = ['village', 'gachaa', 'community'] as const
export const villageKindSchema = z.enum(villageKinds)
export type VillageKind = z.infer<typeof villageKindSchema>
export const villageKindLabels: Record<VillageKind, string> = {
  village: '村',
  gachaa: '嘎查',
  community: '社区',
}

export function hasAnyRole(held: readonly Role[], wanted: readonly Role[]): boolean {
  return held.some((role) => wanted.includes(role))
}

/** Adults (18+ in the calendar year) may vote: Organic Law Art. 21 speaks of villagers aged 18+. */
export function isAdultInYear(birthYear: number, year: number): boolean {
  return year - birthYear >= 18
}

/** Who may read a village's whole directory (花名册: everyone's household, birth year and roles): the branch and the committee. */
export const directoryReaders: readonly Role[] = ['secretary', 'deputy_secretary', 'committee_member']
