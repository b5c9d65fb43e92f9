import { run } from './action/main.js'
import { run as runPost } from './action/post.js'
import { isPost } from './action/state.js'
import { closeConnections } from './http.js'

// One bundle serves both steps (runs.main and runs.post); only this file chooses.
try {
  await (isPost() ? runPost() : run())
} finally {
  closeConnections()
}
