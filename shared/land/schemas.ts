import { shortText, uuidSchema } from '../ids'
import {
  DEFAULT_NOTICE_PERIOD_DAYS,
  MAX_NOTICE_PERIOD_DAYS,
  assistRequesterSchema,
  assistanceNeedSchema,
  countsSchema,
  isoDate,
  meetingTypeSchema,
  tallySchema,
  voteChoiceSchema,
} from '../votes'
import { z } from '../zod'
import { deedKindSchema } from './awards'
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_NOMINATION, photoTypes } from './evidence'
import { awardYearStatuses, meetingChangeKinds, meetingStatuses, motionKinds, motionStatuses, nominationStatuses, noticeStatuses } from './statuses'

/* The land awards' wire schemas: what the API takes and answers. */

const tenthMu = z.number().int().min(1).max(100_000)
const yearSchema = z.number().int().min(2000).max(2100)

export const parcelInput = z.object({ name: shortText(40), areaTenthMu: tenthMu })
export const createYearInput = z.object({
  villageId: uuidSchema,
  year: yearSchema,
  perHouseholdTenthMu: tenthMu,
  season: shortText(60),
  parcels: z.array(parcelInput).min(1).max(200),
})

export const awardYearQuery = z.object({ awardYearId: uuidSchema })
export const currentYearQuery = z.object({ villageId: uuidSchema })

export const parcelSchema = z.object({ id: uuidSchema, name: z.string(), areaTenthMu: z.number().int() })
export const nominationStatusSchema = z.enum(nominationStatuses)
export const nominationSchema = z.object({
  id: uuidSchema,
  householdId: uuidSchema,
  householdLabel: z.string(),
  /** The 户主 by name and age, and the household's size: what tells namesake households apart. */
  headName: z.string().nullable(),
  headAge: z.number().int().nullable(),
  memberCount: z.number().int(),
  deedKind: deedKindSchema,
  deedDate: z.string(),
  notes: z.string(),
  evidenceUrls: z.array(z.string()),
  /** Photos the product keeps (GET /api/land/evidence/photo), in the order they were attached. */
  evidencePhotoIds: z.array(uuidSchema),
  selfApplied: z.boolean(),
  status: nominationStatusSchema,
  reviewReason: z.string().nullable(),
})
export type Nomination = z.infer<typeof nominationSchema>

export const meetingStatusSchema = z.enum(meetingStatuses)
export const motionKindSchema = z.enum(motionKinds)
export const motionStatusSchema = z.enum(motionStatuses)
export const awardYearStatusSchema = z.enum(awardYearStatuses)
export const noticeStatusSchema = z.enum(noticeStatuses)

/** The tally's schema lives with the count it describes; re-exported for the land screens. */
export { tallySchema }

export const motionSchema = z.object({
  id: uuidSchema,
  meetingId: uuidSchema,
  kind: motionKindSchema,
  title: z.string(),
  candidateIds: z.array(uuidSchema),
  status: motionStatusSchema,
  passed: z.boolean().nullable(),
  result: tallySchema.nullable(),
})
export type Motion = z.infer<typeof motionSchema>

/** A change the village was told of: the meeting called off, or moved to another day. */
export const meetingChangeSchema = z.object({
  kind: z.enum(meetingChangeKinds),
  reason: z.string(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  urgentReason: z.string().nullable(),
  /** Beijing date the village was told. */
  changedOn: z.string(),
})
export type MeetingChange = z.infer<typeof meetingChangeSchema>

export const meetingSchema = z.object({
  id: uuidSchema,
  awardYearId: uuidSchema,
  type: meetingTypeSchema,
  title: z.string(),
  meetingDate: z.string(),
  noticeDate: z.string(),
  urgentReason: z.string().nullable(),
  status: meetingStatusSchema,
  present: z.number().int(),
  eligible: z.number().int(),
  checkedIn: z.boolean(),
  motions: z.array(motionSchema),
  /** Newest first: what the land home and the meeting page post for the village. */
  changes: z.array(meetingChangeSchema),
})
export type Meeting = z.infer<typeof meetingSchema>

export const noticeSummarySchema = z.object({
  id: uuidSchema,
  status: noticeStatusSchema,
  publishedOn: z.string(),
  endsOn: z.string(),
})

export const awardYearSchema = z.object({
  id: uuidSchema,
  villageId: uuidSchema,
  year: z.number().int(),
  perHouseholdTenthMu: z.number().int(),
  season: z.string(),
  status: awardYearStatusSchema,
  poolTenthMu: z.number().int(),
  capacity: z.number().int(),
  parcels: z.array(parcelSchema),
  nominations: z.array(nominationSchema),
  meetings: z.array(meetingSchema),
  notice: noticeSummarySchema.nullable(),
})
export type AwardYear = z.infer<typeof awardYearSchema>
export const currentYearResponse = z.object({ awardYear: awardYearSchema.nullable() })

export const createNominationInput = z.object({
  awardYearId: uuidSchema,
  householdId: uuidSchema,
  deedKind: deedKindSchema,
  deedDate: isoDate,
  notes: z.string().trim().max(500).default(''),
  // Only web links: a javascript: or data: URL in a photo list would run in someone else's browser.
  evidenceUrls: z
    .array(z.url({ protocol: /^https?$/, message: '照片地址须以 http(s) 开头' }).max(500))
    .max(9)
    .default([]),
  /** Photos uploaded first (POST /api/land/evidence/upload) by the same person; attached here, once. */
  evidencePhotoIds: z
    .array(uuidSchema)
    .max(MAX_PHOTOS_PER_NOMINATION, { message: `每条提名最多${MAX_PHOTOS_PER_NOMINATION}张照片` })
    .refine((ids) => new Set(ids).size === ids.length, { message: '同一张照片只能用一次' })
    .default([]),
})

/** Base64 of at most MAX_PHOTO_BYTES, with room for the refusal to be the photo's own (land_photo_too_large), not the body's. */
const MAX_PHOTO_BASE64 = Math.ceil((MAX_PHOTO_BYTES * 4) / 3) * 2
/** The route's body cap: a photo already over its limit still arrives, to be refused in words. */
export const PHOTO_UPLOAD_MAX_BODY_BYTES = MAX_PHOTO_BASE64 + 1024
export const uploadPhotoInput = z.object({
  awardYearId: uuidSchema,
  /** The compressed photo, base64 (no data: prefix). Its type is read from its bytes, not declared. */
  dataBase64: z
    .base64({ message: '照片数据格式不对，请重新选择照片' })
    .min(4, { message: '照片是空的，请重新选择照片' })
    .max(MAX_PHOTO_BASE64, { message: '照片太大了：压缩后不能超过600KB，请换一张' }),
})
export const photoSchema = z.object({
  id: uuidSchema,
  contentType: z.enum(photoTypes),
  byteSize: z.number().int(),
  sha256: z.string(),
})
export type Photo = z.infer<typeof photoSchema>
export const photoQuery = z.object({ photoId: uuidSchema })

export const nominationHouseholdsQuery = z.object({ awardYearId: uuidSchema })
/** The households a council member may nominate, told apart as on the ballot, with whether they already are. */
export const nominationHouseholdsResponse = z.object({
  /** A council or committee member nominates any household; a villager applies for their own. */
  canNominateOthers: z.boolean(),
  households: z.array(
    z.object({
      householdId: uuidSchema,
      householdLabel: z.string(),
      headName: z.string().nullable(),
      headAge: z.number().int().nullable(),
      memberCount: z.number().int(),
      nominated: z.boolean(),
    }),
  ),
})
export const reviewNominationInput = z
  .object({
    nominationId: uuidSchema,
    decision: z.enum(['approved', 'rejected']),
    reason: z.string().trim().max(300).default(''),
  })
  .refine((value) => value.decision === 'approved' || value.reason.length > 0, {
    message: '不通过时请写明理由',
    path: ['reason'],
  })

export const createMeetingInput = z.object({
  awardYearId: uuidSchema,
  type: meetingTypeSchema,
  title: shortText(80),
  meetingDate: isoDate,
  urgentReason: z.string().trim().max(300).optional(),
})
export const meetingIdInput = z.object({ meetingId: uuidSchema })
export const cancelMeetingInput = z.object({ meetingId: uuidSchema, reason: shortText(300) })
export const postponeMeetingInput = z.object({
  meetingId: uuidSchema,
  meetingDate: isoDate,
  reason: shortText(300),
  /** Fewer than ten days from today to the new date: why it cannot wait (Art. 21). */
  urgentReason: z.string().trim().max(300).optional(),
})
export const rollCallInput = z.object({ meetingId: uuidSchema, personIds: z.array(uuidSchema).min(1).max(3000) })
export const attendanceResponse = z.object({ meetingId: uuidSchema, present: z.number().int(), added: z.number().int() })

export const createMotionInput = z.object({
  meetingId: uuidSchema,
  kind: motionKindSchema,
  title: shortText(120),
  candidateIds: z.array(uuidSchema).min(1).max(200),
})
export const motionIdInput = z.object({ motionId: uuidSchema })

/** Who asked for an assisted ballot, and why when the village has not marked the villager as needing help. */
export const assistanceInput = z
  .object({
    requestedBy: assistRequesterSchema,
    familyMemberName: z.string().trim().max(20).optional(),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((value) => value.requestedBy === 'self' || (value.familyMemberName ?? '').length > 0, {
    message: '家属请求代投时，请写明家属姓名',
    path: ['familyMemberName'],
  })
export type AssistanceInput = z.infer<typeof assistanceInput>

export const castVoteInput = z
  .object({
    motionId: uuidSchema,
    choice: voteChoiceSchema,
    /** A cadre entering the ballot of a villager who asked for help; marked assisted. */
    onBehalfOfPersonId: uuidSchema.optional(),
    assistance: assistanceInput.optional(),
  })
  .refine((value) => value.onBehalfOfPersonId === undefined || value.assistance !== undefined, {
    message: '代为投票时，请写明是谁请求代投的',
    path: ['assistance'],
  })
export const voteResponse = z.object({
  motionId: uuidSchema,
  personId: uuidSchema,
  choice: voteChoiceSchema,
  assisted: z.boolean(),
  message: z.string(),
})
export const myVoteResponse = z.object({
  motionId: uuidSchema,
  motionTitle: z.string(),
  motionOpen: z.boolean(),
  choice: voteChoiceSchema.nullable(),
  assisted: z.boolean(),
  /** For an assisted ballot: who entered it, who asked, and when (Beijing date and time). */
  assistedByName: z.string().nullable(),
  requestedBy: assistRequesterSchema.nullable(),
  familyMemberName: z.string().nullable(),
  assistReason: z.string().nullable(),
  recordedAt: z.string().nullable(),
})
export type MyVote = z.infer<typeof myVoteResponse>

/**
 * A household on the ballot, told apart the way villagers do it: its label carries the 组 and 户号
 * (一组12号 乌优塔户), and the head's name and age and the household's size follow.
 */
export const ballotCandidateSchema = nominationSchema
  .pick({ householdLabel: true, headName: true, headAge: true, memberCount: true, deedKind: true, deedDate: true, notes: true })
  .extend({ nominationId: uuidSchema })
export type BallotCandidate = z.infer<typeof ballotCandidateSchema>
/** The vote page: my ballot plus what is being voted on (the motion and its households with their deeds). */
export const ballotResponse = myVoteResponse.extend({
  motionKind: motionKindSchema,
  meetingTitle: z.string(),
  perHouseholdTenthMu: z.number().int(),
  /** How many households the year's land carries: on a ranking motion, the first this many are awarded. */
  capacity: z.number().int(),
  candidates: z.array(ballotCandidateSchema),
})
export type Ballot = z.infer<typeof ballotResponse>
export const myAssistedVotesQuery = z.object({ villageId: uuidSchema })
export const myAssistedVotesResponse = z.object({ ballots: z.array(myVoteResponse) })

export const markAssistanceInput = z.object({
  villageId: uuidSchema,
  personId: uuidSchema,
  /** null takes the mark off. */
  need: assistanceNeedSchema.nullable(),
  note: z.string().trim().max(200).default(''),
})

export const enterHandsInput = z.object({ motionId: uuidSchema, hands: countsSchema })
export const tallyResponse = z.object({
  motionId: uuidSchema,
  status: motionStatusSchema,
  meetingType: meetingTypeSchema,
  tally: tallySchema,
})

export const publishInput = z.object({
  awardYearId: uuidSchema,
  // The 7-day minimum is a domain refusal with its own code (land_notice_period_too_short), not a shape error.
  periodDays: z.number().int().max(MAX_NOTICE_PERIOD_DAYS).default(DEFAULT_NOTICE_PERIOD_DAYS),
})
export const noticeIdInput = z.object({ noticeId: uuidSchema })
export const objectionSchema = z.object({
  id: uuidSchema,
  text: z.string(),
  filedOn: z.string(),
  reply: z.string().nullable(),
  mine: z.boolean(),
  /** The notice it was filed against: an earlier one this notice replaces or corrects, or this one. */
  noticeId: uuidSchema,
  earlierNotice: z.boolean(),
})
export const correctionLinkSchema = z.object({ id: uuidSchema, publishedOn: z.string(), reason: z.string() })
export const noticeSchema = z.object({
  id: uuidSchema,
  villageName: z.string(),
  year: z.number().int(),
  season: z.string(),
  status: noticeStatusSchema,
  publishedOn: z.string(),
  endsOn: z.string(),
  periodDays: z.number().int(),
  perHouseholdTenthMu: z.number().int(),
  motions: z.array(z.object({ title: z.string(), kind: motionKindSchema, passed: z.boolean(), result: tallySchema })),
  awards: z.array(
    z.object({
      householdId: uuidSchema,
      householdLabel: z.string(),
      rank: z.number().int(),
      tenthMu: z.number().int(),
      parcels: z.array(z.string()),
    }),
  ),
  waitlisted: z.array(z.string()),
  objections: z.array(objectionSchema),
  correctsNoticeId: uuidSchema.nullable(),
  correctionReason: z.string().nullable(),
  /** A notice published again after one was withdrawn links to the one it replaces. */
  replacesNoticeId: uuidSchema.nullable(),
  /** The correction that superseded this notice, if any: the paper on the board points readers to it. */
  correctedBy: correctionLinkSchema.nullable(),
  /** For a correction: when the notice it corrects was published. */
  correctsPublishedOn: z.string().nullable(),
  url: z.string(),
  qrSvg: z.string(),
})
export type Notice = z.infer<typeof noticeSchema>

/**
 * What the paper on the bulletin board shows, and all a stranger who scans its QR code may read
 * (村务公开, Art. 30): no ids of households or people, no objections (they may name people).
 */
export const noticePaperSchema = noticeSchema
  .pick({
    id: true,
    villageName: true,
    year: true,
    season: true,
    status: true,
    publishedOn: true,
    endsOn: true,
    periodDays: true,
    perHouseholdTenthMu: true,
    motions: true,
    waitlisted: true,
    correctionReason: true,
    correctedBy: true,
    correctsPublishedOn: true,
    url: true,
    qrSvg: true,
  })
  .extend({
    awards: z.array(z.object({ householdLabel: z.string(), rank: z.number().int(), tenthMu: z.number().int(), parcels: z.array(z.string()) })),
    isCorrection: z.boolean(),
    isRepublication: z.boolean(),
  })
export type NoticePaper = z.infer<typeof noticePaperSchema>

export function noticePaper(notice: Notice): NoticePaper {
  return {
    id: notice.id,
    villageName: notice.villageName,
    year: notice.year,
    season: notice.season,
    status: notice.status,
    publishedOn: notice.publishedOn,
    endsOn: notice.endsOn,
    periodDays: notice.periodDays,
    perHouseholdTenthMu: notice.perHouseholdTenthMu,
    motions: notice.motions,
    awards: notice.awards.map(({ householdLabel, rank, tenthMu, parcels }) => ({ householdLabel, rank, tenthMu, parcels })),
    waitlisted: notice.waitlisted,
    correctionReason: notice.correctsNoticeId ? notice.correctionReason : null,
    correctedBy: notice.correctedBy,
    correctsPublishedOn: notice.correctsPublishedOn,
    isCorrection: notice.correctsNoticeId !== null,
    isRepublication: notice.replacesNoticeId !== null,
    url: notice.url,
    qrSvg: notice.qrSvg,
  }
}

/** How to object, printed on the paper and shown on screen: one sentence, said once. */
export function objectionHowTo(endsOn: string): string {
  return `对公示内容有异议的，请在公示期内（${endsOn}前）通过乡约小程序提出，或向村党支部书面提出，村里会书面答复。`
}

export const confirmNoticeInput = z.object({
  noticeId: uuidSchema,
  decision: z.enum(['confirm', 'reopen']),
  reason: z.string().trim().max(300).default(''),
})
export const correctNoticeInput = z.object({
  noticeId: uuidSchema,
  reason: shortText(300),
  candidateIds: z.array(uuidSchema).min(1).max(200),
})

export const fileObjectionInput = z.object({ noticeId: uuidSchema, text: shortText(500) })
export const replyObjectionInput = z.object({ objectionId: uuidSchema, reply: shortText(500) })
export const objectionResponse = z.object({ id: uuidSchema, noticeId: uuidSchema, reply: z.string().nullable() })

export const allocateInput = z.object({
  awardYearId: uuidSchema,
  householdId: uuidSchema,
  parcelIds: z.array(uuidSchema).min(1).max(50),
})
export const allocationSchema = z.object({
  householdId: uuidSchema,
  householdLabel: z.string(),
  parcelId: uuidSchema,
  parcelName: z.string(),
  areaTenthMu: z.number().int(),
})
export const allocationsResponse = z.object({
  awardYearId: uuidSchema,
  season: z.string(),
  poolTenthMu: z.number().int(),
  allocatedTenthMu: z.number().int(),
  allocations: z.array(allocationSchema),
})

export const historyResponse = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      perHouseholdTenthMu: z.number().int(),
      households: z.array(z.string()),
      status: awardYearStatusSchema,
    }),
  ),
  totalAwards: z.number().int(),
  distinctHouseholds: z.number().int(),
  yearsCount: z.number().int(),
})

export const motionAuditResponse = z.object({
  motionId: uuidSchema,
  entries: z.array(
    z.object({
      seq: z.number().int(),
      action: z.string(),
      actorPersonId: uuidSchema.nullable(),
      payload: z.record(z.string(), z.unknown()),
      recordedAt: z.string(),
      hash: z.string(),
    }),
  ),
  chain: z.object({ ok: z.boolean(), entries: z.number().int(), firstBadSeq: z.number().int().nullable() }),
})

export const idResponse = z.object({ id: uuidSchema })

export const rollCallRosterResponse = z.object({
  meetingId: uuidSchema,
  people: z.array(
    z.object({
      personId: uuidSchema,
      name: z.string(),
      householdLabel: z.string(),
      /** The person as the roll reads them, distinct in this roster: 其其格（一组3号，1965年生）. Optional only so older fixtures compile. */
      label: z.string().optional(),
      /** 村民小组 (组), to find one's 组 on a long roll. */
      group: z.string().nullable().optional(),
      /** Age in the meeting's year: with the household it tells namesakes apart. */
      age: z.number().int(),
      present: z.boolean(),
      /** needsAssistance: marked, or of an elderly household, or old enough. */
      needsHelp: z.boolean(),
      /** The village's explicit 需要代办 mark, which a branch leader sets or clears. */
      marked: z.boolean(),
      /** Motions of this meeting the person has a ballot on (own or assisted). */
      votedMotionIds: z.array(uuidSchema),
    }),
  ),
})
export type RollCallRoster = z.infer<typeof rollCallRosterResponse>

/** Every award year of a village, newest first, with its notices and what was handed over: past years stay reachable. */
export const yearsListResponse = z.object({
  years: z.array(
    z.object({
      awardYearId: uuidSchema,
      year: z.number().int(),
      season: z.string(),
      status: awardYearStatusSchema,
      perHouseholdTenthMu: z.number().int(),
      /** The notice in force (the newest not withdrawn; a correction supersedes what it corrects). */
      noticeId: uuidSchema.nullable(),
      /** Every notice of the year in the order published, withdrawn and corrected ones too. */
      notices: z.array(
        z.object({
          id: uuidSchema,
          status: noticeStatusSchema,
          publishedOn: z.string(),
          endsOn: z.string(),
          isCorrection: z.boolean(),
        }),
      ),
      awardedHouseholds: z.number().int(),
      allocatedTenthMu: z.number().int(),
      allocatedHouseholds: z.number().int(),
    }),
  ),
})
export type YearsList = z.infer<typeof yearsListResponse>
