export default definePageConfig({ navigationBarTitleText: '主理人管理' })
