export default definePageConfig({
  navigationBarTitleText: '乡约',
})
