import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { landNominations } from '../../../db/schema'
import { currentYearResponse, historyResponse } from '../../../shared/land'
import { setupApi } from '../../harness/api'
import { cast, THIS_YEAR } from './_scenario'

const api = await setupApi()
const who = await cast(api)

describe('the 高井嘎查 demo', () => {
  it('shows 82 awards over the 7 years before this one, each year within the 120-mu pool', async () => {
    const history = historyResponse.parse((await api.call('GET', '/api/land/history', { token: who.villager, query: { villageId: api.demo.gaojing } })).body)
    const past = history.years.filter((year) => year.year < THIS_YEAR)
    expect(past).toHaveLength(7)
    expect(past.reduce((sum, year) => sum + year.households.length, 0)).toBe(82)
    expect(history.totalAwards).toBe(82)
    expect(history.yearsCount).toBe(7)
    for (const year of past) {
      expect(year.households.length * year.perHouseholdTenthMu).toBeLessThanOrEqual(1200)
      expect(new Set(year.households).size).toBeLessThanOrEqual(year.households.length)
    }
  })
  it('has this year’s pool, nominations and a meeting ready to open today', async () => {
    const state = currentYearResponse.parse(
      (await api.call('GET', '/api/land/years/current', { token: who.villager, query: { villageId: api.demo.gaojing } })).body,
    ).awardYear
    expect(state).toMatchObject({ year: THIS_YEAR, poolTenthMu: 1200, capacity: 10, perHouseholdTenthMu: 120 })
    expect(state?.parcels).toHaveLength(10)
    expect(state?.nominations).toHaveLength(12)
    expect(state?.nominations.filter((nomination) => nomination.status === 'approved')).toHaveLength(10)
    const meeting = state?.meetings[0]
    expect(meeting?.status).toBe('scheduled')
    expect(meeting?.motions[0]?.candidateIds).toHaveLength(10)
    const opened = await api.call('POST', '/api/land/meetings/open', { token: who.secretary, body: { meetingId: meeting?.id } })
    expect(opened.status).toBe(200)
    const pending = await api.db
      .select()
      .from(landNominations)
      .where(and(eq(landNominations.villageId, api.demo.gaojing), eq(landNominations.status, 'pending')))
    expect(pending).toHaveLength(2)
    const verify = await api.call('GET', '/api/audit/verify', { token: who.villager, query: { villageId: api.demo.gaojing } })
    expect(verify.body).toMatchObject({ ok: true })
  })
})
