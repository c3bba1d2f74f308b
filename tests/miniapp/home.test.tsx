import { describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import HomePage from '@/pages/home/index'
import VotePage from '@/pages/vote/index'
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
