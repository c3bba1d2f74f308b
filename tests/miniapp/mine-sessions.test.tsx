import { describe, expect, it } from 'vitest'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import MinePage from '@/pages/mine/index'
import { me, ok, session } from './fixtures'
import Taro from './taro-mock'

interface SentRequest {
  url: string
  method?: string
}

function renderMine(answer: (url: string) => unknown) {
  Taro.setStorageSync('xy.session.token', 'tok-old')
  Taro.request.mockImplementation((options: SentRequest) => Promise.resolve(answer(options.url)))
  return render(<MinePage />)
}

const sent = () => Taro.request.mock.calls.map(([options]) => options as SentRequest)

async function confirm(testId: string, confirmText: string): Promise<void> {
  fireEvent.click(await screen.findByTestId(testId))
  const confirmButton = await screen.findByText(confirmText)
  await act(async () => {
    fireEvent.click(confirmButton)
  })
}

describe('我的: ending sessions', () => {
  it('退出登录 ends the session on the server before the phone forgets its token', async () => {
    renderMine((url) => (url.endsWith('/api/auth/logout') ? ok({ ok: true }) : ok(me)))
    await screen.findByText(me.person.name)
    await confirm('mine-logout', '退出')
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalled())
    const logout = sent().find((request) => request.url.endsWith('/api/auth/logout'))
    expect(logout?.method).toBe('POST')
    expect(Taro.getStorageSync('xy.session.token')).toBe('')
  })

  it('让其他手机退出登录 keeps this phone logged in with the new token', async () => {
    renderMine((url) => (url.endsWith('/api/auth/sign-out-others') ? ok(session) : ok(me)))
    await screen.findByText(me.person.name)
    await confirm('mine-sign-out-others', '确定')
    expect((await screen.findByTestId('mine-session-note')).textContent).toContain('其他手机已经退出登录')
    expect(Taro.getStorageSync('xy.session.token')).toBe(session.token)
    expect(sent().some((request) => request.url.endsWith('/api/auth/sign-out-others'))).toBe(true)
  })
})
