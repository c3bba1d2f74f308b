import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { gardenPointsLedger, gardenRedemptions, gardenRewards } from '../../../db/schema'
import { createdResponse, redemptionResponse } from '../../../shared/garden'
import { errorCodeOf, setupApi } from '../../harness/api'
import { gardenSnapshot, OUTSIDER, STEWARD, VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const FIVE = [VOLUNTEER, VOLUNTEER_2, VOLUNTEER_3, '周桂英', '郭志强']

let n = 0
async function reward(points: number, stock: number) {
  n += 1
  const res = await api.call('POST', '/api/garden/rewards/create', {
    token: await api.tokenFor(STEWARD),
    body: { villageId, name: `测试奖品${n}`, points, stock },
  })
  expect(res.status).toBe(201)
  return createdResponse.parse(res.body).id
}
async function balance(name: string): Promise<number> {
  const rows = await api.db
    .select({ points: gardenPointsLedger.points })
    .from(gardenPointsLedger)
    .where(eq(gardenPointsLedger.personId, await api.personId(name)))
  return rows.reduce((s, r) => s + r.points, 0)
}
/** Tops a person up to exactly `target` points with a steward's adjustment (straight into the ledger). */
async function setBalance(name: string, target: number) {
  const delta = target - (await balance(name))
  if (delta !== 0)
    await api.db.insert(gardenPointsLedger).values({ villageId, personId: await api.personId(name), kind: 'adjustment', points: delta, reason: '测试调整' })
}
const redeem = async (name: string, rewardId: string) =>
  api.call('POST', '/api/garden/rewards/redeem', { token: await api.tokenFor(name), body: { villageId, rewardId } })
async function redemption(name: string, points = 10) {
  await setBalance(name, points)
  const res = await redeem(name, await reward(points, 3))
  expect(res.status).toBe(201)
  return redemptionResponse.parse(res.body).redemption.id
}

describe('积分超市 refusals: nothing changes', () => {
  it.each([
    [
      'too few points',
      async () => {
        await setBalance(VOLUNTEER, 49)
        return { path: '/api/garden/rewards/redeem', who: VOLUNTEER, body: { rewardId: await reward(50, 5) } }
      },
      409,
      'garden_points_insufficient',
    ],
    [
      'no points at all',
      async () => {
        await setBalance(VOLUNTEER, 0)
        return { path: '/api/garden/rewards/redeem', who: VOLUNTEER, body: { rewardId: await reward(1, 5) } }
      },
      409,
      'garden_points_insufficient',
    ],
    [
      'none left in stock',
      async () => {
        await setBalance(VOLUNTEER, 500)
        return { path: '/api/garden/rewards/redeem', who: VOLUNTEER, body: { rewardId: await reward(10, 0) } }
      },
      409,
      'garden_reward_out_of_stock',
    ],
    [
      'a reward that does not exist',
      async () => ({ path: '/api/garden/rewards/redeem', who: VOLUNTEER, body: { rewardId: '00000000-0000-4000-8000-000000000000' } }),
      404,
      'not_found',
    ],
    [
      'handing over a cancelled redemption',
      async () => {
        const id = await redemption(VOLUNTEER_2)
        await api.call('POST', '/api/garden/redemptions/cancel', {
          token: await api.tokenFor(VOLUNTEER_2),
          body: { villageId, redemptionId: id, reason: '不要了' },
        })
        return { path: '/api/garden/redemptions/hand-over', who: STEWARD, body: { redemptionId: id } }
      },
      409,
      'garden_redemption_cancelled',
    ],
    [
      'cancelling what was handed over',
      async () => {
        const id = await redemption(VOLUNTEER_2)
        await api.call('POST', '/api/garden/redemptions/hand-over', { token: await api.tokenFor(STEWARD), body: { villageId, redemptionId: id } })
        return { path: '/api/garden/redemptions/cancel', who: VOLUNTEER_2, body: { redemptionId: id, reason: '想退' } }
      },
      409,
      'garden_redemption_handed_over',
    ],
    [
      'cancelling someone else’s redemption',
      async () => ({ path: '/api/garden/redemptions/cancel', who: VOLUNTEER, body: { redemptionId: await redemption(VOLUNTEER_3), reason: '帮他取消' } }),
      403,
      'forbidden',
    ],
    [
      'cancelling without a reason',
      async () => ({ path: '/api/garden/redemptions/cancel', who: VOLUNTEER_3, body: { redemptionId: await redemption(VOLUNTEER_3), reason: ' ' } }),
      400,
      'validation_failed',
    ],
    [
      'a volunteer listing a reward',
      async () => ({ path: '/api/garden/rewards/create', who: VOLUNTEER, body: { name: '自己上架', points: 1, stock: 100 } }),
      403,
      'forbidden',
    ],
    [
      'a volunteer handing over',
      async () => ({ path: '/api/garden/redemptions/hand-over', who: VOLUNTEER, body: { redemptionId: await redemption(VOLUNTEER) } }),
      403,
      'forbidden',
    ],
    [
      'a volunteer handing over their own',
      async () => ({ path: '/api/garden/redemptions/hand-over', who: VOLUNTEER_2, body: { redemptionId: await redemption(VOLUNTEER_2) } }),
      403,
      'forbidden',
    ],
    [
      'a member of another village redeeming',
      async () => ({ path: '/api/garden/rewards/redeem', who: OUTSIDER, body: { rewardId: await reward(1, 5) } }),
      403,
      'not_member_of_village',
    ],
    [
      'a reward worth 0 points',
      async () => ({ path: '/api/garden/rewards/create', who: STEWARD, body: { name: '白送', points: 0, stock: 5 } }),
      400,
      'validation_failed',
    ],
    [
      'a negative stock',
      async () => ({ path: '/api/garden/rewards/create', who: STEWARD, body: { name: '负库存', points: 5, stock: -1 } }),
      400,
      'validation_failed',
    ],
    [
      'a reward name already listed',
      async () => ({ path: '/api/garden/rewards/create', who: STEWARD, body: { name: '肥皂', points: 5, stock: 5 } }),
      409,
      'garden_reward_exists',
    ],
  ] as const)('%s', async (_label, arrange, status, code) => {
    const { path, who, body } = await arrange()
    const before = await gardenSnapshot(api)
    const stocks = await api.db.select({ id: gardenRewards.id, stock: gardenRewards.stock }).from(gardenRewards)
    const statuses = await api.db.select({ id: gardenRedemptions.id, status: gardenRedemptions.status }).from(gardenRedemptions)
    const res = await api.call('POST', path, { token: await api.tokenFor(who), body: { villageId, ...body } })
    expect(res.status).toBe(status)
    expect(errorCodeOf(res)).toBe(code)
    expect(await gardenSnapshot(api)).toEqual(before)
    expect(await api.db.select({ id: gardenRewards.id, stock: gardenRewards.stock }).from(gardenRewards)).toEqual(stocks)
    expect(await api.db.select({ id: gardenRedemptions.id, status: gardenRedemptions.status }).from(gardenRedemptions)).toEqual(statuses)
  })
})

describe('积分超市 under concurrency and at the database', () => {
  it('five volunteers take the last one at once: exactly one gets it, stock 0, the ledger sums right', async () => {
    const rewardId = await reward(30, 1)
    for (const name of FIVE) await setBalance(name, 100)
    const results = await Promise.all(FIVE.map((name) => redeem(name, rewardId)))
    const won = results.filter((r) => r.status === 201)
    expect(won).toHaveLength(1)
    expect(results.filter((r) => r.status !== 201).map((r) => errorCodeOf(r))).toEqual([
      'garden_reward_out_of_stock',
      'garden_reward_out_of_stock',
      'garden_reward_out_of_stock',
      'garden_reward_out_of_stock',
    ])
    const [row] = await api.db.select().from(gardenRewards).where(eq(gardenRewards.id, rewardId))
    expect(row?.stock).toBe(0)
    const redemptions = await api.db.select().from(gardenRedemptions).where(eq(gardenRedemptions.rewardId, rewardId))
    expect(redemptions).toHaveLength(1)
    const balances = await Promise.all(FIVE.map(balance))
    // Sorted as a copy: sorted in place, indexOf(70) below always named the first volunteer, and
    // the test passed only when she happened to win the race.
    expect([...balances].sort((a, b) => a - b)).toEqual([70, 100, 100, 100, 100])
    const winner = FIVE[balances.indexOf(70)]
    expect(redemptions[0]?.personId).toBe(winner ? await api.personId(winner) : '')
  })

  it('one volunteer redeeming twice at once with points for one: one succeeds, the balance stays at zero or above', async () => {
    const rewardId = await reward(60, 5)
    await setBalance('何小燕', 100)
    const results = await Promise.all([redeem('何小燕', rewardId), redeem('何小燕', rewardId)])
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect(await balance('何小燕')).toBe(40)
  })

  it('the database keeps stock at zero or above and refuses a redemption entry that overdraws', async () => {
    const rewardId = await reward(10, 0)
    await expect(api.db.update(gardenRewards).set({ stock: -1 }).where(eq(gardenRewards.id, rewardId))).rejects.toThrow()
    // A redemption row written behind the handlers' back, then its payment straight into the ledger.
    const personId = await api.personId(VOLUNTEER_3)
    await setBalance(VOLUNTEER_3, 5)
    const [bare] = await api.db.insert(gardenRedemptions).values({ villageId, rewardId, personId, points: 6 }).returning()
    const pay = (points: number) =>
      api.db.insert(gardenPointsLedger).values({ villageId, personId, kind: 'redemption', redemptionId: bare?.id, points, reason: '绕过检查' })
    const refused: unknown = await pay(-6).then(
      () => null,
      (error: unknown) => error,
    )
    expect(String(refused instanceof Error ? (refused.cause ?? refused) : refused)).toMatch(/below zero/)
    expect(await balance(VOLUNTEER_3)).toBe(5)
    // The same entry within the balance goes in: it was the overdraft that was refused.
    await pay(-5)
    expect(await balance(VOLUNTEER_3)).toBe(0)
    const id = bare?.id
    // A redemption entry must be negative; a refund positive.
    await expect(
      api.db
        .insert(gardenPointsLedger)
        .values({ villageId, personId: await api.personId(VOLUNTEER_3), kind: 'refund', redemptionId: id, points: -5, reason: '负退款' }),
    ).rejects.toThrow()
  })
})
