export default definePageConfig({
  navigationBarTitleText: '更正公示结果',
})
