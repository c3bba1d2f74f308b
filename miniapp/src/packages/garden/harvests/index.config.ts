export default definePageConfig({ navigationBarTitleText: '收获与分菜' })
