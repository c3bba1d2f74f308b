import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { WechatLogin } from '@/components/wechat-login'
import { fail, ok, session, type RequestCall } from './fixtures'
import Taro from './taro-mock'

function wechatCalls(): RequestCall[] {
  return Taro.request.mock.calls.map((args) => args[0] as RequestCall).filter((call) => call.url === '/api/auth/wechat')
}

function inviteInput(container: HTMLElement): HTMLInputElement {
  const input = container.querySelector('.invite-input input')
  if (!(input instanceof HTMLInputElement)) throw new Error('invite input not rendered')
  return input
}

describe('WeChat login', () => {
  it('asks an unbound account for the invite code and retries with a fresh login code', async () => {
    Taro.login.mockResolvedValueOnce({ code: 'code-1' }).mockResolvedValueOnce({ code: 'code-2' })
    Taro.request.mockResolvedValueOnce(fail(403, 'account_not_bound', '您的微信还未绑定村民身份，请向村书记索取邀请码')).mockResolvedValueOnce(ok(session))
    const onSession = vi.fn()
    const { container } = render(<WechatLogin onSession={onSession} />)

    fireEvent.click(screen.getByText('微信一键登录'))
    expect(await screen.findByText('您的微信还未绑定村民身份，请向村书记索取邀请码')).toBeTruthy()
    expect(wechatCalls()[0]?.data).toEqual({ code: 'code-1' })
    expect(onSession).not.toHaveBeenCalled()

    fireEvent.input(inviteInput(container), { target: { value: 'ab12cd34' } })
    fireEvent.click(screen.getByText('提交邀请码并登录'))
    await waitFor(() => expect(onSession).toHaveBeenCalledWith(session))
    expect(wechatCalls()[1]?.data).toEqual({ code: 'code-2', inviteCode: 'AB12CD34' })
  })

  it('rejects a malformed invite code before calling the server', async () => {
    Taro.login.mockResolvedValue({ code: 'code-1' })
    Taro.request.mockResolvedValueOnce(fail(403, 'account_not_bound', '您的微信还未绑定村民身份，请向村书记索取邀请码'))
    const { container } = render(<WechatLogin onSession={vi.fn()} />)
    fireEvent.click(screen.getByText('微信一键登录'))
    await screen.findByText('提交邀请码并登录')

    fireEvent.input(inviteInput(container), { target: { value: 'ab1' } })
    fireEvent.click(screen.getByText('提交邀请码并登录'))
    expect(await screen.findByText('邀请码是8位数字或大写字母')).toBeTruthy()
    expect(wechatCalls()).toHaveLength(1)
  })
})
