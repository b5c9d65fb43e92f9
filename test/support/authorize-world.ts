import { afterAll, beforeAll, beforeEach } from 'vitest'
import { startAuthorizeServer, type AuthorizeServer } from './authorize-server.js'
import { GitHubApi } from './github-api.js'

/**
 * The world every authorize test file stands in: node oidc-provider (authorize-server.ts) and the
 * GitHub API stand-in, started once per file and closed after it. Before each test both are put back
 * (consent approved, no slow_down, no grants; an empty GitHub) and `prepare` gives GitHub what the
 * file's tests expect (a token and its permissions, repositories, environments). `bind` hands the two
 * servers to the file once they are up.
 */
export function authorizeWorld(bind: (auth: AuthorizeServer, gh: GitHubApi) => void, prepare: (gh: GitHubApi) => void): void {
  let auth: AuthorizeServer
  let gh: GitHubApi
  beforeAll(async () => {
    ;[auth, gh] = await Promise.all([startAuthorizeServer(), GitHubApi.start()])
    bind(auth, gh)
  })
  afterAll(async () => Promise.all([auth.close(), gh.close()]))
  beforeEach(() => {
    auth.consent = 'approve'
    auth.slowDown(0)
    auth.grants.length = 0
    prepare(gh.reset())
  })
}
