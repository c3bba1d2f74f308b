export default definePageConfig({ navigationBarTitleText: '提出一件事' })
