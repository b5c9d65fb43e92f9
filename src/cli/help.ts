import { PRESET_IDS } from './presets.js'

/** `--help`: what a person needs at the terminal; the README says the rest. */
export const HELP = `Usage: npx oauth-refresh-action authorize [options]

Gets the first refresh token from a new consent and stores it in a GitHub secret (sealed, as the
action's write-back does), then deletes the secret's rotation variables (_STATE, _LOCK, _CLAIM_*) so
the next run starts a clean chain. The token is never printed.

Where the provider is (one of):
  --provider ID                 a preset: ${PRESET_IDS.join(', ')}
  --issuer URL                  any server with RFC 8414 / OpenID Connect discovery
  --authorization-url URL --token-url URL
                                any server; each also overrides what a preset or discovery says
  --device-authorization-url URL  the RFC 8628 endpoint, for --device when not discovered

The client:
  --client-id ID                required
  The client secret never goes on the command line (shell history): it is read from the
  environment variable OAUTH_CLIENT_SECRET, or
  --client-secret-env NAME      from another environment variable, or
  --client-secret-stdin         from standard input (a prompt without echo on a terminal).
  Without one, the client is public (no secret, PKCE).
  --auth-method METHOD          client_secret_basic, client_secret_post or none (default: the preset's,
                                else what discovery lists, else client_secret_basic)
  --scope "A B"                 the scopes to ask for; a preset's offline scopes are added
  --param NAME=VALUE            an extra authorization parameter (repeatable), e.g. access_type=offline

How the user consents:
  (default)                     in a browser, sent back to http://127.0.0.1:<free port>/callback
  --port N                      that port, for a provider that wants the registered redirect URI exactly
  --redirect-uri URI            the whole loopback redirect URI, e.g. http://localhost:8080/callback
  --no-browser                  only print the address to open (it is always printed)
  --timeout SECONDS             how long to wait for the browser (default 300)
  --device                      the device flow (RFC 8628): a code to enter on any device

Where the refresh token goes (one of):
  --secret-name NAME --repo OWNER/REPO [--environment ENV]
  --secret-name NAME --org ORG  an organization secret (its visibility is kept; a new one is
                                visible to no repository until you select some)
  --out FILE                    a new file, created with mode 0600
  --print                       standard output
  --github-api-url URL          GitHub Enterprise Server (default: GITHUB_API_URL, else api.github.com)

The GitHub token comes from GH_TOKEN, else GITHUB_TOKEN, else \`gh auth token\`. It needs "Secrets"
and "Variables: Read and write" where the secret lives (an environment: "Environments" too). Every
permission is checked before the browser opens, so a missing one fails before anyone consents.

Exit status: 0 stored, 1 failed, 2 wrong usage, 130 interrupted (nothing stored).
`
