import type { MeetingChangeKind, MeetingStatus, MotionStatus } from './statuses'

/**
 * Calling a meeting off or moving it (会议取消、改期): the village was told a date (Art. 21,
 * ten days ahead), so it is told of any change, with the reason, and once the hall has started
 * voting nothing may be moved: the votes already cast belong to that meeting on that day.
 */

export type MeetingChangeRefusal = 'land_meeting_closed' | 'land_meeting_cancelled' | 'land_meeting_voting_started'

/** May this meeting still be cancelled or postponed? Not once any motion has been opened. */
export function meetingChangeRefusal(meeting: { status: MeetingStatus }, motions: readonly { status: MotionStatus }[]): MeetingChangeRefusal | null {
  if (meeting.status === 'cancelled') return 'land_meeting_cancelled'
  if (meeting.status === 'closed') return 'land_meeting_closed'
  if (motions.some((motion) => motion.status !== 'draft')) return 'land_meeting_voting_started'
  return null
}

/**
 * The meeting a villager's screens are about: one still to come or under way, else the last one
 * held. A cancelled meeting is never "the" meeting while another is called after it.
 */
export function currentMeeting<M extends { status: MeetingStatus }>(meetings: readonly M[]): M | null {
  return meetings.find((meeting) => meeting.status === 'open') ?? meetings.find((meeting) => meeting.status === 'scheduled') ?? meetings.at(-1) ?? null
}

export interface MeetingChangeLine {
  kind: MeetingChangeKind
  reason: string
  fromDate: string
  toDate: string | null
  changedOn: string
  urgentReason: string | null
}

/** The village notice of a change, as posted: "会议改期：原定…，改到…。理由：…". */
export function meetingChangeLine(change: MeetingChangeLine): string {
  if (change.kind === 'cancelled') return `${change.changedOn}通知：原定${change.fromDate}的会议取消。理由：${change.reason}`
  const urgent = change.urgentReason ? `（紧急召开：${change.urgentReason}）` : ''
  return `${change.changedOn}通知：会议由${change.fromDate}改到${change.toDate ?? ''}${urgent}。理由：${change.reason}`
}

export const meetingStatusLabels: Record<MeetingStatus, string> = { scheduled: '未开始', open: '正在开会', closed: '已结束', cancelled: '已取消' }

/**
 * The village notice list: every change to the year's meetings, newest first, each with its
 * meeting's title. What the land home and the meeting page post, whichever meeting is current.
 */
export function villageMeetingNotices<C extends MeetingChangeLine>(
  meetings: readonly { title: string; changes: readonly C[] }[],
): (C & { meetingTitle: string })[] {
  return meetings
    .flatMap((meeting) => meeting.changes.map((change) => ({ ...change, meetingTitle: meeting.title })))
    .sort((a, b) => (a.changedOn < b.changedOn ? 1 : a.changedOn > b.changedOn ? -1 : 0))
}
