import type { NetDeps } from '../retry.js'

/** The result of a command run to its end (`gh auth token`). */
export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** The command does not exist (ENOENT). */
  readonly missing?: boolean
}

/**
 * The outside world of the authorize command; index.ts gives the real one, tests their own. The
 * network and the clock come with NetDeps, the same as the action's, so discovery, the token
 * requests and GitHub's API go through the one request path (retry.ts exchange).
 */
export interface CliDeps extends NetDeps {
  readonly env: Readonly<Record<string, string | undefined>>
  /** One line for the person at the terminal (stderr): progress, the address to open, the error. */
  readonly err: (line: string) => void
  /** Standard output: only ever the refresh token, and only with --print. */
  readonly out: (text: string) => void
  /** Opens a browser at this address; false when none could be tried (the address is printed anyway). */
  readonly openBrowser: (url: string) => boolean
  /** Runs a command to its end (`gh auth token`). */
  readonly run: (command: string, args: readonly string[]) => Promise<RunResult>
  /** Reads the client secret from standard input (without echo on a terminal). */
  readonly readSecret: () => Promise<string>
  /** Aborted on Ctrl-C (SIGINT) outside critically(): every wait gives up with 'interrupted'. */
  readonly signal: AbortSignal
  /** Runs writes that Ctrl-C must not cut in half (the write probes, the store). */
  readonly critically: <T>(work: () => Promise<T>) => Promise<T>
}
