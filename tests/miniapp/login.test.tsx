import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import LoginPage from '@/pages/login/index'
import { fail, ok, personas, secretaryId, session, weaverId, type RequestCall } from './fixtures'
import Taro from './taro-mock'

function answerWith(demoAnswer: ReturnType<typeof ok> | ReturnType<typeof fail>) {
  Taro.request.mockImplementation((call: RequestCall) => {
    if (call.url === '/api/auth/demo-personas') return Promise.resolve(ok({ personas }))
    if (call.url === '/api/auth/demo') return Promise.resolve(demoAnswer)
    return Promise.reject(new Error(`unexpected ${call.url}`))
  })
}

describe('login page on H5: persona picker', () => {
  it('lists the demo personas with village and Chinese role names', async () => {
    answerWith(ok(session))
    render(<LoginPage />)
    const card = await screen.findByTestId(`persona-${secretaryId}`)
    expect(card.textContent).toContain('包书记')
    expect(card.textContent).toContain('高井嘎查')
    expect(card.textContent).toContain('党支部书记')
    expect(screen.getByTestId(`persona-${weaverId}`).textContent).toContain('户代表')
  })

  it('logs in as the tapped persona, keeps the token and opens the home tab', async () => {
    answerWith(ok(session))
    render(<LoginPage />)
    fireEvent.click(await screen.findByTestId(`persona-${weaverId}`))
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
    const demoCalls = Taro.request.mock.calls.map((args) => args[0] as RequestCall).filter((c) => c.url === '/api/auth/demo')
    expect(demoCalls).toHaveLength(1)
    expect(demoCalls[0]?.method).toBe('POST')
    expect(demoCalls[0]?.data).toEqual({ personId: weaverId })
    expect(Taro.getStorageSync('xy.session.token')).toBe(session.token)
  })

  it('shows the server’s message when demo login is refused and stays on the page', async () => {
    answerWith(fail(403, 'forbidden', '您没有权限进行此操作'))
    render(<LoginPage />)
    fireEvent.click(await screen.findByTestId(`persona-${secretaryId}`))
    expect((await screen.findByTestId('error-notice')).textContent).toContain('您没有权限进行此操作')
    expect(Taro.switchTab).not.toHaveBeenCalled()
    expect(Taro.getStorageSync('xy.session.token')).toBe('')
  })

  it('explains when the server has demo login switched off', async () => {
    Taro.request.mockResolvedValue(fail(403, 'demo_login_disabled', '演示登录未开启'))
    render(<LoginPage />)
    const notice = await screen.findByTestId('error-notice')
    expect(notice.textContent).toContain('演示登录未开启')
    expect(screen.queryByTestId(`persona-${secretaryId}`)).toBeNull()
  })

  it('sends a reader who already has a session straight to home', async () => {
    Taro.setStorageSync('xy.session.token', 'tok-1')
    answerWith(ok(session))
    render(<LoginPage />)
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
  })
})
