export default definePageConfig({
  navigationBarTitleText: '工资周期',
})
