import { beforeAll, describe, expect, it, vi } from 'vitest'
import { render, screen, waitFor } from '@testing-library/react'
import type { WorkshopDetail } from '@shared/piecework'
import { localParts, toEpochMinutes, todayInChina } from '@shared/time'
import GardenMonthPage from '@/packages/garden/month/index'
import GardenPointsPage from '@/packages/garden/points/index'
import CollectPage from '@/packages/piecework/collect/index'
import WorkersPage from '@/packages/piecework/workers/index'
import { rollCallLine } from '@/packages/land/ui'
import { gardenVillageId, overview, serveGarden, shiftAt, signedInAt, uuid, volunteerId } from './garden-fixtures'
import { me } from './fixtures'
import Taro from './taro-mock'

beforeAll(() => {
  Object.assign(Taro, { onNetworkStatusChange: vi.fn(), offNetworkStatusChange: vi.fn() })
})

// Two 杨秀云 of the courtyard and one 马淑兰; the members list tells the two apart by door and birth year.
const yangA = uuid(201)
const yangB = uuid(202)
const ma = uuid(203)
const members = {
  members: [
    { personId: yangA, name: '杨秀云', label: '杨秀云（1号楼2单元101，1948年生）', steward: false },
    { personId: yangB, name: '杨秀云', label: '杨秀云（3号楼1单元202，1975年生）', steward: false },
    { personId: ma, name: '马淑兰', label: '马淑兰（1号楼1单元301，1956年生）', steward: true },
  ],
}
const person = (n: number, personId: string, name: string) => ({ signupId: uuid(300 + n), personId, name, status: 'booked' as const, checkedInAt: null })

/** Minutes from now to noon today in the garden's time, so the shift sits on the day the month view opens on. */
const toNoon = () => 12 * 60 - localParts(toEpochMinutes(new Date())).minuteOfDay

const texts = (testId: string) => screen.getAllByTestId(testId).map((el) => el.textContent ?? '')
const allDistinct = (labels: string[]) => expect(new Set(labels).size).toBe(labels.length)

describe('garden lists never show two people alike', () => {
  const month = () => ({
    month: todayInChina().slice(0, 7),
    shifts: [
      shiftAt(1, toNoon(), [person(1, yangA, '杨秀云'), person(2, ma, '马淑兰')], { capacity: 3 }),
      shiftAt(2, toNoon() + 90, [person(3, yangB, '杨秀云')]),
    ],
  })

  it('the month view names namesakes by door and birth year, everyone else by name', async () => {
    signedInAt({ villageId: gardenVillageId })
    serveGarden({
      '/api/garden/shifts/list': month,
      '/api/garden/overview': () => overview({ isSteward: true }),
      '/api/me': () => me,
      '/api/garden/members': () => members,
    })
    render(<GardenMonthPage />)
    await waitFor(() => expect(texts('garden-shift-person')).toContain('杨秀云（3号楼1单元202，1975年生）'))
    expect(texts('garden-shift-person')).toEqual(['杨秀云（1号楼2单元101，1948年生）', '马淑兰', '杨秀云（3号楼1单元202，1975年生）'])
  })

  it('without the members list, namesakes are still told apart', async () => {
    signedInAt({ villageId: gardenVillageId })
    serveGarden({ '/api/garden/shifts/list': month, '/api/garden/overview': () => overview(), '/api/me': () => me })
    render(<GardenMonthPage />)
    await screen.findAllByTestId('garden-shift-person')
    expect(texts('garden-shift-person')).toEqual(['杨秀云', '马淑兰', '杨秀云（同名第2）'])
  })

  it('the steward picks whom to correct from chips that read apart', async () => {
    signedInAt({ villageId: gardenVillageId })
    const row = (personId: string, name: string, points: number) => ({ personId, name, points, minutesServed: 60 })
    serveGarden({
      '/api/garden/points/summary': () => ({
        rule: { pointsPerHour: 10, unpopularPercent: 150 },
        me: { points: 0, minutesServed: 0, shiftsDone: 0 },
        entries: [],
        board: [row(yangA, '杨秀云', 30), row(yangB, '杨秀云', 20), row(volunteerId, '沙秀芳', 10)],
      }),
      '/api/garden/overview': () => overview({ isSteward: true }),
      '/api/garden/members': () => members,
    })
    render(<GardenPointsPage />)
    await waitFor(() => expect(texts('garden-points-who')).toContain('杨秀云（3号楼1单元202，1975年生）'))
    expect(texts('garden-points-who')).toEqual(['杨秀云（1号楼2单元101，1948年生）', '杨秀云（3号楼1单元202，1975年生）', '沙秀芳'])
  })
})

describe('workshop lists never show two households alike', () => {
  const workshopId = uuid(1)
  const worker = (n: number, name: string, label: string | undefined, villageName = '馆里村') => ({
    id: uuid(400 + n),
    householdId: uuid(500 + n),
    name,
    ...(label === undefined ? {} : { label }),
    villageName,
    fromOtherVillage: villageName !== '馆里村',
  })
  const detail = (workers: WorkshopDetail['workers']): WorkshopDetail => ({
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
    workers,
    orders: [],
    periods: [],
    neighbourVillages: [],
    uncoveredDays: [],
    material: [],
    openTickets: [],
  })

  it('the collect chips name namesake households by 组 and 户号, and a neighbour by village', async () => {
    signedInAt({ workshopId })
    const workers = [
      worker(1, '吴金宝', '一组1号 吴金宝户'),
      worker(2, '吴金宝', '三组4号 吴金宝户'),
      worker(3, '高秀兰', '二组2号 高秀兰户'),
      worker(4, '杨秀云', '一组1号 杨秀云户', '前杨村'),
    ]
    serveGarden({ '/api/piecework/workshops/detail': () => detail(workers) })
    render(<CollectPage />)
    await screen.findAllByTestId('household')
    expect(texts('household')).toEqual(['一组1号 吴金宝户', '三组4号 吴金宝户', '高秀兰', '杨秀云（前杨村）'])
  })

  it('the workers roster stays distinct even when the answer carries no labels', async () => {
    signedInAt({ workshopId })
    serveGarden({ '/api/piecework/workshops/detail': () => detail([worker(1, '吴金宝', undefined), worker(2, '吴金宝', undefined)]) })
    render(<WorkersPage />)
    await screen.findAllByTestId('worker')
    const lines = texts('worker')
    allDistinct(lines)
    expect(lines[1]).toContain('吴金宝（同名第2）')
  })
})

describe('the roll call reads each person as name, then place and age', () => {
  it('keeps what tells namesakes apart, with the age for the birth year', () => {
    const base = { name: '其其格', householdLabel: '一组3号 其其格户', age: 61 }
    expect(rollCallLine({ ...base, label: '其其格（一组3号，1965年生）' })).toEqual({ name: '其其格', detail: '一组3号，61岁' })
    expect(rollCallLine({ ...base, label: '其其格（一组3号，1965年生，同名第2）' })).toEqual({ name: '其其格', detail: '一组3号，61岁，同名第2' })
    expect(rollCallLine(base)).toEqual({ name: '其其格', detail: '一组3号 其其格户，61岁' })
  })
})
