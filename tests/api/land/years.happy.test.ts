import { describe, expect, it } from 'vitest'
import { DEMO_PEOPLE } from '../../../db/seed/demo'
import { allocationsResponse, noticeSchema, yearsListResponse } from '../../../shared/land'
import { errorCodeOf, setupApi } from '../../harness/api'
import { THIS_YEAR } from './_scenario'

const api = await setupApi()
const villager = await api.tokenFor('李福')

describe('past award years stay reachable', () => {
  it('lists every year newest first, each with its notice and what was handed over', async () => {
    const res = await api.call('GET', '/api/land/years/list', { token: villager, query: { villageId: api.demo.gaojing } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const { years } = yearsListResponse.parse(res.body)
    expect(years.map((year) => year.year)).toEqual(
      [THIS_YEAR, 2025, 2024, 2023, 2022, 2021, 2020, 2019].filter((year, index) => index === 0 || year < THIS_YEAR),
    )
    expect(years[0]).toMatchObject({ status: 'nominating', noticeId: null, notices: [], awardedHouseholds: 0 })
    const past = years.slice(1)
    expect(past.reduce((sum, year) => sum + year.awardedHouseholds, 0)).toBe(82)
    for (const year of past) {
      expect(year.noticeId).not.toBeNull()
      expect(year.notices).toEqual([expect.objectContaining({ id: year.noticeId, status: 'locked', isCorrection: false })])
      // Since 12 mu a household each got one whole parcel, and every one was handed over.
      if (year.perHouseholdTenthMu === 120) expect(year).toMatchObject({ awardedHouseholds: 10, allocatedHouseholds: 10, allocatedTenthMu: 1200 })
      else expect(year.allocatedHouseholds).toBe(0)
    }
  })

  it('opens 2023’s notice with the households the reporting names, each once and told apart', async () => {
    const { years } = yearsListResponse.parse((await api.call('GET', '/api/land/years/list', { token: villager, query: { villageId: api.demo.gaojing } })).body)
    const y2023 = years.find((year) => year.year === 2023)
    const notice = noticeSchema.parse((await api.call('GET', '/api/land/notices/get', { token: villager, query: { noticeId: y2023?.noticeId ?? '' } })).body)
    const labels = notice.awards.map((award) => award.householdLabel)
    expect(labels).toHaveLength(10)
    expect(new Set(labels).size).toBe(10)
    for (const name of ['乌优塔户', '双金户', '梅荣户', '玉山户']) expect(labels.some((label) => label.endsWith(name))).toBe(true)
    expect(labels[3]).toBe('一组6号 玉山户')
    expect(notice.awards[3]?.parcels).toEqual([expect.stringMatching(/地块（12亩）$/)])

    const allocations = allocationsResponse.parse(
      (await api.call('GET', '/api/land/allocations/list', { token: villager, query: { awardYearId: y2023?.awardYearId ?? '' } })).body,
    )
    expect(allocations).toMatchObject({ season: '2024年春播至秋收', poolTenthMu: 1200, allocatedTenthMu: 1200 })
    expect(new Set(allocations.allocations.map((row) => row.householdLabel)).size).toBe(10)
    expect(allocations.allocations.map((row) => row.householdLabel).sort()).toEqual([...labels].sort())
  })

  it('is the village’s own: another village’s people are refused', async () => {
    const res = await api.call('GET', '/api/land/years/list', { token: await api.tokenFor(DEMO_PEOPLE.gardenSteward), query: { villageId: api.demo.gaojing } })
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('not_member_of_village')
    expect(JSON.stringify(res.body)).not.toContain('noticeId')
  })
})
