import { useEffect, type PropsWithChildren } from 'react'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useEffect(() => {
    // The H5 template paints a static first screen for weak networks; the app has arrived now.
    if (process.env.TARO_ENV === 'h5') document.getElementById('xy-boot')?.remove()
  }, [])
  return children
}

export default App
