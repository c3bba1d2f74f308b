export default definePageConfig({ navigationBarTitleText: '扎票' })
