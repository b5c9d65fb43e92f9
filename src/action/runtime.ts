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

let critical = 0
/**
 * Runs `work` while a refresh token the provider may already have rotated is on its way into the
 * secret. A cancelled job's step gets SIGINT, then SIGTERM, and is killed a few seconds later;
 * those seconds are usually enough to store the token, so during this work the signals wait.
 */
export async function critically<T>(work: () => Promise<T>): Promise<T> {
  critical++
  try {
    return await work()
  } finally {
    critical--
  }
}

/** SIGINT and SIGTERM end the step as they would by default, except during critically(). */
export function handleCancel(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      if (critical === 0) process.exit(code)
      core.info(`Cancelled (${signal}) while storing a rotated refresh token: the store finishes first.`)
    })
  }
}

/** The outside world as the rooms below see it: the network, masking, the log and the clock. */
export const deps: RefreshDeps = { send, mask, info: core.info, sleep: (ms: number) => sleep(ms), now: Date.now }
