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
export type EligibilityRefusal = { code: 'not_member_of_village' } | { code: 'vote_under_18' } | { code: 'vote_not_eligible'; message: string }

export function eligibilityRefusal(
  type: MeetingType,
  meetingYear: number,
  voter: { birthYear: number; rolesInVillage: readonly Role[] },
): EligibilityRefusal | null {
  if (voter.rolesInVillage.length === 0) return { code: 'not_member_of_village' }
  if (!isAdultInYear(voter.birthYear, meetingYear)) return { code: 'vote_under_18' }
  if (type === 'assembly_households' && !voter.rolesInVillage.includes('household_rep')) {
    return { code: 'vote_not_eligible', message: '本次会议由户代表参加，您不是户代表' }
  }
  if (type === 'representatives' && !voter.rolesInVillage.includes('villager_rep')) {
    return { code: 'vote_not_eligible', message: '本次是村民代表会议，您不是村民代表' }
  }
  return null
}

// ---- the engine: what any vote is counted by ---------------------------------------------------
//
// A land-award motion and a courtyard matter differ only in their subject and their rules: how many
// must take part (the quorum) and what "more than half" is of (the base). Everything below the
// rules — one count per person, hands never above those in the hall who have not voted in the app,
// strict majority — is the same code for both.

/** How many of those entitled must take part for the count to stand. */
export const quorumRules = ['none', 'more_than_half', 'two_thirds'] as const
export type QuorumRule = (typeof quorumRules)[number]
/** What "more than half" (过半数) is of: those at the meeting, those who voted, or all entitled to. */
export const majorityBases = ['present', 'voting', 'eligible'] as const
export const majorityBaseSchema = z.enum(majorityBases)
export type MajorityBase = z.infer<typeof majorityBaseSchema>

export interface VoteRules {
  quorum: QuorumRule
  majorityOf: MajorityBase
}

/** Art. 22 and 26: each kind of village meeting, as rules. A decision needs more than half of those present. */
export const meetingRules: Record<MeetingType, VoteRules> = {
  assembly: { quorum: 'more_than_half', majorityOf: 'present' },
  assembly_households: { quorum: 'two_thirds', majorityOf: 'present' },
  representatives: { quorum: 'two_thirds', majorityOf: 'present' },
}

/** Integer-only: 2/3 of 40 is 27 people, never 26.67. Impossible attendance is never a quorum. */
export function quorumHeld(rule: QuorumRule, eligible: number, present: number): boolean {
  if (eligible <= 0 || present < 0 || present > eligible) return false
  if (rule === 'none') return true
  if (rule === 'more_than_half') return 2 * present > eligible
  return 3 * present >= 2 * eligible
}

export function quorumFloor(rule: QuorumRule, eligible: number): number {
  if (eligible <= 0 || rule === 'none') return 0
  if (rule === 'more_than_half') return Math.floor(eligible / 2) + 1
  return Math.ceil((2 * eligible) / 3)
}

/** "More than half" is strict: of 100, 51 carries and 50 does not. */
export function moreThanHalf(count: number, base: number): boolean {
  return base > 0 && 2 * count > base
}

/** The smallest count that is more than half of `base` (for the screen: "至少 51 人"). */
export function moreThanHalfNeeded(base: number): number {
  return base > 0 ? Math.floor(base / 2) + 1 : 0
}

export type OptionCounts<K extends string> = Record<K, number>

export interface CountInput<K extends string> {
  rules: VoteRules
  /** Every option a ballot may name, in the order they are shown. */
  options: readonly K[]
  /** The options that can carry the question: never 弃权; for a motion, only 同意. */
  carrying: readonly K[]
  /** 应到: everyone entitled to vote. */
  eligible: number
  /** 实到 by the roll, for a vote taken at a meeting; null when taking part means voting. */
  present: number | null
  app: OptionCounts<K>
  hands: OptionCounts<K> | null
  /** The people in the hall when hands were raised, and how many of them had voted in the app. */
  hall: { present: number; votedInApp: number }
}

export interface CountResult<K extends string> {
  total: OptionCounts<K>
  votedInApp: number
  handsTotal: number
  /** Each person once: app ballots plus hands. */
  voted: number
  /** Who took part, for the quorum: the roll if there is one, otherwise those who voted. */
  attendance: number
  quorumNeeded: number
  quorum: boolean
  /** What "more than half" was of, and the smallest count that carries. */
  base: number
  needed: number
  maxHands: number
  /** Hands above the allowed maximum: the count is refused rather than silently clipped. */
  overCount: boolean
  /** The option with strictly more than half of the base, if any (at most one can have it). */
  carried: K | null
  passed: boolean
}

function zeroCounts<K extends string>(options: readonly K[]): OptionCounts<K> {
  return Object.fromEntries(options.map((option) => [option, 0])) as OptionCounts<K>
}

function sumCounts<K extends string>(options: readonly K[], counts: OptionCounts<K>): number {
  return options.reduce((sum, option) => sum + counts[option], 0)
}

/** The one tally: app ballots plus hands, each person once, under the question's rules. */
export function countVotes<K extends string>(input: CountInput<K>): CountResult<K> {
  const hands = input.hands ?? zeroCounts(input.options)
  const total = Object.fromEntries(input.options.map((option) => [option, input.app[option] + hands[option]])) as OptionCounts<K>
  const votedInApp = sumCounts(input.options, input.app)
  const handsTotal = sumCounts(input.options, hands)
  const voted = votedInApp + handsTotal
  const max = maxHands(input.hall.present, input.hall.votedInApp)
  const overCount = input.hall.votedInApp > input.hall.present || handsTotal > max || (input.present !== null && votedInApp > input.present)
  const attendance = input.present ?? voted
  const quorum = quorumHeld(input.rules.quorum, input.eligible, attendance)
  const base = input.rules.majorityOf === 'eligible' ? input.eligible : input.rules.majorityOf === 'present' ? attendance : voted
  const carried = input.carrying.find((option) => moreThanHalf(total[option], base)) ?? null
  return {
    total,
    votedInApp,
    handsTotal,
    voted,
    attendance,
    quorumNeeded: quorumFloor(input.rules.quorum, input.eligible),
    quorum,
    base,
    needed: moreThanHalfNeeded(base),
    maxHands: max,
    overCount,
    carried,
    passed: quorum && carried !== null && !overCount,
  }
}

// ---- a village meeting's motion, counted by the engine ------------------------------------------

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
  return quorumHeld(meetingRules[type].quorum, eligible, present)
}

/** The smallest attendance that makes the meeting valid, for the screen ("还需 n 人到会"). */
export function quorumNeeded(type: MeetingType, eligible: number): number {
  return quorumFloor(meetingRules[type].quorum, eligible)
}

/** Strict majority of those present: abstentions and people who did not vote count against passing. */
export function majorityOf(forCount: number, present: number): boolean {
  return moreThanHalf(forCount, present)
}

export const countsSchema = z.object({
  for: z.number().int().min(0).max(100_000),
  against: z.number().int().min(0).max(100_000),
  abstain: z.number().int().min(0).max(100_000),
})
export type Counts = z.infer<typeof countsSchema>

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

/** A motion's count as the notice shows it and as it is frozen at close (land_motions.result). */
export const tallySchema = z.object({
  eligible: z.number().int(),
  present: z.number().int(),
  quorumNeeded: z.number().int(),
  quorum: z.boolean(),
  app: countsSchema,
  hands: countsSchema,
  handsEntered: z.boolean(),
  total: countsSchema,
  votedInApp: z.number().int(),
  maxHands: z.number().int(),
  /** Present but neither in the app nor in the hand count: present, not for. */
  notVoting: z.number().int(),
  /** Strictly more than half of those present said 同意. */
  majority: z.boolean(),
  passed: z.boolean(),
  /** Hands above the allowed maximum: the tally is refused rather than silently clipped. */
  overCount: z.boolean(),
  /** App ballots a cadre entered for a villager who asked for help (代为投票), shown with the result. */
  assisted: z.number().int(),
})
export type Tally = z.infer<typeof tallySchema>

/** One person, one count: app votes plus hands, with the meeting's quorum and strict majority. */
export function tallyMotion(input: TallyInput): Tally {
  const votedInApp = totalOf(input.app)
  const counted = countVotes<VoteChoice>({
    rules: meetingRules[input.type],
    options: voteChoices,
    carrying: ['for'],
    eligible: input.eligible,
    present: input.present,
    app: input.app,
    hands: input.hands,
    // Only those checked in may vote in the app, so every app voter is in the hall.
    hall: { present: input.present, votedInApp },
  })
  return {
    eligible: input.eligible,
    present: input.present,
    quorumNeeded: counted.quorumNeeded,
    quorum: counted.quorum,
    app: input.app,
    hands: input.hands ?? { for: 0, against: 0, abstain: 0 },
    handsEntered: input.hands !== null,
    total: counted.total,
    votedInApp,
    maxHands: counted.maxHands,
    notVoting: Math.max(0, input.present - counted.voted),
    majority: counted.carried === 'for',
    passed: counted.passed,
    overCount: counted.overCount,
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

export type AssistRefusal = { code: 'vote_assisted_voter_voted_self' } | { code: 'vote_assisted_reason_required' }

/**
 * May a cadre enter this ballot for a villager? Never over the villager's own ballot; only for a
 * villager the village marks as needing help, or with a stated reason (shown in the audit log).
 */
export function assistedBallotRefusal(facts: { voterHasOwnBallot: boolean; voterNeedsHelp: boolean; reason: string | null | undefined }): AssistRefusal | null {
  if (facts.voterHasOwnBallot) return { code: 'vote_assisted_voter_voted_self' }
  const reason = typeof facts.reason === 'string' ? facts.reason.trim() : ''
  if (!facts.voterNeedsHelp && reason.length === 0) return { code: 'vote_assisted_reason_required' }
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
