import { shortText, uuidSchema } from '../ids'
import { MINUTES_PER_DAY, dateKeySchema, monthKeySchema } from '../time'
import { z } from '../zod'
import { taskKindSchema } from './duties'
import { distributionPriorities, harvestUnits } from './harvests'
import { MAX_REWARD_POINTS, MAX_REWARD_STOCK, pointsEntryKinds, pointsRuleSchema, redemptionStatuses } from './points'
import { shortReasons } from './roster'
import { appOnlyReasons, reminderKinds } from './reminders'
import { seasonSchema } from './seasons'
import { releaseWays, signupStatusSchema } from './shifts'

/* The garden's wire schemas: what the API takes and answers. */

const isoInstant = z.iso.datetime({ offset: true })
export const gardenVillageQuery = z.object({ villageId: uuidSchema })
const minuteOfDay = z.number().int().min(0).max(MINUTES_PER_DAY)
const weekday = z.number().int().min(1).max(7)

/** One logged correction of a bed, planting or harvest: what it changed (from → to), who, why. */
export const correctionSchema = z.object({
  at: isoInstant,
  by: z.string(),
  reason: z.string(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.string(), to: z.string() })),
})
export type Correction = z.infer<typeof correctionSchema>

export const plantingSchema = z.object({
  id: uuidSchema,
  bedId: uuidSchema,
  crop: z.string(),
  sownOn: z.string(),
  expectedHarvestOn: z.string().nullable(),
  note: z.string().nullable(),
  /** oldest first; the values above are the corrected ones */
  corrections: z.array(correctionSchema),
})
export type Planting = z.infer<typeof plantingSchema>
export const bedSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  areaDm2: z.number().int(),
  positionLabel: z.string(),
  corrections: z.array(correctionSchema),
  plantings: z.array(plantingSchema),
})
export type Bed = z.infer<typeof bedSchema>
export const bedsResponse = z.object({ beds: z.array(bedSchema) })
export const createBedInput = z.object({
  villageId: uuidSchema,
  name: shortText(30),
  // square decimetres: 1 m² = 100 dm²; a bed is at most 100 m²
  areaDm2: z.number().int().min(10).max(10_000),
  positionLabel: shortText(50),
})
export const createPlantingInput = z.object({
  villageId: uuidSchema,
  bedId: uuidSchema,
  crop: shortText(20),
  sownOn: dateKeySchema,
  expectedHarvestOn: dateKeySchema.optional(),
  note: shortText(200).optional(),
})
export const createdResponse = z.object({ id: uuidSchema })

/*
 * Corrections: only the fields sent change (null clears a field that may be empty); the reason is
 * required and shown to everyone beside the corrected value.
 */
const correctionReason = shortText(100)
export const correctBedInput = z.object({
  villageId: uuidSchema,
  bedId: uuidSchema,
  name: shortText(30).optional(),
  areaDm2: z.number().int().min(10).max(10_000).optional(),
  positionLabel: shortText(50).optional(),
  reason: correctionReason,
})
export const correctPlantingInput = z.object({
  villageId: uuidSchema,
  plantingId: uuidSchema,
  bedId: uuidSchema.optional(),
  crop: shortText(20).optional(),
  sownOn: dateKeySchema.optional(),
  expectedHarvestOn: dateKeySchema.nullable().optional(),
  note: shortText(200).nullable().optional(),
  reason: correctionReason,
})
export const correctHarvestInput = z.object({
  villageId: uuidSchema,
  harvestId: uuidSchema,
  bedId: uuidSchema.nullable().optional(),
  crop: shortText(20).optional(),
  // Range checked by harvestAmountValid (through harvestCorrectionRefusal), as when logging.
  grams: z.number().int().min(-1e9).max(1e9).nullable().optional(),
  count: z.number().int().min(-1e9).max(1e9).nullable().optional(),
  harvestedOn: dateKeySchema.optional(),
  reason: correctionReason,
})
/** The correction recorded: its id and its place in the fact's chain of corrections (1 = first). */
export const correctionResponse = z.object({ id: uuidSchema, seq: z.number().int() })

export const gardenPlaceResponse = z.object({
  villageName: z.string(),
  hasGarden: z.boolean(),
  isSteward: z.boolean(),
  stewards: z.array(z.string()),
  leaders: z.array(z.object({ name: z.string(), roleLabel: z.string() })),
})

export const taskTemplateSchema = z.object({ id: uuidSchema, season: seasonSchema, kind: taskKindSchema, title: z.string(), note: z.string().nullable() })
export const createTaskTemplateInput = z.object({
  villageId: uuidSchema,
  season: seasonSchema,
  kind: taskKindSchema,
  title: shortText(40),
  note: shortText(200).optional(),
})
export const calendarResponse = z.object({
  today: z.string(),
  current: z.object({ key: z.string(), season: seasonSchema, label: z.string(), startsOn: z.string(), endsBefore: z.string() }),
  seasons: z.array(z.object({ season: seasonSchema, label: z.string(), months: z.array(z.number().int()), tasks: z.array(taskTemplateSchema) })),
  plantings: z.array(z.object({ bedName: z.string(), crop: z.string(), sownOn: z.string(), expectedHarvestOn: z.string().nullable() })),
})

export const dutySchema = z.object({
  id: uuidSchema,
  title: z.string(),
  kind: taskKindSchema,
  weekdays: z.array(weekday),
  startMinute: z.number().int(),
  durationMinutes: z.number().int(),
  capacity: z.number().int(),
  unpopular: z.boolean(),
  paused: z.boolean(),
  /** empty: all year */
  seasons: z.array(seasonSchema),
  activeFrom: z.string().nullable(),
  activeUntil: z.string().nullable(),
})
export type Duty = z.infer<typeof dutySchema>
export const dutiesResponse = z.object({ duties: z.array(dutySchema) })
export const createDutyInput = z
  .object({
    villageId: uuidSchema,
    title: shortText(40),
    kind: taskKindSchema,
    weekdays: z.array(weekday).min(1).max(7),
    startMinute: minuteOfDay,
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(8 * 60),
    capacity: z.number().int().min(1).max(20),
    unpopular: z.boolean().default(false),
    seasons: z.array(seasonSchema).max(4).default([]),
    activeFrom: dateKeySchema.nullable().optional(),
    activeUntil: dateKeySchema.nullable().optional(),
  })
  .refine((d) => d.startMinute + d.durationMinutes <= MINUTES_PER_DAY, { message: '值班不能跨过午夜', path: ['durationMinutes'] })
  .refine((d) => new Set(d.weekdays).size === d.weekdays.length, { message: '星期不能重复', path: ['weekdays'] })
  .refine((d) => new Set(d.seasons).size === d.seasons.length, { message: '季节不能重复', path: ['seasons'] })
  .refine((d) => !d.activeFrom || !d.activeUntil || d.activeFrom <= d.activeUntil, { message: '结束日期不能早于开始日期', path: ['activeUntil'] })

/**
 * Editing a duty: only the fields sent change. It shapes the shifts generated from then on; shifts
 * already made keep their time and capacity (people are booked on them), and a steward calls off
 * any that should not happen.
 */
export const updateDutyInput = z.object({
  villageId: uuidSchema,
  dutyId: uuidSchema,
  title: shortText(40).optional(),
  weekdays: z.array(weekday).min(1).max(7).optional(),
  startMinute: minuteOfDay.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(8 * 60)
    .optional(),
  capacity: z.number().int().min(1).max(20).optional(),
  unpopular: z.boolean().optional(),
  paused: z.boolean().optional(),
  seasons: z.array(seasonSchema).max(4).optional(),
  activeFrom: dateKeySchema.nullable().optional(),
  activeUntil: dateKeySchema.nullable().optional(),
})
export const dutyResponse = z.object({ duty: dutySchema })

export const shiftPersonSchema = z.object({
  signupId: uuidSchema,
  personId: uuidSchema,
  name: z.string(),
  status: signupStatusSchema,
  checkedInAt: z.string().nullable(),
})
export const shiftSchema = z.object({
  id: uuidSchema,
  dutyId: uuidSchema.nullable(),
  title: z.string(),
  kind: taskKindSchema,
  startsAt: isoInstant,
  endsAt: isoInstant,
  date: z.string(),
  capacity: z.number().int(),
  unpopular: z.boolean(),
  /** a shift called off stays in the month view, struck through, with the steward's reason */
  cancelledAt: isoInstant.nullable(),
  cancelReason: z.string().nullable(),
  people: z.array(shiftPersonSchema),
})
export type Shift = z.infer<typeof shiftSchema>
export const shiftsQuery = z.object({ villageId: uuidSchema, month: monthKeySchema })
export const shiftsResponse = z.object({ month: z.string(), shifts: z.array(shiftSchema) })

export const createShiftInput = z.object({
  villageId: uuidSchema,
  title: shortText(40),
  kind: taskKindSchema,
  startsAt: isoInstant,
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(8 * 60),
  capacity: z.number().int().min(1).max(20),
  unpopular: z.boolean().default(false),
})
export const shiftIdInput = z.object({ villageId: uuidSchema, shiftId: uuidSchema })
export const signupIdInput = z.object({ villageId: uuidSchema, signupId: uuidSchema })
export const signupResponse = z.object({ signupId: uuidSchema, shiftId: uuidSchema, personId: uuidSchema, status: signupStatusSchema })
export const doneResponse = signupResponse.extend({
  pointsAwarded: z.number().int(),
  /** minutes credited towards the hours served (see creditedMinutes) */
  creditedMinutes: z.number().int(),
})
const undoReason = shortText(100)
export const withdrawInput = signupIdInput
export const removeFromShiftInput = z.object({ villageId: uuidSchema, signupId: uuidSchema, reason: undoReason })
export const cancelShiftInput = z.object({ villageId: uuidSchema, shiftId: uuidSchema, reason: undoReason })
export const withdrawResponse = signupResponse.extend({
  withdrawnAt: isoInstant,
  /** free places on the shift once this one is back */
  placesLeft: z.number().int(),
  /** true when the place had already been given back: nothing changed */
  alreadyWithdrawn: z.boolean(),
})
export type WithdrawResult = z.infer<typeof withdrawResponse>
export const cancelShiftResponse = z.object({
  shiftId: uuidSchema,
  cancelledAt: isoInstant,
  reason: z.string(),
  /** places released by this call */
  released: z.number().int(),
  alreadyCancelled: z.boolean(),
})

export const availabilityWindowSchema = z
  .object({ weekday, startMinute: minuteOfDay, endMinute: minuteOfDay })
  .refine((w) => w.endMinute > w.startMinute, { message: '结束时间要晚于开始时间', path: ['endMinute'] })
export const availabilityResponse = z.object({ windows: z.array(z.object({ weekday, startMinute: z.number().int(), endMinute: z.number().int() })) })
export const setAvailabilityInput = z.object({ villageId: uuidSchema, windows: z.array(availabilityWindowSchema).max(21) })

export const generateRosterInput = z.object({ villageId: uuidSchema, month: monthKeySchema, commit: z.boolean().default(false) })
export const rosterResponse = z.object({
  month: z.string(),
  committed: z.boolean(),
  /** shifts this call created (always 0 for a preview, which writes nothing) */
  shiftsCreated: z.number().int(),
  /** shifts of the month not made yet: a preview proposes them, a commit made them */
  shiftsToCreate: z.number().int(),
  assignments: z.array(z.object({ shiftId: uuidSchema, personId: uuidSchema, name: z.string(), startsAt: isoInstant, title: z.string() })),
  short: z.array(
    z.object({
      shiftId: uuidSchema,
      title: z.string(),
      startsAt: isoInstant,
      reason: z.enum(shortReasons),
      reasonLabel: z.string(),
      capacity: z.number().int(),
      filled: z.number().int(),
      missing: z.number().int(),
      available: z.number().int(),
      busyElsewhere: z.number().int(),
    }),
  ),
  hours: z.array(z.object({ personId: uuidSchema, name: z.string(), minutes: z.number().int() })),
})
export type RosterProposal = z.infer<typeof rosterResponse>
export const assignInput = z.object({ villageId: uuidSchema, shiftId: uuidSchema, personId: uuidSchema })

export const swapStatuses = ['pending', 'accepted', 'declined', 'reassigned', 'cancelled'] as const
export type SwapStatus = (typeof swapStatuses)[number]
export const swapSchema = z.object({
  id: uuidSchema,
  signupId: uuidSchema,
  shiftTitle: z.string(),
  startsAt: isoInstant,
  fromPersonId: uuidSchema,
  fromName: z.string(),
  toPersonId: uuidSchema,
  toName: z.string(),
  status: z.enum(swapStatuses),
})
export const swapsResponse = z.object({ swaps: z.array(swapSchema) })
export const requestSwapInput = z.object({ villageId: uuidSchema, signupId: uuidSchema, toPersonId: uuidSchema })
export const respondSwapInput = z.object({ villageId: uuidSchema, swapId: uuidSchema, accept: z.boolean() })
/** A steward taking a place from one volunteer for another says why; the volunteer reads it on their garden home. */
export const reassignInput = z.object({ villageId: uuidSchema, signupId: uuidSchema, toPersonId: uuidSchema, reason: undoReason })
export const swapResponse = z.object({ swapId: uuidSchema.nullable(), signupId: uuidSchema, status: z.enum(swapStatuses), personId: uuidSchema })

export const markAttendanceInput = z.object({
  villageId: uuidSchema,
  signupId: uuidSchema,
  outcome: z.enum(['done', 'no_show']),
  /** the steward vouches for the whole shift: credited with its full length */
  confirmFullShift: z.boolean().default(false),
  /** required to confirm someone who never checked in; the volunteer reads it */
  reason: shortText(100).optional(),
})

export const pointsEntrySchema = z.object({
  id: uuidSchema,
  personId: uuidSchema,
  name: z.string(),
  kind: z.enum(pointsEntryKinds),
  points: z.number().int(),
  reason: z.string(),
  /** minutes credited (shift entries) */
  minutes: z.number().int(),
  /** why a steward confirmed a shift the volunteer never checked in to */
  stewardReason: z.string().nullable(),
  createdAt: isoInstant,
})
export const pointsQuery = z.object({ villageId: uuidSchema })
export const pointsResponse = z.object({
  rule: pointsRuleSchema,
  me: z.object({ points: z.number().int(), minutesServed: z.number().int(), shiftsDone: z.number().int() }),
  entries: z.array(pointsEntrySchema),
  board: z.array(z.object({ personId: uuidSchema, name: z.string(), points: z.number().int(), minutesServed: z.number().int() })),
})
export const setPointsRuleInput = pointsRuleSchema.extend({ villageId: uuidSchema })
export const adjustPointsInput = z.object({
  villageId: uuidSchema,
  personId: uuidSchema,
  delta: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .refine((n) => n !== 0, { message: '调整分值不能为0' }),
  reason: shortText(100),
  correctsEntryId: uuidSchema.optional(),
})

export const logHarvestInput = z
  .object({
    villageId: uuidSchema,
    bedId: uuidSchema.optional(),
    crop: shortText(20),
    // Range checked by harvestAmountValid, so a negative or absurd weight gets its own error code.
    grams: z.number().int().min(-1e9).max(1e9).optional(),
    count: z.number().int().min(-1e9).max(1e9).optional(),
    harvestedOn: dateKeySchema,
  })
  .refine((h) => h.grams !== undefined || h.count !== undefined, { message: '请填写重量或数量', path: ['grams'] })
export const harvestSchema = z.object({
  id: uuidSchema,
  crop: z.string(),
  bedName: z.string().nullable(),
  grams: z.number().int().nullable(),
  count: z.number().int().nullable(),
  harvestedOn: z.string(),
  firstOfCrop: z.boolean(),
  unit: z.enum(harvestUnits),
  /** bed id as it stands (corrected), for the correction form */
  bedId: uuidSchema.nullable(),
  /** handed out so far, in the harvest's unit */
  given: z.number().int(),
  /** oldest first; the values above are the corrected ones */
  corrections: z.array(correctionSchema),
  /** elderly households that have had none of this first harvest yet (0 when not the first) */
  elderlyWaiting: z.number().int(),
  recipients: z.array(
    z.object({
      householdId: uuidSchema,
      label: z.string(),
      elderly: z.boolean(),
      grams: z.number().int().nullable(),
      count: z.number().int().nullable(),
      /** the steward's reason for giving a first harvest here while elderly households were still waiting */
      beyondElderlyReason: z.string().nullable(),
    }),
  ),
})
export const harvestsResponse = z.object({ season: z.string(), harvests: z.array(harvestSchema) })
export const proposalQuery = z.object({ villageId: uuidSchema, harvestId: uuidSchema })
export const proposalResponse = z.object({
  harvestId: uuidSchema,
  crop: z.string(),
  firstOfCrop: z.boolean(),
  unit: z.enum(harvestUnits),
  total: z.number().int(),
  /** still to give, in the harvest's unit */
  remaining: z.number().int(),
  recipients: z.array(
    z.object({
      householdId: uuidSchema,
      label: z.string(),
      elderly: z.boolean(),
      receivedThisSeason: z.number().int(),
      priority: z.enum(distributionPriorities),
      priorityLabel: z.string(),
      alreadyGotThis: z.boolean(),
    }),
  ),
})
export type DistributionProposal = z.infer<typeof proposalResponse>
export const distributeInput = z.object({
  villageId: uuidSchema,
  harvestId: uuidSchema,
  allocations: z
    .array(
      z.object({
        householdId: uuidSchema,
        // Whole numbers only; zero, negative and the wrong unit are refused by shareRefusal with their own codes.
        grams: z.number().int().min(-1e9).max(1e9).optional(),
        count: z.number().int().min(-1e9).max(1e9).optional(),
      }),
    )
    .min(1)
    .max(200),
  /** why part of a first harvest goes beyond the elderly while some have had none (firstHarvestRefusal) */
  reason: shortText(200).optional(),
})
export const distributeResponse = z.object({ harvestId: uuidSchema, recorded: z.number().int() })

export const reminderSchema = z.object({
  id: uuidSchema,
  shiftId: uuidSchema,
  kind: z.enum(reminderKinds),
  title: z.string(),
  body: z.string(),
  createdAt: isoInstant,
  /** When WeChat accepted it as a subscription message; null while it is in the app only. */
  sentAt: isoInstant.nullable(),
})
export const remindersResponse = z.object({ reminders: z.array(reminderSchema) })
export const runRemindersInput = z.object({ villageId: uuidSchema, date: dateKeySchema.optional() })
/** created: new reminders · sent: by WeChat · appOnly: kept in the app only · failed: WeChat did not answer, tried again next run. */
export const runRemindersResponse = z.object({
  forDate: z.string(),
  created: z.number().int(),
  sent: z.number().int(),
  appOnly: z.number().int(),
  failed: z.number().int(),
})
export const cronRemindersResponse = runRemindersResponse.extend({ villages: z.number().int() })

/** What the mini-program needs before the sign-up tap: which template to ask consent for. */
export const reminderSubscriptionResponse = z.object({
  /** null: WeChat reminders are not set up on this server (or this is not a WeChat login). */
  templateId: z.string().nullable(),
  credits: z.number().int(),
  wechat: z.boolean(),
})
/** The answer wx.requestSubscribeMessage gave for the template. */
export const consentAnswers = ['accept', 'reject', 'ban', 'filter'] as const
export type ConsentAnswer = (typeof consentAnswers)[number]
export const reminderConsentInput = z.object({ villageId: uuidSchema, templateId: z.string().min(1).max(128), answer: z.enum(consentAnswers) })
export const reminderConsentResponse = z.object({ credits: z.number().int(), counted: z.boolean() })

export const reminderReachResponse = z.object({
  configured: z.boolean(),
  places: z.array(
    z.object({
      signupId: uuidSchema,
      shiftId: uuidSchema,
      personId: uuidSchema,
      outside: z.boolean(),
      status: z.enum(['sent', 'will_send', 'app_only']),
      reason: z.enum(appOnlyReasons).nullable(),
    }),
  ),
})

export const overviewResponse = z.object({
  season: z.object({ key: z.string(), label: z.string(), season: seasonSchema }),
  isSteward: z.boolean(),
  upcoming: z.array(shiftSchema.extend({ mySignupId: uuidSchema, myStatus: signupStatusSchema })),
  minutesServed: z.number().int(),
  points: z.number().int(),
  pendingSwapsForMe: z.number().int(),
  reminders: z.array(reminderSchema),
  /** My places on shifts still ahead that a steward took back or that were called off, and why. */
  released: z.array(
    z.object({ signupId: uuidSchema, shiftId: uuidSchema, title: z.string(), startsAt: isoInstant, via: z.enum(releaseWays), reason: z.string().nullable() }),
  ),
})
export type GardenOverview = z.infer<typeof overviewResponse>

export const membersResponse = z.object({
  members: z.array(
    z.object({
      personId: uuidSchema,
      name: z.string(),
      /** 沙秀芳（1号楼2单元101，1948年生）: distinct in the list. Optional only so older fixtures compile. */
      label: z.string().optional(),
      steward: z.boolean(),
    }),
  ),
})

export const rewardSchema = z.object({ id: uuidSchema, name: z.string(), points: z.number().int(), stock: z.number().int(), active: z.boolean() })
export type Reward = z.infer<typeof rewardSchema>
export const createRewardInput = z.object({
  villageId: uuidSchema,
  name: shortText(30),
  points: z.number().int().min(1).max(MAX_REWARD_POINTS),
  stock: z.number().int().min(0).max(MAX_REWARD_STOCK),
})
export const redemptionSchema = z.object({
  id: uuidSchema,
  rewardId: uuidSchema,
  rewardName: z.string(),
  personId: uuidSchema,
  name: z.string(),
  points: z.number().int(),
  status: z.enum(redemptionStatuses),
  createdAt: isoInstant,
  handedOverAt: isoInstant.nullable(),
  cancelledAt: isoInstant.nullable(),
  cancelReason: z.string().nullable(),
})
export type Redemption = z.infer<typeof redemptionSchema>
export const rewardsResponse = z.object({
  isSteward: z.boolean(),
  balance: z.number().int(),
  rewards: z.array(rewardSchema),
  /** mine; a steward sees everyone's */
  redemptions: z.array(redemptionSchema),
})
export const redeemInput = z.object({ villageId: uuidSchema, rewardId: uuidSchema })
export const redemptionIdInput = z.object({ villageId: uuidSchema, redemptionId: uuidSchema })
export const cancelRedemptionInput = redemptionIdInput.extend({ reason: shortText(100) })
export const redemptionResponse = z.object({
  redemption: redemptionSchema,
  balance: z.number().int(),
  stock: z.number().int(),
  /** true when nothing changed (handed over or cancelled already) */
  already: z.boolean(),
})
