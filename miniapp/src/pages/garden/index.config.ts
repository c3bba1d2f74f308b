export default definePageConfig({
  navigationBarTitleText: '共享菜园',
})
