import Taro from '@tarojs/taro'
import { type z } from '@shared/zod'
import {
  allocationsResponse,
  attendanceResponse,
  ballotResponse,
  historyResponse,
  yearsListResponse,
  idResponse,
  type AssistanceInput,
  nominationHouseholdsResponse,
  photoSchema,
  type DeedKind,
  noticePaperSchema,
  noticeSchema,
  objectionResponse,
  rosterResponse,
  tallyResponse,
  voteResponse,
} from '@shared/land'
import type { AssistanceNeed, Counts, MeetingType, VoteChoice } from '@shared/votes'
import { currentYearLight, myAssistedVotesLight } from './light'
import { apiBase } from '@/lib/env'
import { getToken } from '@/lib/session'
import { ApiError } from './api-error'
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

/** A cheap fingerprint of a photo's base64 (FNV-1a): names the upload for a retry without keeping 800 KB in storage. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `${text.length}:${hash.toString(16)}`
}

export const uploadPhoto = (awardYearId: string, dataBase64: string) =>
  request({
    path: '/api/land/evidence/upload',
    method: 'POST',
    body: { awardYearId, dataBase64 },
    schema: photoSchema,
    intent: `photo ${awardYearId} ${fingerprint(dataBase64)}`,
  })
export const fetchNominationHouseholds = (awardYearId: string) =>
  request({ path: '/api/land/nominations/households', query: { awardYearId }, schema: nominationHouseholdsResponse })
export const createNomination = (body: {
  awardYearId: string
  householdId: string
  deedKind: DeedKind
  deedDate: string
  notes: string
  evidencePhotoIds: string[]
}) => post('/api/land/nominations/create', body, idResponse)
export const cancelMeeting = (meetingId: string, reason: string) => post('/api/land/meetings/cancel', { meetingId, reason }, idResponse)
export const postponeMeeting = (body: { meetingId: string; meetingDate: string; reason: string; urgentReason?: string }) =>
  post('/api/land/meetings/postpone', body, idResponse)
export const correctNotice = (noticeId: string, reason: string, householdIds: string[]) =>
  post('/api/land/notices/correct', { noticeId, reason, householdIds }, idResponse)

const photoSources = new Map<string, Promise<string>>()
/**
 * A kept photo as something an <Image> can show. The photo is behind the login (members of the
 * village only), which an <Image src> cannot send: downloadFile carries the token, and hands back
 * a local file (WeChat) or a blob: URL (H5). Each photo is fetched once per visit.
 */
export function photoSource(photoId: string): Promise<string> {
  const known = photoSources.get(photoId)
  if (known) return known
  const token = getToken()
  const loading = Taro.downloadFile({
    url: `${apiBase}/api/land/evidence/photo?photoId=${encodeURIComponent(photoId)}`,
    header: token ? { Authorization: `Bearer ${token}` } : {},
  }).then((answer) => {
    if (answer.statusCode !== 200) throw new ApiError('not_found', '照片打不开，请稍后再试', answer.statusCode)
    return answer.tempFilePath
  })
  photoSources.set(photoId, loading)
  loading.catch(() => photoSources.delete(photoId))
  return loading
}
