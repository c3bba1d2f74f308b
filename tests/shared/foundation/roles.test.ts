import { describe, expect, it } from 'vitest'
import { hasAnyRole, isAdultInYear, roleLabels, roles } from '../../../shared/roles'

describe('isAdultInYear', () => {
  it.each([
    { birthYear: 2008, year: 2026, adult: true },
    { birthYear: 2009, year: 2026, adult: false },
    { birthYear: 1950, year: 2026, adult: true },
  ])('born $birthYear is adult in $year: $adult', ({ birthYear, year, adult }) => {
    expect(isAdultInYear(birthYear, year)).toBe(adult)
  })
})

describe('roles', () => {
  it('every role has a Chinese label', () => {
    for (const role of roles) expect(roleLabels[role]).toMatch(/^[\u4e00-\u9fff]+$/)
  })
  it('hasAnyRole matches any overlap only', () => {
    expect(hasAnyRole(['villager', 'secretary'], ['secretary', 'deputy_secretary'])).toBe(true)
    expect(hasAnyRole(['villager'], ['secretary'])).toBe(false)
    expect(hasAnyRole([], ['villager'])).toBe(false)
  })
})
