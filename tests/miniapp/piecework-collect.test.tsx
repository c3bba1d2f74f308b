import { beforeAll, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { WorkshopDetail } from '@shared/piecework'
import CollectPage from '@/packages/piecework/collect/index'
import { loadQueue } from '@/packages/piecework/offline-queue'
import { todayInChina } from '@shared/time'
import { serveGarden, signedInAt, uuid } from './garden-fixtures'
import Taro from './taro-mock'

// The collect screen listens for the network coming back; the shared mock has no such listener.
beforeAll(() => {
  Object.assign(Taro, { onNetworkStatusChange: vi.fn(), offNetworkStatusChange: vi.fn() })
})

const workshopId = uuid(1)
const villageId = uuid(2)
const orderId = uuid(3)
const productId = uuid(4)
const operationId = uuid(5)
const workerId = uuid(6)
const DETAIL = '/api/piecework/workshops/detail'
const SYNC = '/api/piecework/collections/sync'

function detail(countedSoFar: number): WorkshopDetail {
  const today = todayInChina()
  return {
    workshop: {
      id: workshopId,
      villageId,
      villageName: '馆里村',
      name: '馆里村手撒网工坊',
      toleranceBp: 500,
      orderToleranceBp: 500,
      isHead: true,
      myWorkerId: null,
    },
    products: [
      {
        id: productId,
        name: '手撒网',
        materialName: '尼龙网线',
        operations: [
          {
            id: operationId,
            productId,
            name: '织网',
            gramsPerPiece: 0,
            countPerPiece: 0,
            countUnit: null,
            countMaterialName: null,
            currentRateFen: 2000,
            rates: [{ id: uuid(7), rateFen: 2000, effectiveFrom: today }],
          },
        ],
      },
    ],
    workers: [{ id: workerId, householdId: uuid(8), name: '高秀兰', villageName: '馆里村', fromOtherVillage: false }],
    orders: [
      {
        id: orderId,
        customer: '滨州渔具',
        productId,
        productName: '手撒网',
        quantity: 10,
        dueOn: today,
        unitPriceFen: 3500,
        acceptedPieces: countedSoFar,
        issuedGrams: 0,
        countedByOperation: [{ operationId, counted: countedSoFar }],
      },
    ],
    periods: [{ id: uuid(9), name: '第2期', startsOn: today, endsOn: today, status: 'open', closedAt: null, totalFen: 0 }],
    neighbourVillages: [],
    uncoveredDays: [],
    material: [],
    openTickets: [],
  }
}

describe('collect screen: the order’s arithmetic by the shared rule', () => {
  it('shows "订单10件，已交13件，超出3件", holds the entry back, and queues it only as 超出订单 with a reason', async () => {
    signedInAt({ workshopId })
    // The server is out of reach: the entry must wait in the queue, not be sent.
    serveGarden({
      [DETAIL]: () => detail(8),
      [SYNC]: () => ({ statusCode: 503, data: { error: { code: 'database_unavailable', message: '系统繁忙' } }, header: {}, errMsg: 'request:ok' }),
    })
    render(<CollectPage />)
    fireEvent.click(await screen.findByTestId('household'))
    fireEvent.click(screen.getByTestId('key-5'))
    expect(screen.getByTestId('order-arithmetic').textContent).toBe('订单10件，已交13件，超出3件')
    expect(screen.getByTestId('over-order').textContent).toContain('确实要多收，请选「超出订单」并写明原因')

    fireEvent.click(screen.getByTestId('collect-done'))
    expect(loadQueue(workshopId)).toHaveLength(0)

    fireEvent.click(screen.getByTestId('over-order-toggle'))
    fireEvent.click(screen.getByTestId('collect-done'))
    expect(await screen.findByText('选了「超出订单」，请选为什么多收')).toBeTruthy()
    expect(loadQueue(workshopId)).toHaveLength(0)

    fireEvent.click(screen.getByText('客户追加了数量'))
    fireEvent.click(screen.getByTestId('collect-done'))
    await waitFor(() => expect(loadQueue(workshopId)).toHaveLength(1))
    expect(loadQueue(workshopId)[0]?.entry).toMatchObject({ workerId, accepted: 5, overOrder: true, overOrderReason: '客户追加了数量' })
  })

  it('within the order it shows what is still to come and needs nothing more', async () => {
    signedInAt({ workshopId })
    serveGarden({ [DETAIL]: () => detail(2), [SYNC]: () => ({ results: [] }) })
    render(<CollectPage />)
    fireEvent.click(await screen.findByTestId('household'))
    fireEvent.click(screen.getByTestId('key-7'))
    expect(screen.getByTestId('order-arithmetic').textContent).toBe('订单10件，已交9件，还差1件')
    expect(screen.queryByTestId('over-order')).toBeNull()
    fireEvent.click(screen.getByTestId('collect-done'))
    await waitFor(() => expect(loadQueue(workshopId)).toHaveLength(1))
    expect(loadQueue(workshopId)[0]?.entry).toMatchObject({ accepted: 7, overOrder: false })
  })
})

describe('collect screen: material and refused entries', () => {
  const weighed = (): WorkshopDetail => {
    const d = detail(0)
    const [product] = d.products
    const [operation] = product?.operations ?? []
    if (!product || !operation) throw new Error('fixture')
    return {
      ...d,
      orders: d.orders.map((o) => ({ ...o, quantity: 100 })),
      products: [{ ...product, operations: [{ ...operation, gramsPerPiece: 400 }] }],
      material: [],
    }
  }

  it('warns as soon as a household without material is chosen, before any count, and holds the entry back', async () => {
    signedInAt({ workshopId })
    serveGarden({ [DETAIL]: () => weighed(), [SYNC]: () => ({ results: [] }) })
    render(<CollectPage />)
    fireEvent.click(await screen.findByTestId('household'))
    expect(screen.getByTestId('no-material').textContent).toBe('高秀兰还没有领「尼龙网线」，「织网」的交货会被退回。请先发料，或换一户、换一道工序。')
    fireEvent.click(screen.getByTestId('key-3'))
    fireEvent.click(screen.getByTestId('collect-done'))
    expect(await screen.findByText('所领材料最多还能做 0 件，交货数量超出了')).toBeTruthy()
    expect(loadQueue(workshopId)).toHaveLength(0)
  })

  it('an entry the server refuses is 需要处理 with its reason, never 待同步, and can be fixed or discarded', { timeout: 30_000 }, async () => {
    signedInAt({ workshopId })
    const refusal = '所领材料最多还能做 0 件，交货数量超出了'
    let sent: { clientId: string }[] = []
    serveGarden({
      [DETAIL]: () => detail(0),
      [SYNC]: (request) => {
        sent = (request.data as { entries?: { clientId: string }[] } | undefined)?.entries ?? []
        return { results: sent.map((e) => ({ clientId: e.clientId, outcome: 'error', code: 'piecework_over_collection', message: refusal })) }
      },
    })
    render(<CollectPage />)
    fireEvent.click(await screen.findByTestId('household'))
    fireEvent.click(screen.getByTestId('key-4'))
    fireEvent.click(screen.getByTestId('collect-done'))
    // The first sync may wait for another still in flight (one at a time), then the retry tick.
    await waitFor(() => expect(screen.getByTestId('queue-count').textContent).toBe('需要处理 1 条'), { timeout: 20_000 })
    expect(screen.getByTestId('queue-item').textContent).toContain('需要处理')
    expect(screen.getByTestId('queue-error').textContent).toBe(`没有登记上：${refusal}`)
    expect(screen.queryByTestId('sync-now')).toBeNull()

    // 修改后重记: back in the form with its household and counts, out of the queue.
    fireEvent.click(screen.getByTestId('queue-fix'))
    await waitFor(() => expect(screen.getByTestId('queue-count').textContent).toBe('全部已同步'))
    expect(screen.getByTestId('field-accepted').textContent).toContain('4')
    expect(screen.getByTestId('collect-form').textContent).toContain('高秀兰')
  })
})
