import { describe, expect, it } from 'vitest'
import {
  currentMeeting,
  MAX_PHOTO_BYTES,
  meetingAwardOutcome,
  meetingChangeLine,
  meetingChangeRefusal,
  moveInOrder,
  photoRefusal,
  rankingReason,
  scaledPhotoSize,
  sniffPhotoType,
} from '../../../shared/land'

const jpeg = (size: number) => {
  const bytes = new Uint8Array(size)
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  return bytes
}

describe('photos', () => {
  it('are typed by their first bytes', () => {
    expect(sniffPhotoType(jpeg(10))).toBe('image/jpeg')
    expect(sniffPhotoType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png')
    expect(sniffPhotoType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp')
    expect(sniffPhotoType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVE'))).toBeNull()
    expect(sniffPhotoType(new TextEncoder().encode('<svg/>'))).toBeNull()
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8]))).toBeNull()
  })
  it('are refused over 600 KB, in words with the size', () => {
    expect(photoRefusal(jpeg(MAX_PHOTO_BYTES))).toBeNull()
    expect(photoRefusal(jpeg(MAX_PHOTO_BYTES + 1))).toMatchObject({ code: 'land_photo_too_large' })
    expect(photoRefusal(jpeg(2 * 1024 * 1024))?.message).toContain('2.0MB')
    expect(photoRefusal(new Uint8Array())).toMatchObject({ code: 'land_photo_type_refused' })
  })
  it('are scaled to 1280 px on the longer edge, never enlarged', () => {
    expect(scaledPhotoSize(4032, 3024)).toEqual({ width: 1280, height: 960 })
    expect(scaledPhotoSize(3024, 4032)).toEqual({ width: 960, height: 1280 })
    expect(scaledPhotoSize(800, 600)).toEqual({ width: 800, height: 600 })
    expect(scaledPhotoSize(0, 600)).toEqual({ width: 0, height: 0 })
  })
})

describe('the award outcome of a meeting', () => {
  const list = (ids: string[], passed = true) => ({ kind: 'whole_list' as const, status: 'closed' as const, passed, candidateIds: ids })
  const twelve = Array.from({ length: 12 }, (_, i) => `n${i + 1}`)
  it('needs a ranking when more are approved than the land carries', () => {
    expect(meetingAwardOutcome([list(twelve)], 10).result).toEqual({ ok: false, reason: 'land_ranking_required', approved: 12, capacity: 10 })
    expect(rankingReason(12, 10)).toContain('会议批准了12户，奖励耕地只够10户')
  })
  it('takes the last ranking passed, and ignores ones that failed or are still open', () => {
    const failed = { kind: 'ranking' as const, status: 'closed' as const, passed: false, candidateIds: twelve }
    const open = { kind: 'ranking' as const, status: 'open' as const, passed: null, candidateIds: twelve }
    const good = { kind: 'ranking' as const, status: 'closed' as const, passed: true, candidateIds: [...twelve].reverse() }
    const outcome = meetingAwardOutcome([list(twelve), failed, good, open], 10)
    expect(outcome.result).toEqual({ ok: true, awarded: [...twelve].reverse().slice(0, 10), waitlisted: ['n2', 'n1'] })
  })
  it('counts only approvals that passed', () => {
    expect(meetingAwardOutcome([list(['a', 'b'], false)], 10).approved).toEqual([])
  })
  it('moves an entry by one place, and nothing past the ends', () => {
    expect(moveInOrder(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c'])
    expect(moveInOrder(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
})

describe('changing a meeting', () => {
  it('is refused once any motion has been opened, or on a closed or cancelled meeting', () => {
    expect(meetingChangeRefusal({ status: 'scheduled' }, [{ status: 'draft' }])).toBeNull()
    expect(meetingChangeRefusal({ status: 'open' }, [])).toBeNull()
    expect(meetingChangeRefusal({ status: 'open' }, [{ status: 'draft' }, { status: 'closed' }])).toBe('land_meeting_voting_started')
    expect(meetingChangeRefusal({ status: 'closed' }, [])).toBe('land_meeting_closed')
    expect(meetingChangeRefusal({ status: 'cancelled' }, [])).toBe('land_meeting_cancelled')
  })
  it('the current meeting is the one to come, not one called off', () => {
    const meetings = [
      { id: 'a', status: 'closed' as const },
      { id: 'b', status: 'cancelled' as const },
      { id: 'c', status: 'scheduled' as const },
    ]
    expect(currentMeeting(meetings)?.id).toBe('c')
    expect(currentMeeting(meetings.slice(0, 2))?.id).toBe('b')
    expect(currentMeeting([])).toBeNull()
  })
  it('posts the change in one sentence', () => {
    expect(
      meetingChangeLine({ kind: 'cancelled', reason: '大雪封路', fromDate: '2026-04-01', toDate: null, urgentReason: null, changedOn: '2026-03-28' }),
    ).toBe('2026-03-28通知：原定2026-04-01的会议取消。理由：大雪封路')
    expect(
      meetingChangeLine({ kind: 'postponed', reason: '秋收', fromDate: '2026-04-01', toDate: '2026-04-05', urgentReason: '春播在即', changedOn: '2026-03-28' }),
    ).toBe('2026-03-28通知：会议由2026-04-01改到2026-04-05（紧急召开：春播在即）。理由：秋收')
  })
})

describe('the village notice list', () => {
  it('lists every meeting’s changes, newest first, with the meeting’s title', async () => {
    const { villageMeetingNotices } = await import('../../../shared/land')
    const change = (changedOn: string) => ({ kind: 'cancelled' as const, reason: 'r', fromDate: '2026-04-01', toDate: null, urgentReason: null, changedOn })
    const notices = villageMeetingNotices([
      { title: '甲', changes: [change('2026-03-01')] },
      { title: '乙', changes: [change('2026-03-05')] },
    ])
    expect(notices.map((notice) => notice.meetingTitle)).toEqual(['乙', '甲'])
  })
})
