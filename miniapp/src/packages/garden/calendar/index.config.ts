export default definePageConfig({ navigationBarTitleText: '四季农事' })
