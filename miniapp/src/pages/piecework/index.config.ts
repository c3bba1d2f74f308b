export default definePageConfig({
  navigationBarTitleText: '微工厂',
})
