import * as core from '@actions/core'
import { run, runPost } from './main.js'

// One bundle serves both steps (runs.main and runs.post): the main step marks the state, as
// actions/checkout does, so the post step knows it is the post step.
await (core.getState('isPost') ? runPost() : run())
