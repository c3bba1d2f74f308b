import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { auditLog, gardenPointsLedger, gardenRedemptions, gardenRewards } from '../../../db/schema'
import { createdResponse, pointsResponse, redemptionResponse, rewardsResponse } from '../../../shared/garden'
import { setupApi } from '../../harness/api'
import { STEWARD, VOLUNTEER } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei

async function shop(name: string) {
  return rewardsResponse.parse((await api.call('GET', '/api/garden/rewards/list', { token: await api.tokenFor(name), query: { villageId } })).body)
}
const ledgerOf = async (name: string) =>
  api.db
    .select()
    .from(gardenPointsLedger)
    .where(eq(gardenPointsLedger.personId, await api.personId(name)))
const sum = (rows: { points: number }[]) => rows.reduce((n, r) => n + r.points, 0)

describe('积分超市', () => {
  it('the demo shop has rice, soap and a haircut', async () => {
    const list = await shop(VOLUNTEER)
    expect(list.rewards.map((r) => [r.name, r.points])).toEqual([
      ['肥皂', 20],
      ['理发一次', 50],
      ['大米一袋', 100],
    ])
    expect(list.isSteward).toBe(false)
  })

  it('a steward lists a reward; a volunteer redeems it, the steward hands it over; the ledger only grows', async () => {
    const steward = await api.tokenFor(STEWARD)
    const volunteer = await api.tokenFor(VOLUNTEER)
    const created = await api.call('POST', '/api/garden/rewards/create', { token: steward, body: { villageId, name: '食用盐', points: 15, stock: 2 } })
    expect(created.status).toBe(201)
    const rewardId = createdResponse.parse(created.body).id
    await api.call('POST', '/api/garden/points/adjust', {
      token: steward,
      body: { villageId, personId: await api.personId(VOLUNTEER), delta: 40, reason: '补记春播' },
    })
    const before = await shop(VOLUNTEER)
    const ledgerBefore = await ledgerOf(VOLUNTEER)
    expect(before.balance).toBe(sum(ledgerBefore))

    const res = await api.call('POST', '/api/garden/rewards/redeem', { token: volunteer, body: { villageId, rewardId } })
    expect(res.status).toBe(201)
    const redeemed = redemptionResponse.parse(res.body)
    expect(redeemed).toMatchObject({
      balance: before.balance - 15,
      stock: 1,
      already: false,
      redemption: { rewardName: '食用盐', points: 15, status: 'requested' },
    })
    const ledger = await ledgerOf(VOLUNTEER)
    expect(ledger).toHaveLength(ledgerBefore.length + 1)
    expect(ledger.find((e) => e.redemptionId === redeemed.redemption.id)).toMatchObject({ kind: 'redemption', points: -15 })
    // The balance the app shows is the ledger's sum, on both screens.
    expect((await shop(VOLUNTEER)).balance).toBe(before.balance - 15)
    const points = pointsResponse.parse((await api.call('GET', '/api/garden/points/summary', { token: volunteer, query: { villageId } })).body)
    expect(points.me.points).toBe(before.balance - 15)
    expect(points.entries.some((e) => e.kind === 'redemption' && e.points === -15)).toBe(true)

    // The steward sees it waiting and hands it over; a second tap changes nothing.
    const waiting = (await shop(STEWARD)).redemptions.filter((r) => r.status === 'requested')
    expect(waiting.map((r) => r.id)).toContain(redeemed.redemption.id)
    const handed = await api.call('POST', '/api/garden/redemptions/hand-over', { token: steward, body: { villageId, redemptionId: redeemed.redemption.id } })
    expect(handed.status).toBe(200)
    expect(redemptionResponse.parse(handed.body)).toMatchObject({ already: false, redemption: { status: 'handed_over' } })
    const again = redemptionResponse.parse(
      (await api.call('POST', '/api/garden/redemptions/hand-over', { token: steward, body: { villageId, redemptionId: redeemed.redemption.id } })).body,
    )
    expect(again.already).toBe(true)
    const actions = (await api.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, redeemed.redemption.id))).map((a) => a.action)
    expect(actions).toEqual(['garden.reward.redeemed', 'garden.redemption.handed_over'])
    expect(await ledgerOf(VOLUNTEER)).toHaveLength(ledgerBefore.length + 1)
  })

  it('cancelling a redemption is a logged refund: points and stock come back, nothing is rewritten', async () => {
    const volunteer = await api.tokenFor(VOLUNTEER)
    const [soap] = await api.db
      .select()
      .from(gardenRewards)
      .where(and(eq(gardenRewards.villageId, villageId), eq(gardenRewards.name, '肥皂')))
    if (!soap) throw new Error('demo soap missing')
    await api.call('POST', '/api/garden/points/adjust', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, personId: await api.personId(VOLUNTEER), delta: 30, reason: '补记' },
    })
    const balance = (await shop(VOLUNTEER)).balance
    const redeemed = redemptionResponse.parse(
      (await api.call('POST', '/api/garden/rewards/redeem', { token: volunteer, body: { villageId, rewardId: soap.id } })).body,
    )
    expect(redeemed.stock).toBe(soap.stock - 1)
    const ledgerMid = await ledgerOf(VOLUNTEER)

    const cancel = await api.call('POST', '/api/garden/redemptions/cancel', {
      token: volunteer,
      body: { villageId, redemptionId: redeemed.redemption.id, reason: '家里还有' },
    })
    expect(cancel.status).toBe(200)
    expect(redemptionResponse.parse(cancel.body)).toMatchObject({
      balance,
      stock: soap.stock,
      already: false,
      redemption: { status: 'cancelled', cancelReason: '家里还有' },
    })
    const ledger = await ledgerOf(VOLUNTEER)
    // Every earlier entry is still there, unchanged; one refund entry is added.
    expect(ledger.filter((e) => ledgerMid.some((m) => m.id === e.id))).toEqual(ledgerMid)
    const refund = ledger.filter((e) => !ledgerMid.some((m) => m.id === e.id))
    expect(refund).toHaveLength(1)
    const paid = ledgerMid.find((e) => e.redemptionId === redeemed.redemption.id)
    expect(refund[0]).toMatchObject({ kind: 'refund', points: 5 * 4, redemptionId: redeemed.redemption.id, correctsEntryId: paid?.id })
    expect(sum(ledger)).toBe(balance)
    // Cancelling again: the same answer, nothing more.
    const twice = redemptionResponse.parse(
      (
        await api.call('POST', '/api/garden/redemptions/cancel', {
          token: volunteer,
          body: { villageId, redemptionId: redeemed.redemption.id, reason: '家里还有' },
        })
      ).body,
    )
    expect(twice).toMatchObject({ already: true, balance, stock: soap.stock })
    expect(await ledgerOf(VOLUNTEER)).toHaveLength(ledger.length)
    const [row] = await api.db.select().from(gardenRedemptions).where(eq(gardenRedemptions.id, redeemed.redemption.id))
    expect(row?.cancelledBy).toBe(await api.personId(VOLUNTEER))
  })
})
