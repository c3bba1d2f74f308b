export default definePageConfig({
  navigationBarTitleText: '审核提名',
})
