export default defineAppConfig({
  pages: ['pages/home/index', 'pages/vote/index', 'pages/garden/index', 'pages/piecework/index', 'pages/mine/index', 'pages/login/index'],
  subPackages: [
    {
      root: 'packages/garden',
      pages: [
        'home/index',
        'month/index',
        'swap/index',
        'points/index',
        'calendar/index',
        'harvests/index',
        'steward/index',
        'availability/index',
        'shop/index',
        'matters/index',
        'matters/detail/index',
        'matters/new/index',
      ],
    },
    {
      root: 'packages/village',
      pages: ['overview/index', 'audit/index', 'people/index'],
    },
    {
      root: 'packages/piecework',
      pages: ['collect/index', 'orders/index', 'issue/index', 'periods/index', 'dashboard/index', 'mine/index', 'workers/index', 'tickets/index'],
    },
    {
      root: 'packages/land',
      pages: [
        'meeting/index',
        'vote/index',
        'control/index',
        'notice/index',
        'history/index',
        'review/index',
        'allocation/index',
        'setup/index',
        'call/index',
        'nominate/index',
        'correct/index',
        'change/index',
      ],
    },
  ],
  // 读给我听 in the mini-program: WeChat's own 同声传译 text-to-speech (lib/read-aloud.ts). It must
  // also be added in the mini-program's admin console; without it the button says so, nothing breaks.
  plugins: {
    WechatSI: { version: '0.3.6', provider: 'wx069ba97219f66d99' },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '乡约',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f3ef',
  },
  tabBar: {
    color: '#5c5c5c',
    selectedColor: '#a61b1b',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/vote/index', text: '表决', iconPath: 'assets/tab/vote.png', selectedIconPath: 'assets/tab/vote-active.png' },
      { pagePath: 'pages/garden/index', text: '菜园', iconPath: 'assets/tab/garden.png', selectedIconPath: 'assets/tab/garden-active.png' },
      { pagePath: 'pages/piecework/index', text: '工坊', iconPath: 'assets/tab/workshop.png', selectedIconPath: 'assets/tab/workshop-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
})
