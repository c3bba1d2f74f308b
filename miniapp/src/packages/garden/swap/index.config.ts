export default definePageConfig({ navigationBarTitleText: '换班' })
