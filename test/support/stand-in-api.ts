import type { Api } from '../../src/github/api.js'
import { send } from '../../src/http.js'
import type { GitHubApi } from './github-api.js'

/**
 * An API client of the action (src/github/api.ts) pointed at the GitHub stand-in, for tests that call
 * the rotation pieces directly: real requests on loopback, no sleeping, no jitter, and the clock the
 * test gives (this runner's, by default).
 */
export function standInApi(gh: GitHubApi, token: string, now: () => number = () => Date.now()): Api {
  return { root: new URL(gh.url), token, timeoutMs: 5000, deps: { send, info: () => undefined, now, sleep: async () => undefined, random: () => 0.5 } }
}
