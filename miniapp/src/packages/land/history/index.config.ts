export default definePageConfig({
  navigationBarTitleText: '历年获奖',
})
