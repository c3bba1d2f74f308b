import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { weappSizes } from '../../bench/sizes'
import { demoSession, startProduct, type Product } from '../e2e/harness'
import { readAppJson, WeappRuntime } from './runtime'

/**
 * The WeChat build itself, booted page by page in a runtime that, like a phone's, cannot eval
 * or `new Function`, talking to the real API server with a demo village. What the browser tests
 * prove of the H5 build, this proves of the package that is uploaded to WeChat: it starts, every
 * page registers and renders, the shared zod schemas validate answers without generated code,
 * and the data reaches the screen.
 */

const distDir = path.resolve(import.meta.dirname, '..', '..', 'miniapp', 'dist', 'weapp')
// Text that only appears when something went wrong between the page and the API.
const FAILURE_TEXTS = ['出了点问题', '数据有误', '网络不好']

describe('the WeChat (weapp) build boots without eval and renders the demo village', () => {
  let product: Product
  const sessions = new Map<string, { token: string; expiresAt: string }>()
  let ids: { gaojing: string; caibei: string; workshop: string }

  beforeAll(async () => {
    product = await startProduct()
    for (const name of ['青明', '马淑兰', '刘建国']) sessions.set(name, await demoSession(product.baseUrl, name))
    const me = async (name: string) =>
      (await (await fetch(`${product.baseUrl}/api/me`, { headers: { authorization: `Bearer ${sessions.get(name)?.token ?? ''}` } })).json()) as {
        memberships: { villageId: string; villageName: string }[]
      }
    const villageOf = async (name: string, village: string) => (await me(name)).memberships.find((m) => m.villageName === village)?.villageId ?? ''
    const workshops = (await (
      await fetch(`${product.baseUrl}/api/piecework/workshops/list`, { headers: { authorization: `Bearer ${sessions.get('刘建国')?.token ?? ''}` } })
    ).json()) as { workshops: { id: string; isHead: boolean }[] }
    ids = {
      gaojing: await villageOf('青明', '高井嘎查'),
      caibei: await villageOf('马淑兰', '菜北社区41号院'),
      workshop: workshops.workshops.find((w) => w.isHead)?.id ?? '',
    }
    expect(Object.values(ids).every(Boolean)).toBe(true)
  })
  afterAll(async () => {
    await product?.stop()
  })

  function runtimeFor(name: string | null): WeappRuntime {
    const runtime = new WeappRuntime(distDir, product.baseUrl)
    const session = name ? sessions.get(name) : undefined
    if (session) {
      runtime.storage.set('xy.session.token', session.token)
      runtime.storage.set('xy.session.expiresAt', session.expiresAt)
    }
    runtime.launch()
    return runtime
  }

  it('sends a visitor without a session to the login page, which will bring them back', async () => {
    const runtime = runtimeFor(null)
    const page = await runtime.open('pages/vote/index')
    expect(page.texts()).toContain('移风易俗奖耕地')
    expect(runtime.calls.filter((c) => c.api === 'wx.reLaunch').map((c) => (c.arg as { url: string }).url)).toEqual([
      `/pages/login/index?returnTo=${encodeURIComponent('/pages/vote/index')}`,
    ])
    runtime.dispose()
  })

  it('really has no eval: code generated from a string is refused, as on a phone', () => {
    const runtime = runtimeFor(null)
    expect(() => runtime.evaluate('new Function("return 1")()')).toThrow(/Code generation from strings disallowed/)
    runtime.dispose()
  })

  const cases: {
    page: string
    as: string
    options?: (ids: { gaojing: string; caibei: string; workshop: string }) => Record<string, string>
    shows: string[]
  }[] = [
    { page: 'pages/home/index', as: '青明', shows: ['青明'] },
    { page: 'pages/vote/index', as: '青明', shows: ['移风易俗奖耕地'] },
    { page: 'pages/mine/index', as: '青明', shows: ['青明', '高井嘎查'] },
    { page: 'pages/garden/index', as: '马淑兰', shows: ['菜北社区41号院'] },
    { page: 'pages/piecework/index', as: '刘建国', shows: ['馆里村'] },
    { page: 'packages/land/history/index', as: '青明', options: (v) => ({ villageId: v.gaojing }), shows: ['82'] },
    { page: 'packages/garden/home/index', as: '马淑兰', options: (v) => ({ villageId: v.caibei }), shows: ['值班月历 · 报名'] },
    { page: 'packages/piecework/collect/index', as: '刘建国', options: (v) => ({ workshopId: v.workshop }), shows: ['高秀兰'] },
    {
      page: 'packages/piecework/workers/index',
      as: '刘建国',
      options: (v) => ({ workshopId: v.workshop }),
      shows: ['现有加工户', '馆里村、前杨村、后李村', '杨秀云'],
    },
  ]

  it.each(cases)('$page, logged in as $as, shows what the API holds', async ({ page: route, as, options, shows }) => {
    const runtime = runtimeFor(as)
    const page = await runtime.open(route, options?.(ids) ?? {})
    const texts = page.texts().join('\n')
    for (const text of shows) expect(texts, texts).toContain(text)
    for (const failure of FAILURE_TEXTS) expect(texts).not.toContain(failure)
    expect(runtime.calls.some((c) => c.api === 'wx.request')).toBe(true)
    expect(runtime.errors).toEqual([])
    page.unload()
    runtime.dispose()
  })

  it('registers and renders every page of app.json, main package and subpackages', async () => {
    const app = readAppJson(distDir)
    const routes = [...app.pages, ...app.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))]
    expect(routes.length).toBeGreaterThan(25)
    for (const route of routes) {
      const runtime = runtimeFor('青明')
      const page = await runtime.open(route)
      expect(page.updates, route).toBeGreaterThan(0)
      expect(page.texts().length, route).toBeGreaterThan(0)
      expect(runtime.errors, route).toEqual([])
      for (const failure of FAILURE_TEXTS) expect(page.texts().join('\n'), route).not.toContain(failure)
      page.unload()
      runtime.dispose()
    }
  })

  it('fits WeChat’s package limits and carries no unresolved environment variable', () => {
    const sizes = weappSizes(distDir)
    const limit = 2 * 1024 * 1024
    expect(sizes.mainPackage).toBeLessThan(limit)
    for (const [root, size] of Object.entries(sizes.subpackages)) expect(size, root).toBeLessThan(limit)
    expect(sizes.mainPackage + Object.values(sizes.subpackages).reduce((sum, size) => sum + size, 0)).toBeLessThan(20 * limit)
    // A bare process.env.X in the bundle is undefined on a phone (no process there) and crashes it.
    const scripts = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'))
    const leaks = scripts.filter((file) => /process\.env\.TARO_APP_/.test(readFileSync(path.join(distDir, file), 'utf8')))
    expect(leaks).toEqual([])
  })
})
