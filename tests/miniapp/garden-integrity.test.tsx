import { describe, expect, it } from 'vitest'
import { render, screen, within } from '@testing-library/react'
import type { DistributionProposal } from '@shared/garden'
import GardenHarvestsPage from '@/packages/garden/harvests/index'
import GardenHomePage from '@/packages/garden/home/index'
import GardenPointsPage from '@/packages/garden/points/index'
import { gardenVillageId, inMinutes, overview, serveGarden, signedInAt, upcoming, uuid, volunteerId } from './garden-fixtures'

const HOME = '/api/garden/overview'
const SWAPS = '/api/garden/swaps/list'

describe('garden home: 活干完了 only once the shift has started', () => {
  it('checked in early: a hint instead of the button; once started: the button', async () => {
    signedInAt({ villageId: gardenVillageId })
    const early = upcoming(1, 10, 'checked_in')
    const started = upcoming(2, -20, 'checked_in')
    serveGarden({ [HOME]: () => overview({ upcoming: [started, early] }), [SWAPS]: () => ({ swaps: [] }) })
    render(<GardenHomePage />)
    await screen.findAllByTestId('garden-my-shift')
    const card = (id: string) => {
      const found = screen.getAllByTestId('garden-my-shift').find((el) => el.getAttribute('data-shift-id') === id)
      if (!found) throw new Error(`no card for ${id}`)
      return within(found)
    }
    expect(card(early.id).queryByTestId('garden-done')).toBeNull()
    expect(card(early.id).getByTestId('garden-done-wait').textContent).toContain('开始以后')
    expect(card(started.id).getByTestId('garden-done').textContent).toContain('活干完了')
    expect(card(started.id).queryByTestId('garden-done-wait')).toBeNull()
  })
})

describe('the harvest board shows why a first harvest went past the elderly', () => {
  it('names the households and the steward’s reason, and how many elderly households are still waiting', async () => {
    signedInAt({ villageId: gardenVillageId })
    const reason = '老人家们说牙口不好，这批给刚生了孩子的王家'
    serveGarden({
      '/api/garden/harvests/list': () => ({
        season: '2026年秋收',
        harvests: [
          {
            id: uuid(1),
            crop: '樱桃萝卜',
            bedName: null,
            grams: null,
            count: 30,
            harvestedOn: '2026-09-20',
            firstOfCrop: true,
            bedId: null,
            given: 0,
            corrections: [],
            unit: 'count',
            elderlyWaiting: 4,
            recipients: [
              { householdId: uuid(2), label: '41号院 沙秀芳家', elderly: true, grams: null, count: 10, beyondElderlyReason: null },
              { householdId: uuid(3), label: '41号院 王丽娟家', elderly: false, grams: null, count: 20, beyondElderlyReason: reason },
            ],
          },
        ],
      }),
      [HOME]: () => overview(),
    })
    render(<GardenHarvestsPage />)
    const note = await screen.findByTestId('garden-beyond-elderly')
    expect(note.textContent).toContain('王丽娟家')
    expect(note.textContent).toContain(`主理人说明：${reason}`)
    expect(note.textContent).not.toContain('沙秀芳家')
    expect(screen.getByText('还有4户老人家没分到这批头茬。')).toBeTruthy()
    expect(screen.getByTestId('garden-harvest').textContent).toContain('王丽娟家20个')
  })

  it('the steward’s sheet asks for a reason only when a first harvest would pass elderly households still waiting', async () => {
    signedInAt({ villageId: gardenVillageId })
    const proposal: DistributionProposal = {
      harvestId: uuid(1),
      crop: '樱桃萝卜',
      firstOfCrop: true,
      unit: 'count',
      total: 30,
      remaining: 30,
      recipients: [
        {
          householdId: uuid(2),
          label: '沙秀芳家',
          elderly: true,
          receivedThisSeason: 0,
          priority: 'elderly_first_harvest',
          priorityLabel: '头茬先给老人',
          alreadyGotThis: false,
        },
        {
          householdId: uuid(3),
          label: '王丽娟家',
          elderly: false,
          receivedThisSeason: 0,
          priority: 'nothing_yet',
          priorityLabel: '本季还没领过',
          alreadyGotThis: false,
        },
      ],
    }
    const harvest = {
      id: uuid(1),
      crop: '樱桃萝卜',
      bedName: null,
      grams: null,
      count: 30,
      harvestedOn: '2026-09-20',
      firstOfCrop: true,
      unit: 'count',
      elderlyWaiting: 1,
      bedId: null,
      given: 0,
      corrections: [],
      recipients: [],
    }
    serveGarden({
      '/api/garden/harvests/list': () => ({ season: '2026年秋收', harvests: [harvest] }),
      '/api/garden/harvests/proposal': () => proposal,
      [HOME]: () => overview({ isSteward: true }),
    })
    render(<GardenHarvestsPage />)
    ;(await screen.findByText('分菜')).click()
    // Both households are ticked at first: the elderly one is among them, so no reason is asked.
    expect((await screen.findByTestId('garden-share-remaining')).textContent).toContain('还剩30个')
    expect(screen.queryByTestId('garden-first-harvest-reason')).toBeNull()
    // Untick the elderly household: the first harvest would go past it.
    screen.getByText(/沙秀芳家/).click()
    expect((await screen.findByTestId('garden-first-harvest-reason')).textContent).toContain('还有1户老人家没分到')
  })
})

describe('the volunteer reads why a steward confirmed a shift they never checked in to', () => {
  it('on the points list, with the hours credited', async () => {
    signedInAt({ villageId: gardenVillageId })
    serveGarden({
      '/api/garden/points/summary': () => ({
        rule: { pointsPerHour: 10, unpopularPercent: 150 },
        me: { points: 10, minutesServed: 60, shiftsDone: 1 },
        entries: [
          {
            id: uuid(5),
            personId: volunteerId,
            name: '沙秀芳',
            kind: 'shift',
            points: 10,
            reason: '周末卫生大扫除 2026-09-20',
            minutes: 60,
            stewardReason: '手机没电了，我亲眼看见她扫完了院子',
            createdAt: inMinutes(-30),
          },
        ],
        board: [{ personId: volunteerId, name: '沙秀芳', points: 10, minutesServed: 60 }],
      }),
      [HOME]: () => overview(),
    })
    render(<GardenPointsPage />)
    expect((await screen.findByTestId('garden-points-steward-reason')).textContent).toBe('没有签到，主理人确认完成。原因：手机没电了，我亲眼看见她扫完了院子')
    expect(screen.getByTestId('garden-points-entry').textContent).toContain('记1小时')
  })
})
