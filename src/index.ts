import { run } from './action/main.js'
import { isPost } from './action/state.js'
import { closeConnections } from './http.js'

// One bundle serves both steps (runs.main and runs.post); only this file chooses. The post step's code
// is loaded only by the post step (ncc puts a dynamic import in its own file beside index.js).
try {
  await (isPost() ? (await import('./action/post.js')).run() : run())
} finally {
  closeConnections()
}
