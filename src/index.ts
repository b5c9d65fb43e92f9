import { run } from './action/main.js'
import { runPost } from './action/post.js'
import { isPost } from './action/state.js'

// One bundle serves both steps (runs.main and runs.post); only this file chooses.
await (isPost() ? runPost() : run())
