import { describe, expect, it } from 'vitest'
import { capAwards, formatMu, planParcels, poolCapacity } from '../../../shared/land'

describe.each<[number, number, number]>([
  [1200, 120, 10],
  [1200, 80, 15],
  [1200, 130, 9],
  [1199, 120, 9],
  [0, 120, 0],
  [1200, 0, 0],
])('pool %i tenth-mu at %i per household', (pool, per, capacity) => {
  it(`carries ${capacity} households`, () => expect(poolCapacity(pool, per)).toBe(capacity))
})

describe('capping awards by the pool', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `h${i + 1}`)
  it('keeps everyone when the land suffices', () => {
    expect(capAwards(ids.slice(0, 10), 10, null)).toEqual({ ok: true, awarded: ids.slice(0, 10), waitlisted: [] })
  })
  it('refuses to cut silently when more are approved than the land carries', () => {
    expect(capAwards(ids, 10, null)).toEqual({ ok: false, reason: 'land_ranking_required', approved: 12, capacity: 10 })
  })
  it('follows the ranking the meeting approved', () => {
    const ranking = [...ids].reverse()
    const result = capAwards(ids, 10, ranking)
    expect(result).toEqual({ ok: true, awarded: ranking.slice(0, 10), waitlisted: ranking.slice(10) })
  })
  it('refuses a ranking that leaves out an approved household', () => {
    expect(capAwards(ids, 10, ids.slice(0, 11))).toEqual({ ok: false, reason: 'ranking_incomplete', missing: ['h12'] })
  })
})

describe('planning parcels', () => {
  it('gives each of 10 households one 12-mu parcel from 10 × 12 mu', () => {
    const parcels = Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, areaTenthMu: 120 }))
    const { plan, short } = planParcels(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], parcels, 120)
    expect(short).toEqual([])
    const used = [...plan.values()].flat()
    expect(new Set(used).size).toBe(10)
  })
  it('combines smaller parcels without going over a share and reports who is short', () => {
    const parcels = [
      { id: 'big', areaTenthMu: 200 },
      { id: 'a', areaTenthMu: 60 },
      { id: 'b', areaTenthMu: 60 },
      { id: 'c', areaTenthMu: 50 },
    ]
    const { plan, short } = planParcels(['x', 'y'], parcels, 120)
    expect(plan.get('x')).toEqual(['a', 'b'])
    expect(plan.get('y')).toEqual(['c'])
    expect(short).toEqual(['y'])
  })
  it('formats tenth-mu', () => {
    expect(formatMu(120)).toBe('12')
    expect(formatMu(125)).toBe('12.5')
  })
})
