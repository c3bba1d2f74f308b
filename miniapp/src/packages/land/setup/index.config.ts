export default definePageConfig({
  navigationBarTitleText: '设置奖励耕地',
})
