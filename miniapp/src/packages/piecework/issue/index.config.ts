export default definePageConfig({
  navigationBarTitleText: '发料',
})
