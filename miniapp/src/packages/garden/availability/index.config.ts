export default definePageConfig({ navigationBarTitleText: '我哪天有空' })
