import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Collection, CollectionPage, HouseholdSearchResult, Statement, WorkshopDetail } from '@shared/piecework'
import MyPieceworkPage from '@/packages/piecework/mine/index'
import { CollectionsList } from '@/packages/piecework/periods/index'
import WorkersPage from '@/packages/piecework/workers/index'
import { callsTo, serveGarden, signedInAt, uuid } from './garden-fixtures'
import type { RequestCall } from './fixtures'

const workshopId = uuid(1)
const workerId = uuid(6)
const operationId = uuid(5)

const closedPeriod = {
  id: uuid(20),
  name: '第1期',
  startsOn: '2026-11-02',
  endsOn: '2026-11-15',
  status: 'closed' as const,
  closedAt: '2026-11-17T02:00:00.000Z',
  totalFen: 2914,
}
const openPeriod = { id: uuid(21), name: '第2期', startsOn: '2026-11-16', endsOn: '2026-11-29', status: 'open' as const, closedAt: null, totalFen: 600 }

function statement(): Statement {
  return {
    worker: { id: workerId, householdId: uuid(8), name: '杨秀云', villageName: '前杨村', fromOtherVillage: true },
    workshopName: '馆里村手撒网工坊',
    todayFen: 0,
    periodFen: 600,
    yearFen: 3514,
    currentPeriod: openPeriod,
    material: [],
    days: [],
    adjustments: [],
    periods: [
      {
        period: openPeriod,
        paid: false,
        acceptedPieces: 30,
        rejectedPieces: 0,
        reworkPieces: 0,
        unratedPieces: 0,
        byRate: [{ operationId, operationName: '织网', productName: '手撒网', rateFen: 20, acceptedPieces: 30, amountFen: 600 }],
        adjustments: [],
        grossFen: 600,
        adjustmentsFen: 0,
        totalFen: 600,
      },
      {
        period: closedPeriod,
        paid: true,
        acceptedPieces: 140,
        rejectedPieces: 3,
        reworkPieces: 4,
        unratedPieces: 0,
        byRate: [
          { operationId, operationName: '织网', productName: '手撒网', rateFen: 20, acceptedPieces: 120, amountFen: 2400 },
          { operationId, operationName: '织网', productName: '手撒网', rateFen: 21, acceptedPieces: 20, amountFen: 420 },
        ],
        adjustments: [
          { amountFen: 500, reason: '全勤奖' },
          { amountFen: -406, reason: '扣回预支' },
        ],
        grossFen: 2820,
        adjustmentsFen: 94,
        totalFen: 2914,
      },
    ],
  }
}

describe('a worker’s periods', () => {
  it('lists every period, and tapping the closed one shows the arithmetic of what was paid', async () => {
    signedInAt({ workshopId })
    serveGarden({ '/api/piecework/statement': () => statement() })
    render(<MyPieceworkPage />)
    const periods = await screen.findAllByTestId('my-period')
    expect(periods.map((p) => p.textContent)).toEqual([expect.stringContaining('第2期'), expect.stringContaining('第1期')])
    expect(periods[1]?.textContent).toContain('已结账')
    expect(periods[1]?.textContent).toContain('实发 29.14 元')
    expect(screen.queryByTestId('pay-arithmetic')).toBeNull()

    const toggles = screen.getAllByTestId('my-period-toggle')
    fireEvent.click(toggles[1] as HTMLElement)
    const sum = within(screen.getByTestId('pay-arithmetic'))
    expect(sum.getAllByTestId('rate-line').map((l) => l.textContent)).toEqual([
      '织网：合格 120 件 × 0.20 元 = 24.00 元',
      '织网：合格 20 件 × 0.21 元 = 4.20 元',
    ])
    const text = screen.getByTestId('pay-arithmetic').textContent ?? ''
    expect(text).toContain('返工 4 件')
    expect(text).toContain('不合格 3 件')
    expect(text).toContain('调整：全勤奖 +5.00 元')
    expect(text).toContain('调整：扣回预支 -4.06 元')
    expect(sum.getByTestId('arithmetic-total').textContent).toBe('合计 29.14 元')
    // Tapping again folds it away; the toggle says it is expanded while open.
    expect(toggles[1]?.getAttribute('aria-expanded')).toBe('true')
    fireEvent.click(toggles[1] as HTMLElement)
    expect(screen.queryByTestId('pay-arithmetic')).toBeNull()
  })
})

describe('the collections list', () => {
  const row = (n: number): Collection => ({
    id: uuid(1000 + n),
    clientId: uuid(2000 + n),
    workerId,
    orderId: uuid(3),
    operationId,
    collectedOn: '2026-11-20',
    accepted: n,
    rejected: 0,
    rework: 0,
    rejectReason: null,
    reworkReturn: false,
    overOrderReason: null,
    correctsId: null,
    correctionReason: null,
    ticketCode: null,
  })
  it('loads more with the cursor until the end, each row once', async () => {
    signedInAt({ workshopId })
    const pages: Record<string, CollectionPage> = {
      first: { collections: [row(1), row(2)], nextCursor: 'c1' },
      c1: { collections: [row(3), row(4)], nextCursor: 'c2' },
      c2: { collections: [row(5)], nextCursor: null },
    }
    serveGarden({
      '/api/piecework/collections/list': (call: RequestCall) => pages[new URL(call.url, 'http://x').searchParams.get('cursor') ?? 'first'],
    })
    render(<CollectionsList workshopId={workshopId} period={openPeriod} workers={[statement().worker]} />)
    await waitFor(() => expect(screen.getAllByTestId('collection-row')).toHaveLength(2))
    expect(screen.getByTestId('collections-list').textContent).toContain('还有更多')
    fireEvent.click(screen.getByTestId('load-more'))
    await waitFor(() => expect(screen.getAllByTestId('collection-row')).toHaveLength(4))
    fireEvent.click(screen.getByTestId('load-more'))
    await waitFor(() => expect(screen.getAllByTestId('collection-row')).toHaveLength(5))
    expect(screen.queryByTestId('load-more')).toBeNull()
    expect(screen.getByText('已经是全部了')).toBeTruthy()
    expect(callsTo('/api/piecework/collections/list').map((c) => new URL(c.url, 'http://x').searchParams.get('cursor'))).toEqual([null, 'c1', 'c2'])
  })
})

describe('the head adds a worker', () => {
  const found: HouseholdSearchResult[] = [
    { householdId: uuid(40), label: '杨秀云户', headName: '杨秀云', villageId: uuid(41), villageName: '前杨村', fromOtherVillage: true, alreadyWorker: true },
    {
      householdId: uuid(42),
      label: '三组 杨秀云户',
      headName: '杨秀云',
      villageId: uuid(43),
      villageName: '后李村',
      fromOtherVillage: true,
      alreadyWorker: false,
    },
  ]
  const detail = (): WorkshopDetail => ({
    workshop: {
      id: workshopId,
      villageId: uuid(2),
      villageName: '馆里村',
      name: '馆里村手撒网工坊',
      toleranceBp: 500,
      orderToleranceBp: 500,
      isHead: true,
      myWorkerId: null,
    },
    products: [],
    workers: [],
    orders: [],
    periods: [],
    neighbourVillages: [
      { id: uuid(41), name: '前杨村' },
      { id: uuid(43), name: '后李村' },
    ],
    uncoveredDays: [],
    material: [],
    openTickets: [],
  })
  it('finds namesakes told apart by village and household, and adds the chosen one', async () => {
    signedInAt({ workshopId })
    serveGarden({
      '/api/piecework/workshops/detail': () => detail(),
      '/api/piecework/households/search': () => ({ households: found, more: false }),
      '/api/piecework/workers/add': () => ({ id: uuid(50) }),
    })
    render(<WorkersPage />)
    expect((await screen.findByText(/可以收馆里村、前杨村、后李村的农户/)).textContent).toBeTruthy()
    const input = screen.getByTestId('household-query')
    fireEvent.input(input.querySelector('input') ?? input, { target: { value: '杨秀云' } })
    fireEvent.click(screen.getByTestId('search-households'))
    const cards = await screen.findAllByTestId('found-household')
    expect(cards.map((c) => c.textContent)).toEqual([
      expect.stringMatching(/前杨村.*杨秀云户.*已是本工坊的加工户/),
      expect.stringMatching(/后李村.*三组 杨秀云户/),
    ])
    fireEvent.click(within(cards[1] as HTMLElement).getByTestId('add-worker'))
    await waitFor(() => expect(callsTo('/api/piecework/workers/add')).toHaveLength(1))
    expect(callsTo('/api/piecework/workers/add')[0]?.data).toEqual({ workshopId, householdId: uuid(42) })
    await waitFor(() => expect(screen.getAllByTestId('already-worker')).toHaveLength(2))
  })
})
