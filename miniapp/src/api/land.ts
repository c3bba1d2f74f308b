import Taro from '@tarojs/taro'
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
  noticePaperSchema,
  noticeSchema,
  objectionResponse,
  rollCallRosterResponse,
  tallyResponse,
  voteResponse,
} from '@shared/land'
import type { AssistanceNeed, Counts, VoteChoice } from '@shared/votes'
import { currentYearLight, myAssistedVotesLight } from './light'
import { apiBase } from '@/lib/env'
import { getToken } from '@/lib/session'
import { ApiError } from './api-error'
import { get, post, type BodyOf } from './contract'
import { okResponse } from '@shared/ids'

export const fetchCurrentYear = (villageId: string) => get('/api/land/years/current', { query: { villageId }, schema: currentYearLight })
export const fetchHistory = (villageId: string) => get('/api/land/history', { query: { villageId }, schema: historyResponse })
/** Every award year, newest first, with its notices and what was handed over. */
export const fetchYears = (villageId: string) => get('/api/land/years/list', { query: { villageId }, schema: yearsListResponse })
export const fetchNotice = (noticeId: string) => get('/api/land/notices/get', { query: { noticeId }, schema: noticeSchema })
/** The bulletin-board copy, for a reader who is not logged in (or not of this village). */
export const fetchPublicNotice = (noticeId: string) => get('/api/land/notices/public', { query: { noticeId }, schema: noticePaperSchema })
export const fetchTally = (motionId: string) => get('/api/land/motions/tally', { query: { motionId }, schema: tallyResponse })
export const fetchMyVote = (motionId: string) => get('/api/land/votes/mine', { query: { motionId }, schema: ballotResponse })
export const fetchMyAssistedVotes = (villageId: string) => get('/api/land/votes/assisted', { query: { villageId }, schema: myAssistedVotesLight })
export const fetchRoster = (meetingId: string) => get('/api/land/meetings/roster', { query: { meetingId }, schema: rollCallRosterResponse })
export const fetchAllocations = (awardYearId: string) => get('/api/land/allocations/list', { query: { awardYearId }, schema: allocationsResponse })

export const checkIn = (meetingId: string) => post('/api/land/meetings/check-in', { body: { meetingId }, schema: attendanceResponse })
export const rollCall = (meetingId: string, personIds: string[]) =>
  post('/api/land/meetings/roll-call', { body: { meetingId, personIds }, schema: attendanceResponse })
export const openMeeting = (meetingId: string) => post('/api/land/meetings/open', { body: { meetingId }, schema: idResponse })
export const closeMeeting = (meetingId: string) => post('/api/land/meetings/close', { body: { meetingId }, schema: idResponse })
export const openMotion = (motionId: string) => post('/api/land/motions/open', { body: { motionId }, schema: idResponse })
export const closeMotion = (motionId: string) => post('/api/land/motions/close', { body: { motionId }, schema: tallyResponse })
// A ballot is one row per person and motion, overwritten by a resend: it needs no key, and
// without one it stays at two database round trips (the meeting's hottest write).
export const castVote = (motionId: string, choice: VoteChoice) =>
  post('/api/land/votes/cast', { body: { motionId, choice }, schema: voteResponse, idempotencyKey: false })
/** A cadre enters the ballot of a present villager who asked for help; the request is recorded. */
export const castAssistedVote = (motionId: string, onBehalfOfPersonId: string, choice: VoteChoice, assistance: AssistanceInput) =>
  post('/api/land/votes/cast', { body: { motionId, choice, onBehalfOfPersonId, assistance }, schema: voteResponse, idempotencyKey: false })
export const markAssistance = (villageId: string, personId: string, need: AssistanceNeed | null) =>
  post('/api/land/assistance/mark', { body: { villageId, personId, need }, schema: okResponse })
export const enterHands = (motionId: string, hands: Counts) => post('/api/land/hands/enter', { body: { motionId, hands }, schema: tallyResponse })
export const publishNotice = (awardYearId: string) => post('/api/land/notices/publish', { body: { awardYearId, periodDays: 7 }, schema: idResponse })
export const confirmNotice = (noticeId: string) => post('/api/land/notices/confirm', { body: { noticeId, decision: 'confirm' }, schema: idResponse })
export const fileObjection = (noticeId: string, text: string) => post('/api/land/objections/file', { body: { noticeId, text }, schema: objectionResponse })
export const replyObjection = (objectionId: string, reply: string) =>
  post('/api/land/objections/reply', { body: { objectionId, reply }, schema: objectionResponse })
export const reviewNomination = (nominationId: string, decision: BodyOf<'/api/land/nominations/review'>['decision'], reason: string) =>
  post('/api/land/nominations/review', { body: { nominationId, decision, reason }, schema: idResponse })
export const createYear = (body: BodyOf<'/api/land/years/create'>) => post('/api/land/years/create', { body, schema: idResponse })
export const allocate = (awardYearId: string, householdId: string, parcelIds: string[]) =>
  post('/api/land/allocations/assign', { body: { awardYearId, householdId, parcelIds }, schema: idResponse })
export const createMeeting = (body: BodyOf<'/api/land/meetings/create'>) => post('/api/land/meetings/create', { body, schema: idResponse })
export const createMotion = (body: BodyOf<'/api/land/motions/create'>) => post('/api/land/motions/create', { body, schema: idResponse })

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
  post('/api/land/evidence/upload', {
    body: { awardYearId, dataBase64 },
    schema: photoSchema,
    intent: `photo ${awardYearId} ${fingerprint(dataBase64)}`,
  })
export const fetchNominationHouseholds = (awardYearId: string) =>
  get('/api/land/nominations/households', { query: { awardYearId }, schema: nominationHouseholdsResponse })
export const createNomination = (body: BodyOf<'/api/land/nominations/create'>) => post('/api/land/nominations/create', { body, schema: idResponse })
export const cancelMeeting = (meetingId: string, reason: string) => post('/api/land/meetings/cancel', { body: { meetingId, reason }, schema: idResponse })
export const postponeMeeting = (body: BodyOf<'/api/land/meetings/postpone'>) => post('/api/land/meetings/postpone', { body, schema: idResponse })
export const correctNotice = (noticeId: string, reason: string, candidateIds: string[]) =>
  post('/api/land/notices/correct', { body: { noticeId, reason, candidateIds }, schema: idResponse })

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
