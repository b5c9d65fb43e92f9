import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import { send } from '../http.js'
import type { RefreshDeps } from '../oauth/refresh.js'

const masked = new Set<string>()
/** Registers a secret with the runner once; a value read again (a shared token on every poll) is not announced twice. */
export function mask(secret: string): void {
  if (!secret || masked.has(secret)) return
  masked.add(secret)
  core.setSecret(secret)
}

/** The outside world as the rooms below see it: the network, masking, the log and the clock. */
export const deps: RefreshDeps = { send, mask, info: core.info, sleep: (ms: number) => sleep(ms), now: Date.now }
