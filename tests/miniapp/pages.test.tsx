/**
 * lib/pages.ts is the one map of the app's pages; app.config.ts (which Taro reads at build time)
 * must list exactly those pages, in the same packages, and every page must have its file.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { pages, pageUrl, tabPages } from '@/lib/pages'

interface AppConfig {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
  tabBar: { list: { pagePath: string }[] }
}

vi.stubGlobal('defineAppConfig', (config: AppConfig) => config)
const config = ((await import('@/app.config')) as { default: AppConfig }).default
const srcDir = path.resolve(__dirname, '../../miniapp/src')

/** Every page app.config.ts declares, as the absolute path the app navigates to. */
const configured = [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))].map((page) => `/${page}`)
const mapped: string[] = Object.values(pages).flatMap((group) => Object.values(group))

describe('the page map (lib/pages.ts) and app.config.ts', () => {
  it('list the same pages, each once', () => {
    expect(new Set(mapped).size).toBe(mapped.length)
    expect(new Set(configured).size).toBe(configured.length)
    expect([...configured].sort()).toEqual([...mapped].sort())
  })

  it('group them alike: the main group is the main package, each other group its own subpackage', () => {
    expect(config.pages.map((page) => `/${page}`).sort()).toEqual(Object.values(pages.main).sort())
    for (const [group, entries] of Object.entries(pages)) {
      if (group === 'main') continue
      const sub = config.subPackages.find((candidate) => candidate.root === `packages/${group}`)
      expect(sub, group).toBeDefined()
      expect(sub?.pages.map((page) => `/packages/${group}/${page}`).sort(), group).toEqual(Object.values(entries).sort())
    }
  })

  it('has a file for every page', () => {
    const missing = mapped.filter((page) => !existsSync(path.join(srcDir, `${page}.tsx`)))
    expect(missing).toEqual([])
  })

  it('names the tab bar’s pages as its tab pages, in order', () => {
    expect(config.tabBar.list.map((tab) => `/${tab.pagePath}`)).toEqual(tabPages)
  })
})

describe('pageUrl', () => {
  it('encodes values and leaves out absent ones', () => {
    expect(pageUrl(pages.land.notice, { noticeId: 'a b', villageId: undefined, extra: null })).toBe('/packages/land/notice/index?noticeId=a%20b')
    expect(pageUrl(pages.main.home)).toBe('/pages/home/index')
  })
})
