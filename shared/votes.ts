import { isAdultInYear, type Role } from './roles'
import { addDays, daysBetween, isRealDate } from './time'
import { z } from './zod'

/**
 * Village votes under the Organic Law of Villagers' Committees (2018): quorum, majority, merging
 * app votes with raised hands, notice rules. Pure and integer-only, so the mini-program and the
 * server reach the same verdict and no float rounding can turn 50 of 100 into a majority.
 */

/** 村民会议 (18+ villagers), its 户代表 form, or 村民代表会议. */
export const meetingTypes = ['assembly', 'assembly_households', 'representatives'] as const
export const meetingTypeSchema = z.enum(meetingTypes)
export type MeetingType = z.infer<typeof meetingTypeSchema>
export const meetingTypeLabels: Record<MeetingType, string> = {
  assembly: '村民会议（18周岁以上村民）',
  assembly_households: '村民会议（户代表）',
  representatives: '村民代表会议',
}

export const voteChoices = ['for', 'against', 'abstain'] as const
export const voteChoiceSchema = z.enum(voteChoices)
export type VoteChoice = z.infer<typeof voteChoiceSchema>
export const voteChoiceLabels: Record<VoteChoice, string> = { for: '同意', against: '反对', abstain: '弃权' }

/**
 * Who may take part in a meeting (Organic Law Art. 21–26): members of the village only; adults
 * (18 in the meeting's year) for an assembly; household representatives for its household form;
 * villager representatives for their own meeting. `null` means eligible.
 */
export type EligibilityRefusal =
  | { code: 'not_member_of_village' }
  | { code: 'voter_under_18' }
  | { code: 'not_eligible_voter'; message: string }

export function eligibilityRefusal(
  type: MeetingType,
  meetingYear: number,
  voter: { birthYear: number; rolesInVillage: readonly Role[] },
): EligibilityRefusal | null {
  if (voter.rolesInVillage.length === 0) return { code: 'not_member_of_village' }
  if (!isAdultInYear(voter.birthYear, meetingYear)) return { code: 'voter_under_18' }
  if (type === 'assembly_households' && !voter.rolesInVillage.includes('household_rep')) {
    return { code: 'not_eligible_voter', message: '本次会议由户代表参加，您不是户代表' }
  }
  if (type === 'representatives' && !voter.rolesInVillage.includes('villager_rep')) {
    return { code: 'not_eligible_voter', message: '本次是村民代表会议，您不是村民代表' }
  }
  return null
}

export interface QuorumInput {
  type: MeetingType
  /** 应到: adults 18+, households, or representatives, depending on the type. */
  eligible: number
  /** 实到 */
  present: number
}

/**
 * Art. 22: an assembly needs more than half of adults, or at least 2/3 of households through their
 * representatives. Art. 26: a representatives' meeting needs at least 2/3 of its members.
 */
export function quorumMet({ type, eligible, present }: QuorumInput): boolean {
  if (eligible <= 0 || present < 0 || present > eligible) return false
  if (type === 'assembly') return 2 * present > eligible
  return 3 * present >= 2 * eligible
}

/** The smallest attendance that makes the meeting valid, for the screen ("还需 n 人到会"). */
export function quorumNeeded(type: MeetingType, eligible: number): number {
  if (eligible <= 0) return 0
  if (type === 'assembly') return Math.floor(eligible / 2) + 1
  return Math.ceil((2 * eligible) / 3)
}

/** Strict majority of those present: abstentions and people who did not vote count against passing. */
export function majorityOf(forCount: number, present: number): boolean {
  return present > 0 && 2 * forCount > present
}

export interface Counts {
  for: number
  against: number
  abstain: number
}
export const countsSchema = z.object({
  for: z.number().int().min(0).max(100_000),
  against: z.number().int().min(0).max(100_000),
  abstain: z.number().int().min(0).max(100_000),
})

export function totalOf(counts: Counts): number {
  return counts.for + counts.against + counts.abstain
}

/** Every person who voted in the app is out of the hall count, so at most present − app hands. */
export function maxHands(present: number, votedInApp: number): number {
  return Math.max(0, present - votedInApp)
}

export type HandCheck = { ok: true } | { ok: false; max: number; entered: number }

export function checkHands(present: number, votedInApp: number, hands: Counts): HandCheck {
  const max = maxHands(present, votedInApp)
  const entered = totalOf(hands)
  return entered <= max ? { ok: true } : { ok: false, max, entered }
}

export interface TallyInput {
  type: MeetingType
  eligible: number
  present: number
  app: Counts
  hands: Counts | null
  /** How many of the app ballots were entered with help; part of `app`, not added to it. */
  assisted?: number
}

export interface Tally {
  eligible: number
  present: number
  quorumNeeded: number
  quorum: boolean
  app: Counts
  hands: Counts
  handsEntered: boolean
  total: Counts
  votedInApp: number
  maxHands: number
  /** Present but neither in the app nor in the hand count: present, not for. */
  notVoting: number
  /** Strictly more than half of those present said 同意. */
  majority: boolean
  passed: boolean
  /** Hands above the allowed maximum: the tally is refused rather than silently clipped. */
  overCount: boolean
  /** App ballots a cadre entered for a villager who asked for help (代为投票), shown with the result. */
  assisted: number
}

const ZERO: Counts = { for: 0, against: 0, abstain: 0 }

/** One person, one count: app votes plus hands, with the meeting's quorum and strict majority. */
export function tallyMotion(input: TallyInput): Tally {
  const hands = input.hands ?? ZERO
  const votedInApp = totalOf(input.app)
  const max = maxHands(input.present, votedInApp)
  const total: Counts = {
    for: input.app.for + hands.for,
    against: input.app.against + hands.against,
    abstain: input.app.abstain + hands.abstain,
  }
  const overCount = votedInApp > input.present || totalOf(hands) > max
  const quorum = quorumMet({ type: input.type, eligible: input.eligible, present: input.present })
  const majority = majorityOf(total.for, input.present)
  return {
    eligible: input.eligible,
    present: input.present,
    quorumNeeded: quorumNeeded(input.type, input.eligible),
    quorum,
    app: input.app,
    hands,
    handsEntered: input.hands !== null,
    total,
    votedInApp,
    maxHands: max,
    notVoting: Math.max(0, input.present - totalOf(total)),
    majority,
    passed: quorum && majority && !overCount,
    overCount,
    assisted: Math.min(input.assisted ?? 0, votedInApp),
  }
}

/** Counts app ballots by choice; the caller guarantees one ballot per person (a unique key). */
export function countBallots(choices: Iterable<VoteChoice>): Counts {
  const counts: Counts = { for: 0, against: 0, abstain: 0 }
  for (const choice of choices) counts[choice] += 1
  return counts
}

// ---- notice of the meeting (Art. 21) ----------------------------------------------------------

export const MEETING_NOTICE_DAYS = 10
export { dateKeySchema as isoDate, daysBetween, addDays } from './time'

export type NoticeCheck = { ok: true; days: number } | { ok: false; days: number; reason: 'too_short' | 'in_past' | 'too_far' }

/**
 * The latest day a meeting may be called for: the same calendar day a year later (29 February
 * gives 28 February). Further out is a slip of the finger, not a plan anyone can be held to.
 */
export function latestMeetingDate(noticeDate: string): string {
  const next = `${Number(noticeDate.slice(0, 4)) + 1}${noticeDate.slice(4)}`
  return isRealDate(next) ? next : addDays(`${next.slice(0, 8)}01`, 27)
}

/**
 * At least 10 days between the notice and the meeting, unless marked urgent with a reason; never
 * in the past, never more than a year ahead.
 */
export function checkMeetingNotice(noticeDate: string, meetingDate: string, urgentReason: string | null | undefined): NoticeCheck {
  const days = daysBetween(noticeDate, meetingDate)
  if (days < 0) return { ok: false, days, reason: 'in_past' }
  if (meetingDate > latestMeetingDate(noticeDate)) return { ok: false, days, reason: 'too_far' }
  const urgent = typeof urgentReason === 'string' && urgentReason.trim().length > 0
  if (!urgent && days < MEETING_NOTICE_DAYS) return { ok: false, days, reason: 'too_short' }
  return { ok: true, days }
}

// ---- public notice (公示) --------------------------------------------------------------------

export const DEFAULT_NOTICE_PERIOD_DAYS = 7
/** Art. 30: the 公示 must give villagers time to object; a village may post longer, never shorter. */
export const MIN_NOTICE_PERIOD_DAYS = 7
export const MAX_NOTICE_PERIOD_DAYS = 30

export function noticePeriodRefusal(periodDays: number): 'too_short' | 'too_long' | null {
  if (!Number.isInteger(periodDays) || periodDays < MIN_NOTICE_PERIOD_DAYS) return 'too_short'
  if (periodDays > MAX_NOTICE_PERIOD_DAYS) return 'too_long'
  return null
}

/** The period runs through the end of its last day: published on the 1st with 7 days → until the 8th. */
export function noticePeriodEnds(publishedOn: string, periodDays: number): string {
  return addDays(publishedOn, periodDays)
}

export function withinNoticePeriod(today: string, endsOn: string): boolean {
  return daysBetween(today, endsOn) >= 0
}

// ---- assisted ballots (代为投票) ----------------------------------------------------------------

/** Why the village marks a person as needing help to vote. */
export const assistanceNeeds = ['elderly', 'disabled', 'illiterate', 'other'] as const
export const assistanceNeedSchema = z.enum(assistanceNeeds)
export type AssistanceNeed = z.infer<typeof assistanceNeedSchema>
export const assistanceNeedLabels: Record<AssistanceNeed, string> = {
  elderly: '年老',
  disabled: '残疾',
  illiterate: '不识字',
  other: '其他原因',
}

/** Who asked for the help: the villager, or a family member who is named. */
export const assistRequesters = ['self', 'family'] as const
export const assistRequesterSchema = z.enum(assistRequesters)
export type AssistRequester = z.infer<typeof assistRequesterSchema>

/** From this age an elderly household's member counts as needing help without a per-person mark. */
export const ELDERLY_AGE = 60

/**
 * Does the village regard this person as needing help to vote? A per-person mark (需要代办)
 * decides; failing one, a member aged 60+ of a household marked elderly.
 */
export function needsAssistance(voter: { marked: boolean; householdElderly: boolean; birthYear: number }, meetingYear: number): boolean {
  return voter.marked || (voter.householdElderly && meetingYear - voter.birthYear >= ELDERLY_AGE)
}

export type AssistRefusal = { code: 'assisted_voter_voted_self' } | { code: 'assisted_reason_required' }

/**
 * May a cadre enter this ballot for a villager? Never over the villager's own ballot; only for a
 * villager the village marks as needing help, or with a stated reason (shown in the audit log).
 */
export function assistedBallotRefusal(facts: { voterHasOwnBallot: boolean; voterNeedsHelp: boolean; reason: string | null | undefined }): AssistRefusal | null {
  if (facts.voterHasOwnBallot) return { code: 'assisted_voter_voted_self' }
  const reason = typeof facts.reason === 'string' ? facts.reason.trim() : ''
  if (!facts.voterNeedsHelp && reason.length === 0) return { code: 'assisted_reason_required' }
  return null
}

/**
 * Whether an incoming ballot may replace the stored one. The villager's own ballot always stands:
 * they may replace an assisted ballot with their own, never the other way round. The write's
 * guard (`on conflict … where`) says the same in SQL.
 */
export function ballotMayReplace(stored: { assisted: boolean } | null, incoming: { assisted: boolean }): boolean {
  return stored === null || !incoming.assisted || stored.assisted
}

/** What a villager reads about their ballot: "您已投票：同意" or "由莫日根代为投票：同意，可以改". */
export function ballotLine(ballot: { choice: VoteChoice; assisted: boolean; assistedByName: string | null }, motionOpen: boolean): string {
  const choice = voteChoiceLabels[ballot.choice]
  if (!ballot.assisted) return `您已投票：${choice}`
  return `由${ballot.assistedByName ?? '村干部'}代为投票：${choice}${motionOpen ? '，可以改' : ''}`
}

/** Who asked for the help, in the villager's words. */
export function assistRequestLine(requestedBy: AssistRequester | null, familyMemberName: string | null): string {
  if (requestedBy === 'family') return `应家属${familyMemberName ?? ''}的请求代投`
  return '应您本人的请求代投'
}
