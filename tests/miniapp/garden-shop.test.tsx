import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Duty, Redemption, Reward } from '@shared/garden'
import GardenHomePage from '@/packages/garden/home/index'
import GardenShopPage from '@/packages/garden/shop/index'
import GardenStewardPage from '@/packages/garden/steward/index'
import { callsTo, gardenVillageId, inMinutes, overview, serveGarden, signedInAt, uuid, volunteerId } from './garden-fixtures'
import Taro from './taro-mock'

const LIST = '/api/garden/rewards/list'
const REDEEM = '/api/garden/rewards/redeem'
const rewards: Reward[] = [
  { id: uuid(1), name: '肥皂', points: 20, stock: 10, active: true },
  { id: uuid(2), name: '理发一次', points: 50, stock: 0, active: true },
  { id: uuid(3), name: '大米一袋', points: 100, stock: 3, active: true },
]
const redemption = (n: number, status: Redemption['status'], extra: Partial<Redemption> = {}): Redemption => ({
  id: uuid(100 + n),
  rewardId: uuid(1),
  rewardName: '肥皂',
  personId: volunteerId,
  name: '张海涛',
  points: 20,
  status,
  createdAt: inMinutes(-60),
  handedOverAt: status === 'handed_over' ? inMinutes(-30) : null,
  cancelledAt: null,
  cancelReason: null,
  ...extra,
})
const card = (name: string) => {
  const found = screen.getAllByTestId('garden-reward').find((el) => el.getAttribute('data-reward') === name)
  if (!found) throw new Error(`no reward ${name}`)
  return within(found)
}

describe('积分超市', () => {
  it('shows the balance, and 兑换 only where the points and the stock allow, with the shortfall said', async () => {
    signedInAt({ villageId: gardenVillageId })
    serveGarden({ [LIST]: () => ({ isSteward: false, balance: 60, rewards, redemptions: [] }) })
    render(<GardenShopPage />)
    expect((await screen.findByTestId('garden-shop-balance')).textContent).toContain('60分')
    expect(card('肥皂').getByText('20分 · 还有10件')).toBeTruthy()
    expect(card('肥皂').getByTestId('garden-redeem').className.includes('disabled')).toBe(false)
    expect(card('理发一次').getByText('这件奖品已经换完了，请等主理人补货')).toBeTruthy()
    expect(card('大米一袋').getByText('还差40分')).toBeTruthy()
    expect(card('大米一袋').getByTestId('garden-redeem').className.includes('disabled')).toBe(true)
  })

  it('兑换 asks once, with what is left, then redeems and shows the new balance', async () => {
    signedInAt({ villageId: gardenVillageId })
    let balance = 60
    serveGarden({
      [LIST]: () => ({ isSteward: false, balance, rewards, redemptions: balance === 60 ? [] : [redemption(1, 'requested')] }),
      [REDEEM]: () => {
        balance = 40
        return { redemption: redemption(1, 'requested'), balance: 40, stock: 9, already: false }
      },
    })
    render(<GardenShopPage />)
    await screen.findByTestId('garden-shop-balance')
    fireEvent.click(card('肥皂').getByTestId('garden-redeem'))
    await waitFor(() =>
      expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '兑换肥皂？', content: expect.stringContaining('还剩40分') })),
    )
    await waitFor(() => expect(callsTo(REDEEM)).toHaveLength(1))
    expect(callsTo(REDEEM)[0]?.data).toMatchObject({ villageId: gardenVillageId, rewardId: uuid(1) })
    await waitFor(() => expect(screen.getByTestId('garden-shop-balance').textContent).toContain('40分'))
    expect(screen.getByTestId('garden-redemption').textContent).toContain('待领取')
  })

  it('再想想 sends nothing', async () => {
    signedInAt({ villageId: gardenVillageId })
    Taro.showModal.mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true }))
    serveGarden({ [LIST]: () => ({ isSteward: false, balance: 60, rewards, redemptions: [] }) })
    render(<GardenShopPage />)
    await screen.findByTestId('garden-shop-balance')
    fireEvent.click(card('肥皂').getByTestId('garden-redeem'))
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
    expect(callsTo(REDEEM)).toHaveLength(0)
  })

  it('the steward sees what waits to be handed over and marks it given', async () => {
    signedInAt({ villageId: gardenVillageId })
    serveGarden({
      [LIST]: () => ({ isSteward: true, balance: 0, rewards, redemptions: [redemption(1, 'requested'), redemption(2, 'handed_over')] }),
      '/api/garden/redemptions/hand-over': () => ({ redemption: redemption(1, 'handed_over'), balance: 40, stock: 9, already: false }),
    })
    render(<GardenShopPage />)
    const waiting = within(await screen.findByTestId('garden-hand-over-list'))
    expect(waiting.getAllByTestId('garden-redemption')).toHaveLength(1)
    fireEvent.click(waiting.getByTestId('garden-hand-over'))
    await waitFor(() => expect(callsTo('/api/garden/redemptions/hand-over')).toHaveLength(1))
    expect(callsTo('/api/garden/redemptions/hand-over')[0]?.data).toMatchObject({ redemptionId: uuid(101) })
  })
})

describe('the steward’s duties follow the seasons', () => {
  const duty = (extra: Partial<Duty>): Duty => ({
    id: uuid(50),
    title: '早上浇水',
    kind: 'watering',
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startMinute: 420,
    durationMinutes: 60,
    capacity: 2,
    unpopular: false,
    paused: false,
    seasons: [],
    activeFrom: null,
    activeUntil: null,
    ...extra,
  })
  it('pauses, and lights a season to keep the duty to it', async () => {
    signedInAt({ villageId: gardenVillageId })
    const updates: unknown[] = []
    serveGarden({
      '/api/garden/beds/list': () => ({ beds: [] }),
      '/api/garden/duties/list': () => ({ duties: [duty({ seasons: ['spring', 'summer'] })] }),
      '/api/garden/shifts/list': () => ({ month: '2026-12', shifts: [] }),
      '/api/garden/duties/update': (call) => {
        updates.push(call.data)
        return { duty: duty({}) }
      },
    })
    render(<GardenStewardPage />)
    const row = within(await screen.findByTestId('garden-duty'))
    expect(row.getByTestId('garden-duty-schedule').textContent).toBe('排班：春播、夏长')
    fireEvent.click(row.getByTestId('garden-duty-pause'))
    await waitFor(() => expect(updates).toHaveLength(1))
    fireEvent.click(row.getByText('秋收'))
    await waitFor(() => expect(updates).toHaveLength(2))
    expect(updates).toEqual([
      { villageId: gardenVillageId, dutyId: uuid(50), paused: true },
      { villageId: gardenVillageId, dutyId: uuid(50), seasons: ['spring', 'summer', 'autumn'] },
    ])
  })
})

describe('the garden home says when a steward gave my place to someone else', () => {
  it('with the reason', async () => {
    signedInAt({ villageId: gardenVillageId })
    serveGarden({
      '/api/garden/overview': () =>
        overview({
          released: [
            { signupId: uuid(7), shiftId: uuid(8), title: '周六除草', startsAt: inMinutes(2 * 24 * 60), via: 'reassigned', reason: '您说这周去女儿家' },
          ],
        }),
      '/api/garden/swaps/list': () => ({ swaps: [] }),
    })
    render(<GardenHomePage />)
    const notice = await screen.findByTestId('garden-released')
    expect(notice.getAttribute('data-via')).toBe('reassigned')
    expect(notice.textContent).toContain('主理人把这个班改派给了别人')
    expect(notice.textContent).toContain('原因：您说这周去女儿家')
  })
})
