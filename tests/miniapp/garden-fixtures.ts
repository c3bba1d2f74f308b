import type { GardenOverview, Shift } from '@shared/garden'
import { ok, type RequestCall } from './fixtures'
import Taro from './taro-mock'

export const gardenVillageId = '3c9d2e1f-0a4b-4c5d-9e6f-7a8b9c0d1e2f'
export const volunteerId = '4d0e3f2a-1b5c-4d6e-8f7a-8b9c0d1e2f3a'
export const otherId = '5e1f4a3b-2c6d-4e7f-9a8b-9c0d1e2f3a4b'

/** Distinct, valid v4-shaped ids: a fixed prefix and a counter in the last group. */
export const uuid = (n: number) => `7f2a5b4c-3d7e-4f8a-9b9c-${String(n).padStart(12, '0')}`

const MINUTE = 60_000
/** An instant `minutes` from now, as the API writes it. */
export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString()

export function shiftAt(n: number, startInMin: number, people: Shift['people'] = [], extra: Partial<Shift> = {}): Shift {
  return {
    id: uuid(n),
    dutyId: null,
    title: `早上浇水${n}`,
    kind: 'watering',
    startsAt: inMinutes(startInMin),
    endsAt: inMinutes(startInMin + 60),
    // The local date the steward page groups by, in the garden's time (UTC+8).
    date: new Date(Date.now() + (startInMin + 8 * 60) * MINUTE).toISOString().slice(0, 10),
    capacity: 2,
    unpopular: false,
    cancelledAt: null,
    cancelReason: null,
    people,
    ...extra,
  }
}

export function upcoming(n: number, startInMin: number, myStatus: GardenOverview['upcoming'][number]['myStatus']): GardenOverview['upcoming'][number] {
  const mySignupId = uuid(100 + n)
  return {
    ...shiftAt(n, startInMin, [{ signupId: mySignupId, personId: volunteerId, name: '沙秀芳', status: myStatus, checkedInAt: null }]),
    mySignupId,
    myStatus,
  }
}

export function overview(parts: Partial<GardenOverview> = {}): GardenOverview {
  return {
    season: { key: '2026-autumn', label: '2026年秋收', season: 'autumn' },
    isSteward: false,
    upcoming: [],
    minutesServed: 120,
    points: 20,
    pendingSwapsForMe: 0,
    reminders: [],
    released: [],
    ...parts,
  }
}

export const pathOf = (call: RequestCall) => call.url.split('?')[0] ?? ''

/** Taro.request answering by path; every call is kept for assertions. */
export function serveGarden(routes: Record<string, (call: RequestCall) => unknown>): void {
  // Every garden page asks first whether the village has a garden; the courtyard of these tests does.
  const withPlace: Record<string, (call: RequestCall) => unknown> = {
    '/api/garden/place': () => ({ villageName: '菜北社区41号院', hasGarden: true, isSteward: false, stewards: ['马淑兰'], leaders: [] }),
    ...routes,
  }
  Taro.request.mockImplementation((call: RequestCall) => {
    const answer = withPlace[pathOf(call)]
    if (!answer) return Promise.resolve({ statusCode: 404, data: { error: { code: 'not_found', message: '找不到' } }, header: {}, errMsg: 'request:ok' })
    const result = answer(call)
    return Promise.resolve(result && typeof result === 'object' && 'statusCode' in result ? result : ok(result))
  })
}

export const callsTo = (path: string): RequestCall[] => Taro.request.mock.calls.map((args) => args[0] as RequestCall).filter((call) => pathOf(call) === path)

export function signedInAt(page: Record<string, string>): void {
  Taro.setStorageSync('xy.session.token', 'tok-garden')
  Taro.useRouter.mockImplementation(() => ({ params: page }))
}
