export default definePageConfig({
  navigationBarTitleText: '交货验收',
})
