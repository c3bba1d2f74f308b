import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setCachedMe } from '@/lib/session'
import GardenMonthPage from '@/packages/garden/month/index'
import { UpcomingShifts } from '@/packages/garden/steward/upcoming-shifts'
import { me } from './fixtures'
import { callsTo, gardenVillageId, otherId, overview, serveGarden, shiftAt, signedInAt, uuid, volunteerId } from './garden-fixtures'
import Taro from './taro-mock'

// The consent question exists only in the WeChat build; each test says which build it is.
const build = vi.hoisted(() => ({ isWeapp: true, apiBase: '' }))
vi.mock('@/lib/env', () => build)

const MONTH = '/api/garden/shifts/list'
const HOME = '/api/garden/overview'
const SUBSCRIPTION = '/api/garden/reminders/subscription'
const SIGN_UP = '/api/garden/shifts/sign-up'
const CONSENT = '/api/garden/reminders/consent'
const REACH = '/api/garden/reminders/reach'
const TEMPLATE = 'tmpl-garden-reminder'

function openMonth(subscription = { templateId: TEMPLATE, credits: 0, wechat: true }) {
  signedInAt({ villageId: gardenVillageId })
  setCachedMe({ ...me, person: { ...me.person, id: volunteerId } })
  // 10:00 in Beijing; the page opens on today, and the open shift is at noon.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-05-06T02:00:00.000Z'))
  const open = shiftAt(1, 120)
  const order: string[] = []
  Taro.requestSubscribeMessage.mockImplementation(async () => {
    order.push('asked')
    return { errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'accept' }
  })
  serveGarden({
    [MONTH]: () => ({ month: '2026-05', shifts: [open] }),
    [HOME]: () => overview(),
    [SUBSCRIPTION]: () => subscription,
    [SIGN_UP]: () => (order.push('signed up'), { signupId: uuid(101), shiftId: open.id, personId: volunteerId, status: 'booked' }),
    [CONSENT]: (call) => (order.push('reported'), { counted: (call.data as { answer: string }).answer === 'accept', credits: 1 }),
  })
  render(<GardenMonthPage />)
  return { open, order }
}

afterEach(() => {
  vi.useRealTimers()
  build.isWeapp = true
})

describe('signing up asks for WeChat reminders', () => {
  it('asks from the tap, then signs up, then reports the answer', async () => {
    const { open, order } = openMonth()
    await waitFor(() => expect(callsTo(SUBSCRIPTION)).toHaveLength(1))
    fireEvent.click(await screen.findByTestId('garden-sign-up'))
    await waitFor(() => expect(callsTo(CONSENT)).toHaveLength(1))
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(Taro.requestSubscribeMessage.mock.calls[0]?.[0]).toMatchObject({ tmplIds: [TEMPLATE] })
    expect(order).toEqual(['asked', 'signed up', 'reported'])
    expect(callsTo(SIGN_UP)[0]?.data).toEqual({ villageId: gardenVillageId, shiftId: open.id })
    expect(callsTo(CONSENT)[0]?.data).toEqual({ villageId: gardenVillageId, templateId: TEMPLATE, answer: 'accept' })
    // The consent counted: the page reads the credits again, and the shift says the reminder goes by WeChat.
    await waitFor(() => expect(callsTo(SUBSCRIPTION)).toHaveLength(2))
  })

  it('a "no" is reported too, and the sign-up goes ahead', async () => {
    openMonth()
    Taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'reject' })
    await waitFor(() => expect(callsTo(SUBSCRIPTION)).toHaveLength(1))
    fireEvent.click(await screen.findByTestId('garden-sign-up'))
    await waitFor(() => expect(callsTo(CONSENT)).toHaveLength(1))
    expect(callsTo(CONSENT)[0]?.data).toMatchObject({ answer: 'reject' })
    expect(callsTo(SIGN_UP)).toHaveLength(1)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '报名成功' }))
  })

  it('WeChat failing to ask (switched off, old client) still signs up, reporting nothing', async () => {
    openMonth()
    Taro.requestSubscribeMessage.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 })
    await waitFor(() => expect(callsTo(SUBSCRIPTION)).toHaveLength(1))
    fireEvent.click(await screen.findByTestId('garden-sign-up'))
    await waitFor(() => expect(callsTo(SIGN_UP)).toHaveLength(1))
    expect(callsTo(CONSENT)).toEqual([])
  })

  it('on H5 nothing is asked: the sign-up alone', async () => {
    build.isWeapp = false
    openMonth()
    await waitFor(() => expect(callsTo(SUBSCRIPTION)).toHaveLength(1))
    fireEvent.click(await screen.findByTestId('garden-sign-up'))
    await waitFor(() => expect(callsTo(SIGN_UP)).toHaveLength(1))
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled()
    expect(callsTo(CONSENT)).toEqual([])
  })

  it('a server without WeChat reminders set up asks nothing', async () => {
    openMonth({ templateId: null as unknown as string, credits: 0, wechat: true })
    await waitFor(() => expect(callsTo(SUBSCRIPTION)).toHaveLength(1))
    fireEvent.click(await screen.findByTestId('garden-sign-up'))
    await waitFor(() => expect(callsTo(SIGN_UP)).toHaveLength(1))
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled()
  })
})

describe('the steward sees who will not be reminded outside the app', () => {
  it('names the reason beside each person on an upcoming shift', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-05-06T02:00:00.000Z'))
    const shift = shiftAt(1, 24 * 60, [
      { signupId: uuid(201), personId: volunteerId, name: '沙秀芳', status: 'booked', checkedInAt: null },
      { signupId: uuid(202), personId: otherId, name: '张海涛', status: 'booked', checkedInAt: null },
    ])
    serveGarden({
      [MONTH]: () => ({ month: '2026-05', shifts: [shift] }),
      [REACH]: () => ({
        configured: true,
        places: [
          { signupId: uuid(201), shiftId: shift.id, personId: volunteerId, outside: true, status: 'will_send', reason: null },
          { signupId: uuid(202), shiftId: shift.id, personId: otherId, outside: false, status: 'app_only', reason: 'no_consent' },
        ],
      }),
    })
    render(<UpcomingShifts villageId={gardenVillageId} />)
    fireEvent.click(await screen.findByTestId(`garden-steward-day-${shift.date}`))
    const lines = await screen.findAllByTestId('garden-reach')
    expect(lines.map((l) => l.textContent)).toEqual(['会收到微信提醒', '不会收到微信提醒：没有同意微信提醒，请当面告诉本人'])
  })
})
