import {
  availabilityResponse,
  bedsResponse,
  calendarResponse,
  cancelShiftResponse,
  correctionResponse,
  type GardenPlace,
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
  type WeeklyWindow,
} from '@shared/garden'
import { get, post, type BodyOf, type PostPath } from './contract'
import { gardenPlaceLight } from './light'

const v = (villageId: string) => ({ villageId })

export const fetchGardenOverview = (villageId: string) => get('/api/garden/overview', { query: v(villageId), schema: overviewResponse })
export const fetchMonth = (villageId: string, month: string) => get('/api/garden/shifts/list', { query: { villageId, month }, schema: shiftsResponse })
export const fetchCalendar = (villageId: string) => get('/api/garden/calendar', { query: v(villageId), schema: calendarResponse })
export const fetchBeds = (villageId: string) => get('/api/garden/beds/list', { query: v(villageId), schema: bedsResponse })
export const fetchDuties = (villageId: string) => get('/api/garden/duties/list', { query: v(villageId), schema: dutiesResponse })
export const fetchMembers = (villageId: string) => get('/api/garden/members', { query: v(villageId), schema: membersResponse })
export const fetchAvailability = (villageId: string) => get('/api/garden/availability/mine', { query: v(villageId), schema: availabilityResponse })
export const fetchSwaps = (villageId: string) => get('/api/garden/swaps/list', { query: v(villageId), schema: swapsResponse })
export const fetchPoints = (villageId: string) => get('/api/garden/points/summary', { query: v(villageId), schema: pointsResponse })
export const fetchHarvests = (villageId: string) => get('/api/garden/harvests/list', { query: v(villageId), schema: harvestsResponse })
export const fetchProposal = (villageId: string, harvestId: string) =>
  get('/api/garden/harvests/proposal', { query: { villageId, harvestId }, schema: proposalResponse })

export const signUp = (villageId: string, shiftId: string) => post('/api/garden/shifts/sign-up', { body: { villageId, shiftId }, schema: signupResponse })
export const withdrawFromShift = (villageId: string, signupId: string) =>
  post('/api/garden/shifts/withdraw', { body: { villageId, signupId }, schema: withdrawResponse })
export const checkIn = (villageId: string, signupId: string) => post('/api/garden/check-in', { body: { villageId, signupId }, schema: signupResponse })
export const markDone = (villageId: string, signupId: string) => post('/api/garden/done', { body: { villageId, signupId }, schema: doneResponse })
export const setAvailability = (villageId: string, windows: WeeklyWindow[]) =>
  post('/api/garden/availability/set', { body: { villageId, windows }, schema: availabilityResponse })
export const requestSwap = (villageId: string, signupId: string, toPersonId: string) =>
  post('/api/garden/swaps/request', { body: { villageId, signupId, toPersonId }, schema: swapResponse })
export const respondSwap = (villageId: string, swapId: string, accept: boolean) =>
  post('/api/garden/swaps/respond', { body: { villageId, swapId, accept }, schema: swapResponse })
export const reassign = (villageId: string, signupId: string, toPersonId: string, reason: string) =>
  post('/api/garden/swaps/reassign', { body: { villageId, signupId, toPersonId, reason }, schema: swapResponse })
export const assign = (villageId: string, shiftId: string, personId: string) =>
  post('/api/garden/roster/assign', { body: { villageId, shiftId, personId }, schema: signupResponse })
export const removeFromShift = (villageId: string, signupId: string, reason: string) =>
  post('/api/garden/roster/remove', { body: { villageId, signupId, reason }, schema: withdrawResponse })
export const cancelShift = (villageId: string, shiftId: string, reason: string) =>
  post('/api/garden/shifts/cancel', { body: { villageId, shiftId, reason }, schema: cancelShiftResponse })
export const generateRoster = (villageId: string, month: string, commit: boolean) =>
  post('/api/garden/roster/generate', { body: { villageId, month, commit }, schema: rosterResponse })
type Mark = BodyOf<'/api/garden/attendance/mark'>
export const markAttendance = (villageId: string, signupId: string, outcome: Mark['outcome'], confirm: Pick<Mark, 'confirmFullShift' | 'reason'> = {}) =>
  post('/api/garden/attendance/mark', { body: { villageId, signupId, outcome, ...confirm }, schema: doneResponse })
export const setPointsRule = (villageId: string, rule: PointsRule) =>
  post('/api/garden/points/rule', { body: { villageId, ...rule }, schema: pointsRuleSchema })
export const adjustPoints = (villageId: string, personId: string, delta: number, reason: string) =>
  post('/api/garden/points/adjust', { body: { villageId, personId, delta, reason }, schema: createdResponse })
export const createBed = (villageId: string, name: string, areaDm2: number, positionLabel: string) =>
  post('/api/garden/beds/create', { body: { villageId, name, areaDm2, positionLabel }, schema: createdResponse })
export const createPlanting = (villageId: string, bedId: string, crop: string, sownOn: string) =>
  post('/api/garden/plantings/create', { body: { villageId, bedId, crop, sownOn }, schema: createdResponse })
export const createDuty = (villageId: string, duty: Omit<BodyOf<'/api/garden/duties/create'>, 'villageId'>) =>
  post('/api/garden/duties/create', { body: { villageId, ...duty }, schema: createdResponse })
export const logHarvest = (villageId: string, crop: string, grams: number, harvestedOn: string, bedId?: string) =>
  post('/api/garden/harvests/log', { body: { villageId, crop, grams, harvestedOn, ...(bedId ? { bedId } : {}) }, schema: createdResponse })
export const distribute = (villageId: string, harvestId: string, allocations: BodyOf<'/api/garden/harvests/distribute'>['allocations'], reason?: string) =>
  post('/api/garden/harvests/distribute', { body: { villageId, harvestId, allocations, ...(reason ? { reason } : {}) }, schema: distributeResponse })
export const runReminders = (villageId: string) => post('/api/garden/reminders/run', { body: { villageId }, schema: runRemindersResponse })
export const updateDuty = (villageId: string, dutyId: string, change: Omit<BodyOf<'/api/garden/duties/update'>, 'villageId' | 'dutyId'>) =>
  post('/api/garden/duties/update', { body: { villageId, dutyId, ...change }, schema: dutyResponse })
export const fetchRewards = (villageId: string) => get('/api/garden/rewards/list', { query: v(villageId), schema: rewardsResponse })
export const createReward = (villageId: string, name: string, points: number, stock: number) =>
  post('/api/garden/rewards/create', { body: { villageId, name, points, stock }, schema: createdResponse })
export const redeemReward = (villageId: string, rewardId: string) =>
  post('/api/garden/rewards/redeem', { body: { villageId, rewardId }, schema: redemptionResponse })
export const handOverRedemption = (villageId: string, redemptionId: string) =>
  post('/api/garden/redemptions/hand-over', { body: { villageId, redemptionId }, schema: redemptionResponse })
export const cancelRedemption = (villageId: string, redemptionId: string, reason: string) =>
  post('/api/garden/redemptions/cancel', { body: { villageId, redemptionId, reason }, schema: redemptionResponse })
export const fetchReminderSubscription = (villageId: string) =>
  get('/api/garden/reminders/subscription', { query: v(villageId), schema: reminderSubscriptionResponse })
export const reportReminderConsent = (villageId: string, templateId: string, answer: ConsentAnswer) =>
  post('/api/garden/reminders/consent', { body: { villageId, templateId, answer }, schema: reminderConsentResponse })
export const fetchReminderReach = (villageId: string) => get('/api/garden/reminders/reach', { query: v(villageId), schema: reminderReachResponse })

/**
 * Whether the village has a shared garden (and whom to ask when not). A village that has one keeps
 * it, so that answer is kept for the session; "none yet" is asked again, as a steward may start one.
 */
const gardenPlaces = new Map<string, GardenPlace>()
export const cachedGardenPlace = (villageId: string): GardenPlace | null => gardenPlaces.get(villageId) ?? null
export async function fetchGardenPlace(villageId: string): Promise<GardenPlace> {
  const place = await get('/api/garden/place', { query: v(villageId), schema: gardenPlaceLight })
  if (place.hasGarden) gardenPlaces.set(villageId, place)
  return place
}

export const createShift = (villageId: string, shift: Omit<BodyOf<'/api/garden/shifts/create'>, 'villageId'>) =>
  post('/api/garden/shifts/create', { body: { villageId, ...shift }, schema: createdResponse })

/** What a correction may change: the route's body without who, which and why. */
type Change<P extends PostPath, Which extends string> = Omit<BodyOf<P>, 'villageId' | 'reason' | Which>
export const correctBed = (villageId: string, bedId: string, change: Change<'/api/garden/beds/correct', 'bedId'>, reason: string) =>
  post('/api/garden/beds/correct', { body: { villageId, bedId, ...change, reason }, schema: correctionResponse })
export const correctPlanting = (villageId: string, plantingId: string, change: Change<'/api/garden/plantings/correct', 'plantingId'>, reason: string) =>
  post('/api/garden/plantings/correct', { body: { villageId, plantingId, ...change, reason }, schema: correctionResponse })
export const correctHarvest = (villageId: string, harvestId: string, change: Change<'/api/garden/harvests/correct', 'harvestId'>, reason: string) =>
  post('/api/garden/harvests/correct', { body: { villageId, harvestId, ...change, reason }, schema: correctionResponse })
