import { setTimeout as sleep } from 'node:timers/promises'
import { ActionError } from '../errors.js'

/** What Ctrl-C ends: a wait, before anything was written. */
export function interrupted(): ActionError {
  return new ActionError('interrupted', 'Interrupted (Ctrl-C): nothing was stored, and the secret and its rotation variables are as they were.')
}

/** A sleep that Ctrl-C ends with 'interrupted' (device polls, retry backoff). */
export async function interruptibleSleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal })
  } catch (e) {
    if (signal.aborted) throw interrupted()
    throw e
  }
}

/**
 * Ctrl-C while the command waits (the browser, the device code, a retry) ends it at once with
 * nothing written; Ctrl-C while it writes (the permission probes, the secret and the reset) waits
 * for those writes, so a probe is never left behind and a stored secret always has its rotation
 * reset. A second Ctrl-C outside a write ends the process.
 */
export class Interruption {
  readonly #controller = new AbortController()
  #critical = 0
  #pending = false
  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** Called on SIGINT; returns true when the process should end now (a second Ctrl-C while idle). */
  interrupt(): boolean {
    if (this.#critical > 0) {
      this.#pending = true
      return false
    }
    if (this.#controller.signal.aborted) return true
    this.#controller.abort()
    return false
  }

  readonly critically = async <T>(work: () => Promise<T>): Promise<T> => {
    this.#critical++
    try {
      return await work()
    } finally {
      if (--this.#critical === 0 && this.#pending) {
        this.#pending = false
        this.#controller.abort()
      }
    }
  }
}
