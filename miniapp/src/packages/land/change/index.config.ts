export default definePageConfig({
  navigationBarTitleText: '会议改期或取消',
})
