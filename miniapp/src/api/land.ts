import { type z } from '@shared/zod'
import {
  allocationsResponse,
  attendanceResponse,
  ballotResponse,
  historyResponse,
  yearsListResponse,
  idResponse,
  type AssistanceInput,
  noticePaperSchema,
  noticeSchema,
  objectionResponse,
  rosterResponse,
  tallyResponse,
  voteResponse,
} from '@shared/land'
import type { AssistanceNeed, Counts, MeetingType, VoteChoice } from '@shared/votes'
import { currentYearLight, myAssistedVotesLight } from './light'
import { request } from './request'
import { okResponse } from '@shared/ids'

export const fetchCurrentYear = (villageId: string) =>
  request({ path: '/api/land/years/current', query: { villageId }, schema: currentYearLight })
export const fetchHistory = (villageId: string) => request({ path: '/api/land/history', query: { villageId }, schema: historyResponse })
/** Every award year, newest first, with its notices and what was handed over. */
export const fetchYears = (villageId: string) => request({ path: '/api/land/years/list', query: { villageId }, schema: yearsListResponse })
export const fetchNotice = (noticeId: string) => request({ path: '/api/land/notices/get', query: { noticeId }, schema: noticeSchema })
/** The bulletin-board copy, for a reader who is not logged in (or not of this village). */
export const fetchPublicNotice = (noticeId: string) => request({ path: '/api/land/notices/public', query: { noticeId }, schema: noticePaperSchema })
export const fetchTally = (motionId: string) => request({ path: '/api/land/motions/tally', query: { motionId }, schema: tallyResponse })
export const fetchMyVote = (motionId: string) => request({ path: '/api/land/votes/mine', query: { motionId }, schema: ballotResponse })
export const fetchMyAssistedVotes = (villageId: string) =>
  request({ path: '/api/land/votes/assisted', query: { villageId }, schema: myAssistedVotesLight })
export const fetchRoster = (meetingId: string) => request({ path: '/api/land/meetings/roster', query: { meetingId }, schema: rosterResponse })
export const fetchAllocations = (awardYearId: string) =>
  request({ path: '/api/land/allocations/list', query: { awardYearId }, schema: allocationsResponse })

const post = <T>(path: `/api/land/${string}`, body: Record<string, unknown>, schema: z.ZodType<T>, idempotencyKey = true) =>
  request({ path, method: 'POST', body, schema, idempotencyKey })

export const checkIn = (meetingId: string) => post('/api/land/meetings/check-in', { meetingId }, attendanceResponse)
export const rollCall = (meetingId: string, personIds: string[]) => post('/api/land/meetings/roll-call', { meetingId, personIds }, attendanceResponse)
export const openMeeting = (meetingId: string) => post('/api/land/meetings/open', { meetingId }, idResponse)
export const closeMeeting = (meetingId: string) => post('/api/land/meetings/close', { meetingId }, idResponse)
export const openMotion = (motionId: string) => post('/api/land/motions/open', { motionId }, idResponse)
export const closeMotion = (motionId: string) => post('/api/land/motions/close', { motionId }, tallyResponse)
// A ballot is one row per person and motion, overwritten by a resend: it needs no key, and
// without one it stays at two database round trips (the meeting's hottest write).
export const castVote = (motionId: string, choice: VoteChoice) => post('/api/land/votes/cast', { motionId, choice }, voteResponse, false)
/** A cadre enters the ballot of a present villager who asked for help; the request is recorded. */
export const castAssistedVote = (motionId: string, onBehalfOfPersonId: string, choice: VoteChoice, assistance: AssistanceInput) =>
  post('/api/land/votes/cast', { motionId, choice, onBehalfOfPersonId, assistance }, voteResponse, false)
export const markAssistance = (villageId: string, personId: string, need: AssistanceNeed | null) =>
  post('/api/land/assistance/mark', { villageId, personId, need }, okResponse)
export const enterHands = (motionId: string, hands: Counts) => post('/api/land/hands/enter', { motionId, hands }, tallyResponse)
export const publishNotice = (awardYearId: string) => post('/api/land/notices/publish', { awardYearId, periodDays: 7 }, idResponse)
export const confirmNotice = (noticeId: string) => post('/api/land/notices/confirm', { noticeId, decision: 'confirm' }, idResponse)
export const fileObjection = (noticeId: string, text: string) => post('/api/land/objections/file', { noticeId, text }, objectionResponse)
export const replyObjection = (objectionId: string, reply: string) => post('/api/land/objections/reply', { objectionId, reply }, objectionResponse)
export const reviewNomination = (nominationId: string, decision: 'approved' | 'rejected', reason: string) =>
  post('/api/land/nominations/review', { nominationId, decision, reason }, idResponse)
export const createYear = (body: { villageId: string; year: number; perHouseholdTenthMu: number; season: string; parcels: { name: string; areaTenthMu: number }[] }) =>
  post('/api/land/years/create', body, idResponse)
export const allocate = (awardYearId: string, householdId: string, parcelIds: string[]) =>
  post('/api/land/allocations/assign', { awardYearId, householdId, parcelIds }, idResponse)
export const createMeeting = (body: { awardYearId: string; type: MeetingType; title: string; meetingDate: string; urgentReason?: string }) =>
  post('/api/land/meetings/create', body, idResponse)
export const createMotion = (body: { meetingId: string; kind: 'whole_list' | 'candidate' | 'ranking'; title: string; candidateIds: string[] }) =>
  post('/api/land/motions/create', body, idResponse)
