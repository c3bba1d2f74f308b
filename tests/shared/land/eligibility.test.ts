import { describe, expect, it } from 'vitest'
import { eligibilityRefusal } from '../../../shared/votes'

describe('who may take part in a meeting', () => {
  it('refuses a non-member before anything else, even an adult household representative elsewhere', () => {
    expect(eligibilityRefusal('assembly', 2026, { birthYear: 1950, rolesInVillage: [] })).toEqual({ code: 'not_member_of_village' })
  })

  it('counts 18 by the meeting year: born 2008 may vote in 2026, born 2009 may not', () => {
    expect(eligibilityRefusal('assembly', 2026, { birthYear: 2008, rolesInVillage: ['villager'] })).toBeNull()
    expect(eligibilityRefusal('assembly', 2026, { birthYear: 2009, rolesInVillage: ['villager'] })).toEqual({ code: 'vote_under_18' })
  })

  it('admits only household representatives to the household form, and villager representatives to theirs', () => {
    expect(eligibilityRefusal('assembly_households', 2026, { birthYear: 1960, rolesInVillage: ['villager'] })).toMatchObject({ code: 'vote_not_eligible' })
    expect(eligibilityRefusal('assembly_households', 2026, { birthYear: 1960, rolesInVillage: ['villager', 'household_rep'] })).toBeNull()
    expect(eligibilityRefusal('representatives', 2026, { birthYear: 1960, rolesInVillage: ['household_rep'] })).toMatchObject({ code: 'vote_not_eligible' })
    expect(eligibilityRefusal('representatives', 2026, { birthYear: 1960, rolesInVillage: ['villager_rep'] })).toBeNull()
  })

  it('still refuses a minor who holds a representative role', () => {
    expect(eligibilityRefusal('representatives', 2026, { birthYear: 2010, rolesInVillage: ['villager_rep'] })).toEqual({ code: 'vote_under_18' })
  })
})
