export default definePageConfig({
  navigationBarTitleText: '工坊看板',
})
