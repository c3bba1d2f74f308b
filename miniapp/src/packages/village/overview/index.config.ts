export default definePageConfig({
  navigationBarTitleText: '村情概况',
})
