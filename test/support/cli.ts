/**
 * The authorize command in-process: main() with a world a test controls. The network is real
 * (loopback servers); the clock, the sleeps, the browser, `gh` and the terminal are the test's.
 */
import type { CliDeps, RunResult } from '../../src/cli/deps.js'
import { interrupted } from '../../src/cli/interrupt.js'
import { main } from '../../src/cli/main.js'
import { send } from '../../src/http.js'

export interface CliWorld {
  env?: Record<string, string | undefined>
  /** The browser: called with the address the command opens (default: none opens). */
  browser?: (url: string) => void
  /** What `gh auth token` does (default: not installed). */
  gh?: (args: readonly string[]) => RunResult
  /** What --client-secret-stdin reads. */
  stdin?: string
  /** Each sleep: recorded, the fake clock moved; this runs before it returns (a user acting meanwhile). */
  onSleep?: (ms: number, n: number) => Promise<void> | void
  /** Aborted: Ctrl-C. */
  signal?: AbortSignal
}

export interface CliRun {
  readonly code: number
  /** stderr, one entry per line. */
  readonly err: string[]
  readonly out: string
  readonly sleeps: number[]
  readonly opened: string[]
  readonly ghCalls: (readonly string[])[]
  /** How many writes ran inside critically(). */
  readonly critical: number
}

export async function runCli(argv: readonly string[], world: CliWorld = {}, watch?: (err: string[]) => void): Promise<CliRun> {
  const err: string[] = []
  watch?.(err)
  let out = ''
  const sleeps: number[] = []
  const opened: string[] = []
  const ghCalls: (readonly string[])[] = []
  let critical = 0
  let clock = Date.now()
  const deps: CliDeps = {
    send,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms)
      clock += ms
      await world.onSleep?.(ms, sleeps.length)
      if (world.signal?.aborted) throw interrupted()
    },
    info: (line) => err.push(line),
    env: world.env ?? {},
    err: (line) => err.push(line),
    out: (text) => void (out += text),
    openBrowser: (url) => {
      opened.push(url)
      world.browser?.(url)
      return world.browser !== undefined
    },
    run: async (command, args) => {
      ghCalls.push(args)
      return command === 'gh' && world.gh ? world.gh(args) : { code: null, stdout: '', stderr: '', missing: true }
    },
    readSecret: async () => world.stdin ?? '',
    signal: world.signal ?? new AbortController().signal,
    critically: async (work) => {
      critical++
      return work()
    }
  }
  const code = await main(argv, deps)
  return { code, err, out, sleeps, opened, ghCalls, critical }
}
