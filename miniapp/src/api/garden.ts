import {
  availabilityResponse,
  bedsResponse,
  calendarResponse,
  cancelShiftResponse,
  correctionResponse,
  gardenPlaceResponse,
  type GardenPlace,
  type TaskKind,
  createdResponse,
  distributeResponse,
  doneResponse,
  dutiesResponse,
  dutyResponse,
  redemptionResponse,
  rewardsResponse,
  harvestsResponse,
  membersResponse,
  overviewResponse,
  pointsResponse,
  pointsRuleSchema,
  proposalResponse,
  rosterResponse,
  reminderConsentResponse,
  reminderReachResponse,
  reminderSubscriptionResponse,
  runRemindersResponse,
  shiftsResponse,
  signupResponse,
  swapResponse,
  swapsResponse,
  withdrawResponse,
  type ConsentAnswer,
  type PointsRule,
  type Season,
  type WeeklyWindow,
} from '@shared/garden'
import { request } from './request'

const v = (villageId: string) => ({ villageId })

export const fetchGardenOverview = (villageId: string) => request({ path: '/api/garden/overview', query: v(villageId), schema: overviewResponse })
export const fetchMonth = (villageId: string, month: string) => request({ path: '/api/garden/shifts/list', query: { villageId, month }, schema: shiftsResponse })
export const fetchCalendar = (villageId: string) => request({ path: '/api/garden/calendar', query: v(villageId), schema: calendarResponse })
export const fetchBeds = (villageId: string) => request({ path: '/api/garden/beds/list', query: v(villageId), schema: bedsResponse })
export const fetchDuties = (villageId: string) => request({ path: '/api/garden/duties/list', query: v(villageId), schema: dutiesResponse })
export const fetchMembers = (villageId: string) => request({ path: '/api/garden/members', query: v(villageId), schema: membersResponse })
export const fetchAvailability = (villageId: string) => request({ path: '/api/garden/availability/mine', query: v(villageId), schema: availabilityResponse })
export const fetchSwaps = (villageId: string) => request({ path: '/api/garden/swaps/list', query: v(villageId), schema: swapsResponse })
export const fetchPoints = (villageId: string) => request({ path: '/api/garden/points/summary', query: v(villageId), schema: pointsResponse })
export const fetchHarvests = (villageId: string) => request({ path: '/api/garden/harvests/list', query: v(villageId), schema: harvestsResponse })
export const fetchProposal = (villageId: string, harvestId: string) =>
  request({ path: '/api/garden/harvests/proposal', query: { villageId, harvestId }, schema: proposalResponse })

const post = <T>(path: `/api/${string}`, body: Record<string, unknown>, schema: Parameters<typeof request<T>>[0]['schema']) =>
  request<T>({ path, method: 'POST', body, schema })

export const signUp = (villageId: string, shiftId: string) => post('/api/garden/shifts/sign-up', { villageId, shiftId }, signupResponse)
export const withdrawFromShift = (villageId: string, signupId: string) => post('/api/garden/shifts/withdraw', { villageId, signupId }, withdrawResponse)
export const checkIn = (villageId: string, signupId: string) => post('/api/garden/check-in', { villageId, signupId }, signupResponse)
export const markDone = (villageId: string, signupId: string) => post('/api/garden/done', { villageId, signupId }, doneResponse)
export const setAvailability = (villageId: string, windows: WeeklyWindow[]) => post('/api/garden/availability/set', { villageId, windows }, availabilityResponse)
export const requestSwap = (villageId: string, signupId: string, toPersonId: string) => post('/api/garden/swaps/request', { villageId, signupId, toPersonId }, swapResponse)
export const respondSwap = (villageId: string, swapId: string, accept: boolean) => post('/api/garden/swaps/respond', { villageId, swapId, accept }, swapResponse)
export const reassign = (villageId: string, signupId: string, toPersonId: string, reason: string) =>
  post('/api/garden/swaps/reassign', { villageId, signupId, toPersonId, reason }, swapResponse)
export const assign = (villageId: string, shiftId: string, personId: string) => post('/api/garden/roster/assign', { villageId, shiftId, personId }, signupResponse)
export const removeFromShift = (villageId: string, signupId: string, reason: string) =>
  post('/api/garden/roster/remove', { villageId, signupId, reason }, withdrawResponse)
export const cancelShift = (villageId: string, shiftId: string, reason: string) => post('/api/garden/shifts/cancel', { villageId, shiftId, reason }, cancelShiftResponse)
export const generateRoster = (villageId: string, month: string, commit: boolean) => post('/api/garden/roster/generate', { villageId, month, commit }, rosterResponse)
export const markAttendance = (villageId: string, signupId: string, outcome: 'done' | 'no_show', confirm: { confirmFullShift?: boolean; reason?: string } = {}) =>
  post('/api/garden/attendance/mark', { villageId, signupId, outcome, ...confirm }, doneResponse)
export const setPointsRule = (villageId: string, rule: PointsRule) => post('/api/garden/points/rule', { villageId, ...rule }, pointsRuleSchema)
export const adjustPoints = (villageId: string, personId: string, delta: number, reason: string) =>
  post('/api/garden/points/adjust', { villageId, personId, delta, reason }, createdResponse)
export const createBed = (villageId: string, name: string, areaDm2: number, positionLabel: string) =>
  post('/api/garden/beds/create', { villageId, name, areaDm2, positionLabel }, createdResponse)
export const createPlanting = (villageId: string, bedId: string, crop: string, sownOn: string) =>
  post('/api/garden/plantings/create', { villageId, bedId, crop, sownOn }, createdResponse)
export const createDuty = (
  villageId: string,
  duty: { title: string; kind: TaskKind; weekdays: number[]; startMinute: number; durationMinutes: number; capacity: number; unpopular: boolean },
) => post('/api/garden/duties/create', { villageId, ...duty }, createdResponse)
export const logHarvest = (villageId: string, crop: string, grams: number, harvestedOn: string, bedId?: string) =>
  post('/api/garden/harvests/log', { villageId, crop, grams, harvestedOn, ...(bedId ? { bedId } : {}) }, createdResponse)
export const distribute = (villageId: string, harvestId: string, allocations: { householdId: string; grams?: number; count?: number }[], reason?: string) =>
  post('/api/garden/harvests/distribute', { villageId, harvestId, allocations, ...(reason ? { reason } : {}) }, distributeResponse)
export const runReminders = (villageId: string) => post('/api/garden/reminders/run', { villageId }, runRemindersResponse)
export const updateDuty = (
  villageId: string,
  dutyId: string,
  change: { paused?: boolean; seasons?: Season[]; activeFrom?: string | null; activeUntil?: string | null },
) => post('/api/garden/duties/update', { villageId, dutyId, ...change }, dutyResponse)
export const fetchRewards = (villageId: string) => request({ path: '/api/garden/rewards/list', query: v(villageId), schema: rewardsResponse })
export const createReward = (villageId: string, name: string, points: number, stock: number) =>
  post('/api/garden/rewards/create', { villageId, name, points, stock }, createdResponse)
export const redeemReward = (villageId: string, rewardId: string) => post('/api/garden/rewards/redeem', { villageId, rewardId }, redemptionResponse)
export const handOverRedemption = (villageId: string, redemptionId: string) => post('/api/garden/redemptions/hand-over', { villageId, redemptionId }, redemptionResponse)
export const cancelRedemption = (villageId: string, redemptionId: string, reason: string) =>
  post('/api/garden/redemptions/cancel', { villageId, redemptionId, reason }, redemptionResponse)
export const fetchReminderSubscription = (villageId: string) =>
  request({ path: '/api/garden/reminders/subscription', query: v(villageId), schema: reminderSubscriptionResponse })
export const reportReminderConsent = (villageId: string, templateId: string, answer: ConsentAnswer) =>
  post('/api/garden/reminders/consent', { villageId, templateId, answer }, reminderConsentResponse)
export const fetchReminderReach = (villageId: string) => request({ path: '/api/garden/reminders/reach', query: v(villageId), schema: reminderReachResponse })

/**
 * Whether the village has a shared garden (and whom to ask when not). A village that has one keeps
 * it, so that answer is kept for the session; "none yet" is asked again, as a steward may start one.
 */
const gardenPlaces = new Map<string, GardenPlace>()
export const cachedGardenPlace = (villageId: string): GardenPlace | null => gardenPlaces.get(villageId) ?? null
export async function fetchGardenPlace(villageId: string): Promise<GardenPlace> {
  const place = await request({ path: '/api/garden/place', query: v(villageId), schema: gardenPlaceResponse })
  if (place.hasGarden) gardenPlaces.set(villageId, place)
  return place
}

export const createShift = (villageId: string, shift: { title: string; kind: TaskKind; startsAt: string; durationMinutes: number; capacity: number }) =>
  post('/api/garden/shifts/create', { villageId, ...shift }, createdResponse)

export const correctBed = (villageId: string, bedId: string, change: { name?: string; areaDm2?: number; positionLabel?: string }, reason: string) =>
  post('/api/garden/beds/correct', { villageId, bedId, ...change, reason }, correctionResponse)
export const correctPlanting = (
  villageId: string,
  plantingId: string,
  change: { bedId?: string; crop?: string; sownOn?: string; expectedHarvestOn?: string | null },
  reason: string,
) => post('/api/garden/plantings/correct', { villageId, plantingId, ...change, reason }, correctionResponse)
export const correctHarvest = (
  villageId: string,
  harvestId: string,
  change: { crop?: string; grams?: number | null; count?: number | null; harvestedOn?: string },
  reason: string,
) => post('/api/garden/harvests/correct', { villageId, harvestId, ...change, reason }, correctionResponse)
