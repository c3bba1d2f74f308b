export default definePageConfig({ navigationBarTitleText: '我的菜园值班' })
