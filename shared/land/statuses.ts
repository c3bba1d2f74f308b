/*
 * The closed sets of the land tables, each written once: the wire schemas take them with
 * z.enum, the drizzle columns with text({ enum }) and a CHECK (db/schema/land.ts), and the
 * types below follow from them.
 */

export const awardYearStatuses = ['nominating', 'published', 'locked'] as const
export type AwardYearStatus = (typeof awardYearStatuses)[number]

export const nominationStatuses = ['pending', 'approved', 'rejected'] as const
export type NominationStatus = (typeof nominationStatuses)[number]

export const meetingStatuses = ['scheduled', 'open', 'closed', 'cancelled'] as const
export type MeetingStatus = (typeof meetingStatuses)[number]

/** What the village was told after a meeting was called: called off, or moved to another day. */
export const meetingChangeKinds = ['cancelled', 'postponed'] as const
export type MeetingChangeKind = (typeof meetingChangeKinds)[number]

/** How a person came to be counted present: read out by the secretary, or checked in themselves. */
export const attendanceMethods = ['roll_call', 'self_check_in'] as const
export type AttendanceMethod = (typeof attendanceMethods)[number]

export const motionKinds = ['whole_list', 'candidate', 'ranking'] as const
export type MotionKind = (typeof motionKinds)[number]

export const motionStatuses = ['draft', 'open', 'closed'] as const
export type MotionStatus = (typeof motionStatuses)[number]

/** The public notice (公示) of a year's list. */
export const noticeStatuses = ['open', 'locked', 'withdrawn'] as const
export type NoticeStatus = (typeof noticeStatuses)[number]
