import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import { send } from '../http.js'
import type { RefreshDeps } from '../oauth/refresh.js'

const masked = new Set<string>()
/**
 * Registers a secret with the runner, before anything could print it. A value met again (the
 * shared token on every poll, a request's credential) is announced once; `always` announces an
 * input each time the inputs are read.
 */
export function mask(secret: string, always = false): void {
  if (!secret || (masked.has(secret) && !always)) return
  masked.add(secret)
  core.setSecret(secret)
}

/** The outside world as the rooms below see it: the network, masking, the log and the clock. */
export const deps: RefreshDeps = { send, mask, info: core.info, sleep: (ms: number) => sleep(ms), now: Date.now }
