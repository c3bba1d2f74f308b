export default definePageConfig({
  navigationBarTitleText: '加工户',
})
