import { describe, expect, it } from 'vitest'
import { routes } from '../../../functions/routes'
import { errorCodeOf, setupApi } from '../../harness/api'
import { bookDirect, makeShift, nextMonthKey, OUTSIDER, STEWARD, VOLUNTEER, VOLUNTEER_2 } from './fixture'

const api = await setupApi()
const villageId = api.demo.caibei
const anyId = '00000000-0000-4000-8000-000000000000'

// A well-formed request for every garden route, so access is what decides the answer.
const samples: Record<string, { query?: Record<string, string>; body?: Record<string, unknown>; steward: boolean }> = {
  '/api/garden/overview': { query: { villageId }, steward: false },
  '/api/garden/members': { query: { villageId }, steward: false },
  '/api/garden/calendar': { query: { villageId }, steward: false },
  '/api/garden/beds/list': { query: { villageId }, steward: false },
  '/api/garden/beds/create': { body: { villageId, name: '新菜畦', areaDm2: 400, positionLabel: '东墙' }, steward: true },
  '/api/garden/plantings/create': { body: { villageId, bedId: anyId, crop: '菠菜', sownOn: '2026-03-30' }, steward: true },
  '/api/garden/beds/correct': { body: { villageId, bedId: anyId, areaDm2: 500, reason: '量错了' }, steward: true },
  '/api/garden/plantings/correct': { body: { villageId, plantingId: anyId, crop: '油菜', reason: '记错了' }, steward: true },
  '/api/garden/harvests/correct': { body: { villageId, harvestId: anyId, grams: 1200, reason: '称错了' }, steward: true },
  '/api/garden/place': { query: { villageId }, steward: false },
  '/api/garden/task-templates/create': { body: { villageId, season: 'spring', kind: 'sowing', title: '播种' }, steward: true },
  '/api/garden/duties/list': { query: { villageId }, steward: false },
  '/api/garden/duties/create': {
    body: { villageId, title: '浇水', kind: 'watering', weekdays: [1], startMinute: 420, durationMinutes: 60, capacity: 2 },
    steward: true,
  },
  '/api/garden/shifts/list': { query: { villageId, month: '2026-04' }, steward: false },
  '/api/garden/shifts/create': {
    body: { villageId, title: '临时采收', kind: 'harvesting', startsAt: '2030-05-01T08:00:00+08:00', durationMinutes: 60, capacity: 3 },
    steward: true,
  },
  '/api/garden/shifts/sign-up': { body: { villageId, shiftId: anyId }, steward: false },
  '/api/garden/shifts/withdraw': { body: { villageId, signupId: anyId }, steward: false },
  '/api/garden/shifts/cancel': { body: { villageId, shiftId: anyId, reason: '下大雨' }, steward: true },
  '/api/garden/availability/mine': { query: { villageId }, steward: false },
  '/api/garden/availability/set': { body: { villageId, windows: [] }, steward: false },
  '/api/garden/roster/generate': { body: { villageId, month: nextMonthKey() }, steward: true },
  '/api/garden/roster/assign': { body: { villageId, shiftId: anyId, personId: anyId }, steward: true },
  '/api/garden/roster/remove': { body: { villageId, signupId: anyId, reason: '生病了' }, steward: true },
  '/api/garden/swaps/list': { query: { villageId }, steward: false },
  '/api/garden/swaps/request': { body: { villageId, signupId: anyId, toPersonId: anyId }, steward: false },
  '/api/garden/swaps/respond': { body: { villageId, swapId: anyId, accept: true }, steward: false },
  '/api/garden/swaps/reassign': { body: { villageId, signupId: anyId, toPersonId: anyId, reason: '本人生病了' }, steward: true },
  '/api/garden/check-in': { body: { villageId, signupId: anyId }, steward: false },
  '/api/garden/done': { body: { villageId, signupId: anyId }, steward: false },
  '/api/garden/attendance/mark': { body: { villageId, signupId: anyId, outcome: 'done' }, steward: true },
  '/api/garden/points/summary': { query: { villageId }, steward: false },
  '/api/garden/points/rule': { body: { villageId, pointsPerHour: 12, unpopularPercent: 150 }, steward: true },
  '/api/garden/points/adjust': { body: { villageId, personId: anyId, delta: 5, reason: '补记' }, steward: true },
  '/api/garden/harvests/list': { query: { villageId }, steward: false },
  '/api/garden/harvests/log': { body: { villageId, crop: '小白菜', grams: 1500, harvestedOn: '2026-05-01' }, steward: true },
  '/api/garden/harvests/proposal': { query: { villageId, harvestId: anyId }, steward: true },
  '/api/garden/harvests/distribute': { body: { villageId, harvestId: anyId, allocations: [{ householdId: anyId, grams: 100 }] }, steward: true },
  '/api/garden/reminders/mine': { query: { villageId }, steward: false },
  '/api/garden/reminders/run': { body: { villageId }, steward: true },
  '/api/garden/reminders/subscription': { query: { villageId }, steward: false },
  '/api/garden/reminders/consent': { body: { villageId, templateId: 'tmpl', answer: 'accept' }, steward: false },
  '/api/garden/reminders/reach': { query: { villageId }, steward: true },
  '/api/garden/duties/update': { body: { villageId, dutyId: anyId, paused: true }, steward: true },
  '/api/garden/rewards/create': { body: { villageId, name: '香皂', points: 20, stock: 5 }, steward: true },
  '/api/garden/rewards/list': { query: { villageId }, steward: false },
  '/api/garden/rewards/redeem': { body: { villageId, rewardId: anyId }, steward: false },
  '/api/garden/redemptions/hand-over': { body: { villageId, redemptionId: anyId }, steward: true },
  '/api/garden/redemptions/cancel': { body: { villageId, redemptionId: anyId, reason: '不需要了' }, steward: false },
  // 居民议事: stewards (and the committee) put, count and publish; every resident reads and votes.
  '/api/garden/matters/create': {
    body: {
      villageId,
      title: '测试',
      body: '内容',
      kind: 'yes_no',
      options: [],
      electorate: 'residents',
      threshold: 'voting',
      opensAt: '2030-05-01T08:00:00+08:00',
      closesAt: '2030-05-03T20:00:00+08:00',
    },
    steward: true,
  },
  '/api/garden/matters/list': { query: { villageId }, steward: false },
  '/api/garden/matters/detail': { query: { villageId, matterId: anyId }, steward: false },
  '/api/garden/matters/vote': { body: { villageId, matterId: anyId, choice: 'for' }, steward: false },
  '/api/garden/matters/hands': { body: { villageId, matterId: anyId, presentKeys: [], hands: { for: 0, against: 0, abstain: 0 } }, steward: true },
  '/api/garden/matters/roll': { query: { villageId, matterId: anyId }, steward: true },
  '/api/garden/matters/close': { body: { villageId, matterId: anyId }, steward: true },
  '/api/garden/matters/links': { query: { villageId, subjectId: anyId }, steward: false },
}
const gardenRoutes = routes.filter((r) => r.path.startsWith('/api/garden/'))
const cases = gardenRoutes.map((r) => [r.path, r.method, samples[r.path]] as const)

describe('every garden route has a security sample', () => {
  it('covers the registry', () => {
    expect(gardenRoutes.map((r) => r.path).sort()).toEqual(Object.keys(samples).sort())
  })
})

describe.each(cases)('%s', (path, method, sample) => {
  const request = { query: sample?.query, body: method === 'POST' ? sample?.body : undefined }
  it('refuses without a login', async () => {
    const res = await api.call(method, path, request)
    expect(res.status).toBe(401)
    expect(errorCodeOf(res)).toBe('unauthenticated')
  })
  it('refuses a member of another village', async () => {
    const res = await api.call(method, path, { ...request, token: await api.tokenFor(OUTSIDER) })
    expect(res.status).toBe(403)
    expect(errorCodeOf(res)).toBe('not_member_of_village')
  })
  if (sample?.steward) {
    it('refuses a volunteer who is not a steward', async () => {
      const res = await api.call(method, path, { ...request, token: await api.tokenFor(VOLUNTEER) })
      expect(res.status).toBe(403)
      expect(errorCodeOf(res)).toBe('forbidden')
    })
  }
})

describe('ownership', () => {
  it('cannot check in to, finish or swap away someone else’s shift', async () => {
    const shift = await makeShift(api, { startInMin: 5 })
    const signup = await bookDirect(api, shift.id, VOLUNTEER_2)
    const token = await api.tokenFor(VOLUNTEER)
    for (const path of ['/api/garden/check-in', '/api/garden/done']) {
      const res = await api.call('POST', path, { token, body: { villageId, signupId: signup.id } })
      expect(res.status).toBe(403)
      expect(errorCodeOf(res)).toBe('garden_not_your_shift')
    }
    const swap = await api.call('POST', '/api/garden/swaps/request', {
      token,
      body: { villageId, signupId: signup.id, toPersonId: await api.personId(VOLUNTEER) },
    })
    expect(errorCodeOf(swap)).toBe('garden_not_your_shift')
  })

  it('a shift of another village cannot be reached through this village', async () => {
    const foreign = await makeShift(api, { startInMin: 600, villageId: api.demo.gaojing })
    const res = await api.call('POST', '/api/garden/shifts/sign-up', { token: await api.tokenFor(VOLUNTEER), body: { villageId, shiftId: foreign.id } })
    expect(res.status).toBe(404)
    const asSteward = await api.call('POST', '/api/garden/roster/assign', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, shiftId: foreign.id, personId: await api.personId(VOLUNTEER) },
    })
    expect(asSteward.status).toBe(404)
  })

  it('a steward cannot assign someone from another village', async () => {
    const shift = await makeShift(api, { startInMin: 800 })
    const res = await api.call('POST', '/api/garden/roster/assign', {
      token: await api.tokenFor(STEWARD),
      body: { villageId, shiftId: shift.id, personId: await api.personId(OUTSIDER) },
    })
    expect(errorCodeOf(res)).toBe('garden_swap_target_invalid')
  })
})
