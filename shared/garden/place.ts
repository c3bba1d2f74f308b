/* Whether a village has a shared garden, and what its garden pages say when it has none. */

/**
 * A village has a shared garden once it has a bed, a duty or a shift: a garden is the beds and the
 * work on them. A steward appointed before any of that is there to start one.
 */
export const gardenExists = (counts: { beds: number; duties: number; shifts: number }): boolean => counts.beds + counts.duties + counts.shifts > 0

export interface GardenPlace {
  villageName: string
  hasGarden: boolean
  isSteward: boolean
  stewards: readonly string[]
  /** the village's branch and committee, for a village with no steward to ask */
  leaders: readonly { name: string; roleLabel: string }[]
}

/** Plain words for a village with no garden: that there is none, and whom to ask. */
export function noGardenWords(place: GardenPlace): { title: string; text: string } {
  const title = `${place.villageName}还没有共享菜园`
  if (place.isSteward) return { title, text: '您是菜园主理人：在“主理人管理”里添加第一块菜畦和值班，菜园就办起来了。' }
  if (place.stewards.length > 0) return { title, text: `想办菜园、当志愿者，可以找菜园主理人${place.stewards.join('、')}。` }
  if (place.leaders.length > 0) {
    return { title, text: `本村还没有菜园主理人。想办共享菜园，可以问${place.leaders.map((l) => `${l.roleLabel}${l.name}`).join('、')}。` }
  }
  return { title, text: '本村还没有菜园主理人。想办共享菜园，可以问村委会。' }
}
