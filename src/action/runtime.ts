import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import { send } from '../http.js'
import type { RefreshDeps } from '../oauth/refresh.js'

/** The outside world as the rooms below see it: the network, masking, the log and the clock. */
export const deps: RefreshDeps = { send, mask: core.setSecret, info: core.info, sleep: (ms: number) => sleep(ms), now: Date.now }
