import * as core from '@actions/core'
import type { GrantedScopes } from '../oauth/scopes.js'
import type { TokenSet } from '../oauth/token-response.js'
import type { Settings } from './inputs.js'

/** ISO 8601 UTC to the second; `expires_in` counts from when the response was received. */
export function expiresAt(receivedAt: number, expiresIn: number | undefined): string {
  if (expiresIn === undefined) return ''
  return new Date(receivedAt + expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * The refresh token to keep. Set as soon as a rotated one is known, before validation: RFC 6749 §6
 * says the client MUST discard the old one, and the server may already have.
 */
export function setRefreshTokenOutputs(refreshToken: string, rotated: boolean): void {
  core.setOutput('refresh-token', refreshToken)
  core.setOutput('refresh-token-rotated', String(rotated))
}

export function setTokenOutputs(s: Settings, tokens: TokenSet, granted: GrantedScopes, receivedAt: number): void {
  core.setOutput('access-token', tokens.accessToken)
  core.setOutput('token-type', tokens.tokenType)
  core.setOutput('expires-in', tokens.expiresIn === undefined ? '' : String(tokens.expiresIn))
  core.setOutput('expires-at', expiresAt(receivedAt, tokens.expiresIn))
  core.setOutput('scope', granted.scopes.join(' '))
  if (s.exportEnv) core.exportVariable(s.exportEnv, tokens.accessToken)
}

export interface SummaryFacts {
  readonly host: string
  readonly granted: GrantedScopes
  readonly expiresAt: string
  readonly rotated: boolean
  readonly attempts: number
}

/** A table of non-secret facts for the job summary. Never a token. */
export async function writeSummary(f: SummaryFacts): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const scopes = f.granted.source === 'unknown' ? '(not reported)' : `${f.granted.scopes.join(' ') || '(none)'}${f.granted.source === 'response' ? '' : ` (from ${f.granted.source === 'jwt' ? 'the JWT' : 'the request'})`}`
  await core.summary
    .addHeading('OAuth token refreshed', 3)
    .addTable([
      [{ data: 'Token endpoint', header: true }, { data: f.host }],
      [{ data: 'Granted scopes', header: true }, { data: scopes }],
      [{ data: 'Expires at', header: true }, { data: f.expiresAt || '(not reported)' }],
      [{ data: 'Refresh token rotated', header: true }, { data: f.rotated ? 'yes' : 'no' }],
      [{ data: 'Attempts', header: true }, { data: String(f.attempts) }]
    ])
    .write()
}
