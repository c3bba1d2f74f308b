import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import HomePage from '@/pages/home/index'
import VotePage from '@/pages/vote/index'
import { clearSession, getStoredMe, setCachedMe } from '@/lib/session'
import { me, ok, villageId, type RequestCall } from './fixtures'
import Taro from './taro-mock'

describe('member pages', () => {
  it.each([
    ['home', HomePage],
    ['vote', VotePage],
  ])('%s sends a logged-out reader to login without calling the API', async (_name, Page) => {
    render(<Page />)
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }))
    expect(Taro.request).not.toHaveBeenCalled()
  })

  it('home greets the reader by name and lists the village with kind, township and roles', async () => {
    Taro.setStorageSync('xy.session.token', 'tok-1')
    Taro.request.mockResolvedValue(ok(me))
    render(<HomePage />)
    expect((await screen.findByTestId('home-greeting')).textContent).toContain('包书记')
    const village = screen.getByTestId(`village-${villageId}`)
    expect(village.textContent).toContain('高井嘎查')
    expect(village.textContent).toContain('嘎查')
    expect(village.textContent).toContain('甘旗卡镇')
    expect(village.textContent).toContain('党支部书记')
    expect((Taro.request.mock.calls[0]?.[0] as RequestCall).header?.Authorization).toBe('Bearer tok-1')
  })

  it('home opens the village audit page in the subpackage', async () => {
    Taro.setStorageSync('xy.session.token', 'tok-1')
    Taro.request.mockResolvedValue(ok(me))
    render(<HomePage />)
    fireEvent.click(await screen.findByText('村务记录核验'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/village/audit/index?villageId=${villageId}` })
  })
})

/** Sets the in-memory profile the way a run of the app would; null stands for a fresh start (memory empty, storage kept). */
function setCachedMeForTest(value: typeof me | null) {
  if (value !== null) return setCachedMe(value)
  // A fresh start: keep storage, forget memory (clearSession would forget both).
  const kept = Taro.getStorageSync('xy.session.me') as unknown
  const token = Taro.getStorageSync('xy.session.token') as unknown
  clearSession()
  Taro.setStorageSync('xy.session.me', kept)
  Taro.setStorageSync('xy.session.token', token)
}

describe('home without a network', () => {
  const offline = () => Promise.reject(new Error('request:fail net::ERR_INTERNET_DISCONNECTED'))
  const signIn = () => {
    // A profile from an earlier test of this file must not count as kept.
    clearSession()
    Taro.setStorageSync('xy.session.token', 'tok-1')
  }

  it('says the network is away and offers 重试 within seconds, then shows the page once it is back', async () => {
    signIn()
    Taro.request.mockImplementation(offline)
    render(<HomePage />)
    const notice = await screen.findByTestId('home-offline', undefined, { timeout: 4000 })
    expect(notice.textContent).toContain('网络不好')
    expect(screen.queryByTestId('loading')).toBeNull()
    Taro.request.mockResolvedValue(ok(me))
    fireEvent.click(within(notice).getByText('重试'))
    expect((await screen.findByTestId('home-greeting')).textContent).toContain('包书记')
    expect(screen.queryByTestId('home-offline')).toBeNull()
  })

  it('shows the profile kept from the last visit at once, and says it may be old', async () => {
    signIn()
    Taro.request.mockResolvedValueOnce(ok(me))
    const first = render(<HomePage />)
    await screen.findByTestId('home-greeting')
    first.unmount()
    // The app is opened again, offline: nothing in memory, only what storage kept.
    setCachedMeForTest(null)
    Taro.request.mockImplementation(offline)
    render(<HomePage />)
    expect(screen.getByTestId('home-greeting').textContent).toContain('包书记')
    expect(screen.getByTestId(`village-${villageId}`).textContent).toContain('高井嘎查')
    const notice = await screen.findByTestId('home-offline', undefined, { timeout: 4000 })
    expect(notice.textContent).toContain('上次打开时的信息')
    expect(screen.getByTestId('home-greeting')).toBeTruthy()
  })

  it('a request that never answers still ends 正在加载 after a few seconds', async () => {
    signIn()
    Taro.request.mockImplementation(() => new Promise(() => undefined))
    render(<HomePage />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    const notice = await screen.findByTestId('home-offline', undefined, { timeout: 6000 })
    expect(within(notice).getByText('重试')).toBeTruthy()
    expect(screen.queryByTestId('loading')).toBeNull()
  })

  it('logging out forgets the kept profile', () => {
    signIn()
    setCachedMeForTest(me)
    clearSession()
    Taro.setStorageSync('xy.session.token', 'tok-2')
    expect(getStoredMe()).toBeNull()
  })
})
