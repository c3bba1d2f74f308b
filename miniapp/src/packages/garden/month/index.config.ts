export default definePageConfig({ navigationBarTitleText: '值班月历' })
