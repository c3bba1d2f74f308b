/**
 * Every page of the app, once, grouped as app.config.ts packages them: the tab pages and login
 * in the main package, the rest in one subpackage per feature. Navigation takes its paths from
 * here; tests/miniapp/pages.test.ts proves app.config.ts lists exactly these pages and that each
 * has its file. No imports: the main package and every subpackage can read it.
 */
export const pages = {
  main: {
    home: '/pages/home/index',
    vote: '/pages/vote/index',
    garden: '/pages/garden/index',
    piecework: '/pages/piecework/index',
    mine: '/pages/mine/index',
    login: '/pages/login/index',
  },
  garden: {
    home: '/packages/garden/home/index',
    month: '/packages/garden/month/index',
    swap: '/packages/garden/swap/index',
    points: '/packages/garden/points/index',
    calendar: '/packages/garden/calendar/index',
    harvests: '/packages/garden/harvests/index',
    steward: '/packages/garden/steward/index',
    availability: '/packages/garden/availability/index',
    shop: '/packages/garden/shop/index',
    matters: '/packages/garden/matters/index',
    matterDetail: '/packages/garden/matters/detail/index',
    matterNew: '/packages/garden/matters/new/index',
  },
  village: {
    overview: '/packages/village/overview/index',
    audit: '/packages/village/audit/index',
    people: '/packages/village/people/index',
  },
  piecework: {
    collect: '/packages/piecework/collect/index',
    orders: '/packages/piecework/orders/index',
    issue: '/packages/piecework/issue/index',
    periods: '/packages/piecework/periods/index',
    dashboard: '/packages/piecework/dashboard/index',
    mine: '/packages/piecework/mine/index',
    workers: '/packages/piecework/workers/index',
    tickets: '/packages/piecework/tickets/index',
  },
  land: {
    meeting: '/packages/land/meeting/index',
    vote: '/packages/land/vote/index',
    control: '/packages/land/control/index',
    notice: '/packages/land/notice/index',
    history: '/packages/land/history/index',
    review: '/packages/land/review/index',
    allocation: '/packages/land/allocation/index',
    setup: '/packages/land/setup/index',
    call: '/packages/land/call/index',
    nominate: '/packages/land/nominate/index',
    correct: '/packages/land/correct/index',
    change: '/packages/land/change/index',
  },
} as const

type Groups = typeof pages
export type PagePath = { [G in keyof Groups]: Groups[G][keyof Groups[G]] }[keyof Groups]

/** The tab pages (switchTab, not navigateTo), in the tab bar's order. */
export const tabPages: readonly string[] = [pages.main.home, pages.main.vote, pages.main.garden, pages.main.piecework, pages.main.mine]

/** A page's URL with its query: values encoded, absent ones left out. */
export function pageUrl(path: PagePath, params: Readonly<Record<string, string | null | undefined>> = {}): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&')
  return query ? `${path}?${query}` : path
}
