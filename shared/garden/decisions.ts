import { shortText, uuidSchema } from '../ids'
import type { Role } from '../roles'
import { localParts, toEpochMinutes } from '../time'
import {
  countVotes,
  eligibilityRefusal,
  majorityBaseSchema,
  moreThanHalfNeeded,
  type CountResult,
  type EligibilityRefusal,
  type MeetingType,
  type VoteRules,
} from '../votes'
import { z } from '../zod'

/*
 * 居民议事会: matters the stewards or the community committee put to the courtyard. Counted by the
 * same engine as the land award (shared/votes.ts countVotes); what differs is only the subject
 * (a text and its options) and the rules (who votes, what "more than half" is of).
 */

/** 同意/反对/弃权, or a choice among named options (and 弃权). */
export const matterKinds = ['yes_no', 'choice'] as const
export const matterKindSchema = z.enum(matterKinds)
export type MatterKind = z.infer<typeof matterKindSchema>

/** A matter is open (before, during or after its voting window) until it is closed and decided. */
export const matterStatuses = ['open', 'decided'] as const
export type MatterStatus = (typeof matterStatuses)[number]

/** What a decision can be linked to (a duty it paused): the closed set of garden_matter_links.subject_type. */
export const matterLinkSubjects = ['garden_duty'] as const
export type MatterLinkSubject = (typeof matterLinkSubjects)[number]

/** Residents 18+, one vote per household (its 户代表), or the council's members (居民代表). */
export const electorates = ['residents', 'households', 'council'] as const
export const electorateSchema = z.enum(electorates)
export type Electorate = z.infer<typeof electorateSchema>
export const electorateLabels: Record<Electorate, string> = {
  residents: '本院18周岁以上居民，每人一票',
  households: '每户一票（由户代表投）',
  council: '居民议事会成员（居民代表），每人一票',
}

/**
 * Who may vote is the village meeting's rule under a courtyard's name: residents 18+ as at an
 * assembly, households through their representatives, the council as the representatives' meeting.
 */
export const electorateMeetingType: Record<Electorate, MeetingType> = {
  residents: 'assembly',
  households: 'assembly_households',
  council: 'representatives',
}

/** Of those who voted (弃权 is a vote), or of everyone entitled to vote (not voting is not agreeing). */
export const matterThresholds = ['voting', 'eligible'] as const
export const matterThresholdSchema = z.enum(matterThresholds)
export type MatterThreshold = z.infer<typeof matterThresholdSchema>
export const matterThresholdLabels: Record<MatterThreshold, string> = {
  voting: '超过参加投票人数的一半',
  eligible: '超过全部有投票权人数的一半',
}

/** A courtyard matter has no roll-call quorum: it is decided by its threshold, set before voting starts. */
export function matterRules(threshold: MatterThreshold): VoteRules {
  return { quorum: 'none', majorityOf: majorityBaseSchema.parse(threshold) }
}

export const ABSTAIN = 'abstain'
export const YES_NO_OPTIONS = [
  { key: 'for', label: '同意' },
  { key: 'against', label: '反对' },
  { key: ABSTAIN, label: '弃权' },
] as const
export const MAX_NAMED_OPTIONS = 8
export const MAX_VOTING_DAYS = 60

export const matterOptionSchema = z.object({ key: z.string(), label: z.string() })
export type MatterOption = z.infer<typeof matterOptionSchema>

/**
 * The options a matter puts, with their keys: 同意/反对/弃权, or the named options as o1…o8 and
 * 弃权 last. Named options must be 2 to 8, distinct, and not 弃权 itself.
 */
export function matterOptions(kind: MatterKind, named: readonly string[]): MatterOption[] | 'options_invalid' {
  if (kind === 'yes_no') return named.length === 0 ? YES_NO_OPTIONS.map((o) => ({ ...o })) : 'options_invalid'
  const labels = named.map((label) => label.trim())
  if (labels.length < 2 || labels.length > MAX_NAMED_OPTIONS) return 'options_invalid'
  if (labels.some((label) => label.length === 0 || label === '弃权') || new Set(labels).size !== labels.length) return 'options_invalid'
  return [...labels.map((label, index) => ({ key: `o${index + 1}`, label })), { key: ABSTAIN, label: '弃权' }]
}

/** The options that can carry a matter: 同意, or any named option; never 弃权. */
export function carryingOptions(kind: MatterKind, options: readonly MatterOption[]): string[] {
  if (kind === 'yes_no') return ['for']
  return options.filter((option) => option.key !== ABSTAIN).map((option) => option.key)
}

/** Voting must close after it opens, within 60 days; a matter may not be put for a time already past. */
export function votingWindowRefusal(opensAt: Date, closesAt: Date, now: Date): 'window_invalid' | null {
  const open = toEpochMinutes(opensAt)
  const close = toEpochMinutes(closesAt)
  if (close <= open || close <= toEpochMinutes(now)) return 'window_invalid'
  if (close - open > MAX_VOTING_DAYS * 24 * 60) return 'window_invalid'
  return null
}

export type VotingPhase = 'not_yet' | 'open' | 'ended' | 'decided'

export function votingPhase(matter: { status: MatterStatus; opensAt: Date; closesAt: Date }, now: Date): VotingPhase {
  if (matter.status === 'decided') return 'decided'
  if (now.getTime() < matter.opensAt.getTime()) return 'not_yet'
  if (now.getTime() >= matter.closesAt.getTime()) return 'ended'
  return 'open'
}

/**
 * The steward may close and publish once voting has ended, or earlier once the courtyard meeting's
 * hands are in: never to cut short a vote people are still taking at home.
 */
export function closeRefusal(phase: VotingPhase, handsEntered: boolean): 'decided' | 'still_voting' | null {
  if (phase === 'decided') return 'decided'
  if (phase === 'ended' || handsEntered) return null
  return 'still_voting'
}

/** The land rule (Art. 21–26) applied to a courtyard electorate, with the courtyard's words. */
export function matterEligibilityRefusal(
  electorate: Electorate,
  year: number,
  voter: { birthYear: number; rolesInVillage: readonly Role[] },
): EligibilityRefusal | null {
  const refusal = eligibilityRefusal(electorateMeetingType[electorate], year, voter)
  if (refusal?.code !== 'vote_not_eligible') return refusal
  return {
    code: 'vote_not_eligible',
    message: electorate === 'households' ? '这件事每户一票，由户代表投，您不是户代表' : '这件事由居民议事会成员投票，您不是议事会成员',
  }
}

export interface MatterCounts {
  eligible: number
  app: Record<string, number>
  hands: Record<string, number> | null
  hall: { present: number; votedInApp: number }
}

/** A matter counted by the one engine, laid out for the published result. */
export function tallyMatter(kind: MatterKind, threshold: MatterThreshold, options: readonly MatterOption[], counts: MatterCounts): MatterTally {
  const keys = options.map((option) => option.key)
  const pick = (source: Record<string, number>) => Object.fromEntries(keys.map((key) => [key, source[key] ?? 0]))
  const result: CountResult<string> = countVotes<string>({
    rules: matterRules(threshold),
    options: keys,
    carrying: carryingOptions(kind, options),
    eligible: counts.eligible,
    present: null,
    app: pick(counts.app),
    hands: counts.hands === null ? null : pick(counts.hands),
    hall: counts.hall,
  })
  return {
    threshold,
    eligible: counts.eligible,
    voted: result.voted,
    base: result.base,
    needed: result.needed,
    handsEntered: counts.hands !== null,
    hallPresent: counts.hall.present,
    maxHands: result.maxHands,
    overCount: result.overCount,
    options: options.map((option) => ({
      key: option.key,
      label: option.label,
      app: counts.app[option.key] ?? 0,
      hands: counts.hands?.[option.key] ?? 0,
      total: result.total[option.key] ?? 0,
    })),
    carried: result.carried,
    passed: result.passed,
  }
}

/** The threshold in words, shown before anyone votes. */
export function thresholdExplained(threshold: MatterThreshold, kind: MatterKind, eligible: number | null): string {
  const what = kind === 'yes_no' ? '同意的' : '某一个选项得到的票'
  if (threshold === 'eligible') {
    if (eligible === null) return `在所有有投票权的人里，${what}要超过一半才算通过；没投票的等于没同意（比如有投票权的15人，要至少8人）。`
    return `有投票权的共${eligible}人，${what}要超过一半，也就是至少${moreThanHalfNeeded(eligible)}人，才算通过；没投票的等于没同意。`
  }
  return `在参加投票的人里，${what}要超过一半才算通过；弃权也算参加投票。正好一半不算通过（比如10人投票，5人同意不通过，6人才通过）。`
}

/** The published arithmetic: "同意 9 人，占投票 12 人的过半数（至少 7 人）→ 通过". */
export function resultArithmetic(kind: MatterKind, tally: MatterTally): string {
  const baseWords = tally.threshold === 'eligible' ? `有投票权的 ${tally.base} 人` : `投票 ${tally.base} 人`
  if (tally.overCount) return `举手人数超过了可举手的人数，结果无效 → 未通过`
  if (tally.base === 0) return `没有人投票 → 未通过`
  const contenders = tally.options.filter((o) => o.key !== ABSTAIN && (kind === 'choice' || o.key === 'for'))
  const top = [...contenders].sort((a, b) => b.total - a.total)[0]
  const carried = tally.options.find((o) => o.key === tally.carried)
  if (carried && tally.passed) {
    const subject = kind === 'yes_no' ? `同意 ${carried.total} 人` : `“${carried.label}” ${carried.total} 人`
    return `${subject}，占${baseWords}的过半数（至少 ${tally.needed} 人）→ 通过${kind === 'choice' ? `：${carried.label}` : ''}`
  }
  const subject = kind === 'yes_no' ? `同意 ${top?.total ?? 0} 人` : `最多的“${top?.label ?? ''}” ${top?.total ?? 0} 人`
  return `${subject}，没有超过${baseWords}的一半（至少要 ${tally.needed} 人）→ 未通过`
}

/** What a resident reads about their ballot: "您已投票：同意，截止前可以改". */
export function matterBallotLine(label: string, changeable: boolean): string {
  return `您已投票：${label}${changeable ? '，截止前可以改' : ''}`
}

/** "5月20日 20:00", on the Beijing clock whatever the phone's zone. */
export function beijingMoment(instant: string): string {
  const parts = localParts(toEpochMinutes(new Date(instant)))
  return `${parts.month}月${parts.day}日 ${Math.floor(parts.minuteOfDay / 60)}:${String(parts.minuteOfDay % 60).padStart(2, '0')}`
}

// ---- wire schemas --------------------------------------------------------------------------------

const isoInstant = z.iso.datetime({ offset: true })
const optionKey = z.string().regex(/^(for|against|abstain|o[1-8])$/, { message: '没有这个选项' })
const headCount = z.number().int().min(0).max(100_000)

export const createMatterInput = z.object({
  villageId: uuidSchema,
  title: shortText(40),
  body: shortText(1000),
  kind: matterKindSchema,
  /** Named options, for a choice; empty for 同意/反对/弃权. */
  options: z.array(shortText(20)).max(MAX_NAMED_OPTIONS).default([]),
  electorate: electorateSchema,
  threshold: matterThresholdSchema,
  opensAt: isoInstant,
  closesAt: isoInstant,
  /** A duty the decision pauses if it passes (冬季停止浇水值班): linked to the decision. */
  pausesDutyId: uuidSchema.optional(),
})
export const matterIdInput = z.object({ villageId: uuidSchema, matterId: uuidSchema })
export const castMatterBallotInput = matterIdInput.extend({ choice: optionKey })
export const enterMatterHandsInput = matterIdInput.extend({
  /** Who is at the meeting (their vote key: the person, or the household in a per-household vote). */
  presentKeys: z.array(uuidSchema).max(5000),
  hands: z.record(optionKey, headCount),
})

export const matterTallySchema = z.object({
  threshold: matterThresholdSchema,
  eligible: z.number().int(),
  voted: z.number().int(),
  base: z.number().int(),
  needed: z.number().int(),
  handsEntered: z.boolean(),
  hallPresent: z.number().int(),
  maxHands: z.number().int(),
  overCount: z.boolean(),
  options: z.array(matterOptionSchema.extend({ app: z.number().int(), hands: z.number().int(), total: z.number().int() })),
  carried: z.string().nullable(),
  passed: z.boolean(),
})
/** A matter counted by the one engine, laid out for the published result (garden_matters.result). */
export type MatterTally = z.infer<typeof matterTallySchema>

const matterSummary = z.object({
  id: uuidSchema,
  title: z.string(),
  kind: matterKindSchema,
  electorate: electorateSchema,
  threshold: matterThresholdSchema,
  opensAt: isoInstant,
  closesAt: isoInstant,
  phase: z.enum(['not_yet', 'open', 'ended', 'decided']),
  passed: z.boolean().nullable(),
  /** The published arithmetic, once decided. */
  arithmetic: z.string().nullable(),
  /** The caller's own ballot (its option's label), if they have one. */
  myChoice: z.string().nullable(),
  mayVote: z.boolean(),
  decidedAt: isoInstant.nullable(),
})
export type MatterSummary = z.infer<typeof matterSummary>
export const mattersResponse = z.object({ matters: z.array(matterSummary), mayPropose: z.boolean() })

export const matterLinkSchema = z.object({ subjectType: z.enum(matterLinkSubjects), subjectId: uuidSchema, label: z.string(), note: z.string() })

export const matterDetailResponse = matterSummary.extend({
  body: z.string(),
  options: z.array(matterOptionSchema),
  electorateLabel: z.string(),
  thresholdWords: z.string(),
  eligible: z.number().int(),
  /** Voted so far (app), never by option before the result: nobody votes with the crowd. */
  votedSoFar: z.number().int(),
  myChoiceKey: z.string().nullable(),
  /** Why the caller may not vote, in words; null when they may. */
  notEligibleReason: z.string().nullable(),
  handsEntered: z.boolean(),
  result: matterTallySchema.nullable(),
  pausesDuty: z.object({ id: uuidSchema, title: z.string() }).nullable(),
  /** What the decision changed (the duty it paused), in the garden's record. */
  changed: z.array(matterLinkSchema),
  mayManage: z.boolean(),
  createdByName: z.string().nullable(),
})
export type MatterDetail = z.infer<typeof matterDetailResponse>

export const matterBallotResponse = z.object({ matterId: uuidSchema, choice: z.string(), message: z.string() })

export const matterRollResponse = z.object({
  voters: z.array(
    z.object({ key: uuidSchema, name: z.string(), householdLabel: z.string(), age: z.number().int(), votedInApp: z.boolean(), present: z.boolean() }),
  ),
  hands: z.record(z.string(), z.number().int()).nullable(),
})

export const matterHandsResponse = z.object({ matterId: uuidSchema, hallPresent: z.number().int(), maxHands: z.number().int(), handsTotal: z.number().int() })

export const matterDecisionResponse = z.object({
  matterId: uuidSchema,
  passed: z.boolean(),
  arithmetic: z.string(),
  result: matterTallySchema,
  changed: z.array(matterLinkSchema),
})

/** Decisions that changed a subject (a duty): what the duty screen links to. */
export const matterLinksQuery = z.object({ villageId: uuidSchema, subjectId: uuidSchema })
export const matterLinksResponse = z.object({
  decisions: z.array(z.object({ matterId: uuidSchema, title: z.string(), decidedAt: isoInstant, note: z.string() })),
})
