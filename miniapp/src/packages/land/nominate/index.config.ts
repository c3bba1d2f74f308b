export default definePageConfig({
  navigationBarTitleText: '提名、申请',
})
