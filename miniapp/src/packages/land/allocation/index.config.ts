export default definePageConfig({
  navigationBarTitleText: '分配地块',
})
