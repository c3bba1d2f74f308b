import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

/**
 * A stand-in for the WeChat mini-program runtime, just enough to boot the real `weapp` build:
 * CommonJS `require` between the built files, `App`/`Page`/`Component` registration, a `wx`
 * whose `request` reaches a real API server, and — as on a phone — no `eval` and no
 * `new Function` (the context refuses to generate code from strings). A page is loaded, its
 * lifecycle run, and everything it sends to the view through `setData` is kept for inspection.
 */

export interface WxCall {
  api: string
  arg: unknown
}

interface RequestOptions {
  url: string
  method?: string
  header?: Record<string, string>
  data?: unknown
  success?: (result: { statusCode: number; data: unknown; header: Record<string, string>; errMsg: string }) => void
  fail?: (error: { errMsg: string }) => void
  complete?: () => void
}

type Lifecycle = (this: PageInstance, ...args: unknown[]) => unknown
type PageConfig = Record<string, unknown> & { onLoad?: Lifecycle; onShow?: Lifecycle; onReady?: Lifecycle; onUnload?: Lifecycle }

interface PageInstance {
  data: Record<string, unknown>
  route: string
  options: Record<string, string>
  setData: (patch: Record<string, unknown>, callback?: () => void) => void
}

export interface BootedPage {
  /** Every text the page rendered (the `v` leaves of Taro's view tree), in order. */
  texts: () => string[]
  updates: number
  unload: () => void
}

export class WeappRuntime {
  readonly calls: WxCall[] = []
  readonly storage = new Map<string, unknown>()
  readonly errors: unknown[] = []
  private readonly context: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private appConfig: Record<string, unknown> | null = null
  private registering = ''
  private readonly pages = new Map<string, PageConfig>()
  private inFlight = 0

  constructor(
    private readonly distDir: string,
    private readonly apiBase: string,
  ) {
    const record = (api: string, arg: unknown) => this.calls.push({ api, arg })
    const succeed = (api: string) => (arg?: { success?: (r: unknown) => void; complete?: () => void }) => {
      record(api, arg)
      arg?.success?.({ errMsg: `${api}:ok` })
      arg?.complete?.()
      return Promise.resolve({ errMsg: `${api}:ok` })
    }
    const system = {
      windowWidth: 375,
      windowHeight: 667,
      screenWidth: 375,
      screenHeight: 667,
      pixelRatio: 2,
      fontSizeSetting: 17,
      platform: 'android',
      SDKVersion: '3.3.0',
      language: 'zh_CN',
      system: 'Android 10',
    }
    const known: Record<string, unknown> = {
      getSystemInfoSync: () => system,
      getWindowInfo: () => system,
      getDeviceInfo: () => system,
      getAppBaseInfo: () => system,
      getStorageSync: (key: string) => (this.storage.has(key) ? this.storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => void this.storage.set(key, value),
      removeStorageSync: (key: string) => void this.storage.delete(key),
      request: (options: RequestOptions) => this.request(options),
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      canIUse: () => true,
    }
    // Taro copies the APIs it finds on `wx` when it starts, so the ones the app calls must be there.
    for (const api of [
      'reLaunch',
      'navigateTo',
      'redirectTo',
      'switchTab',
      'navigateBack',
      'showToast',
      'showModal',
      'showLoading',
      'hideLoading',
      'login',
      'downloadFile',
      'openDocument',
      'getNetworkType',
      'setNavigationBarTitle',
      'pageScrollTo',
    ]) {
      known[api] = succeed(`wx.${api}`)
    }
    for (const api of ['onNetworkStatusChange', 'offNetworkStatusChange', 'onAppShow', 'onAppHide', 'onWindowResize', 'offWindowResize']) {
      known[api] = (listener: unknown) => void record(`wx.${api}`, listener)
    }
    const wx = new Proxy(known, {
      get: (target, key) => (typeof key === 'string' && key in target ? target[key] : typeof key === 'string' ? succeed(`wx.${key}`) : undefined),
    })
    const sandbox: Record<string, unknown> = {
      wx,
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      App: (config: Record<string, unknown>) => void (this.appConfig = config),
      Page: (config: PageConfig) => void this.pages.set(this.registering, config),
      Component: () => undefined,
      getApp: () => this.appConfig,
      getCurrentPages: () => [],
      requirePlugin: () => ({}),
    }
    sandbox.global = sandbox
    // As in WeChat: no eval, no new Function.
    this.context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } })
    process.on('unhandledRejection', this.onUnhandled)
  }

  private readonly onUnhandled = (reason: unknown) => this.errors.push(reason)

  dispose(): void {
    process.off('unhandledRejection', this.onUnhandled)
  }

  private request(options: RequestOptions): { abort: () => void } {
    this.calls.push({ api: 'wx.request', arg: { url: options.url, method: options.method } })
    const url = /^https?:/.test(options.url) ? options.url : `${this.apiBase}${options.url}`
    const method = options.method ?? 'GET'
    this.inFlight += 1
    void fetch(url, {
      method,
      headers: options.header,
      body: method === 'GET' || options.data === undefined ? undefined : JSON.stringify(options.data),
    })
      .then(async (response) => {
        const text = await response.text()
        let data: unknown = text
        try {
          data = JSON.parse(text) as unknown
        } catch {
          // wx.request hands a non-JSON body over as a string
        }
        options.success?.({ statusCode: response.status, data, header: Object.fromEntries(response.headers), errMsg: 'request:ok' })
      })
      .catch((error: unknown) => options.fail?.({ errMsg: `request:fail ${String(error)}` }))
      .finally(() => {
        this.inFlight -= 1
        options.complete?.()
      })
    return { abort: () => undefined }
  }

  private require(file: string): unknown {
    const full = path.resolve(file.endsWith('.js') ? file : `${file}.js`)
    const cached = this.modules.get(full)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.modules.set(full, module)
    const wrapped = vm.runInContext(`(function (require, module, exports) {${readFileSync(full, 'utf8')}\n})`, this.context, { filename: full }) as (
      require: (id: string) => unknown,
      module: { exports: unknown },
      exports: unknown,
    ) => void
    wrapped((id) => this.require(path.resolve(path.dirname(full), id)), module, module.exports)
    return module.exports
  }

  /** Runs a snippet inside the runtime, to show what it allows. */
  evaluate(code: string): unknown {
    return vm.runInContext(code, this.context)
  }

  /** Loads app.js and runs App.onLaunch, as WeChat does before the first page. */
  launch(): void {
    this.require(path.join(this.distDir, 'app.js'))
    const launch = this.appConfig?.onLaunch
    if (typeof launch === 'function') launch.call(this.appConfig, { path: 'pages/home/index', query: {} })
  }

  /** Registers a page (main package or subpackage), runs onLoad/onShow/onReady, and waits until its requests settle. */
  async open(route: string, options: Record<string, string> = {}): Promise<BootedPage> {
    this.registering = route
    this.require(path.join(this.distDir, route))
    const config = this.pages.get(route)
    if (!config?.onLoad) throw new Error(`${route} registered no page`)
    let updates = 0
    const tree: Record<string, unknown> = { root: {} }
    const instance: PageInstance = Object.assign(Object.create(config) as object, {
      data: {},
      route,
      options,
      setData: (patch: Record<string, unknown>, callback?: () => void) => {
        updates += 1
        for (const [key, value] of Object.entries(patch)) applyPatch(tree, key, value)
        if (callback) setTimeout(callback, 0)
      },
    })
    config.onLoad.call(instance, options)
    config.onShow?.call(instance)
    config.onReady?.call(instance)
    await this.settle()
    return {
      texts: () => collectTexts(tree),
      get updates() {
        return updates
      },
      unload: () => void config.onUnload?.call(instance),
    }
  }

  /** Waits until no request is in flight and the view has had a moment to update. */
  private async settle(): Promise<void> {
    for (let quietFor = 0, waited = 0; quietFor < 300 && waited < 20_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      quietFor = this.inFlight === 0 ? quietFor + 50 : 0
    }
  }
}

/** Applies one `setData` key, a path such as `root.cn.[0].cn.[2].v`, to the view tree. */
function applyPatch(tree: Record<string, unknown>, key: string, value: unknown): void {
  const segments = key.split('.').map((segment) => (/^\[\d+\]$/.test(segment) ? Number(segment.slice(1, -1)) : segment))
  let node: Record<string | number, unknown> = tree
  for (const [index, segment] of segments.entries()) {
    if (index === segments.length - 1) {
      node[segment] = value
      return
    }
    const next = node[segment]
    if (typeof next === 'object' && next !== null) node = next as Record<string | number, unknown>
    else {
      const created: Record<string | number, unknown> = typeof segments[index + 1] === 'number' ? ([] as unknown as Record<number, unknown>) : {}
      node[segment] = created
      node = created
    }
  }
}

/** Text leaves of Taro's serialised view tree: nodes with `v` hold text. */
function collectTexts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectTexts(item, out)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'v' && typeof item === 'string') out.push(item)
      else collectTexts(item, out)
    }
  }
  return out
}

/** Main package and subpackage sizes as WeChat counts them. */
export function readAppJson(distDir: string): { pages: string[]; subPackages: { root: string; pages: string[] }[] } {
  return JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
}
