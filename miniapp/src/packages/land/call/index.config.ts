export default definePageConfig({
  navigationBarTitleText: '召集表决会议',
})
