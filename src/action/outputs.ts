import * as core from '@actions/core'
import { foreign } from '../errors.js'
import type { GrantedScopes } from '../oauth/scopes.js'
import type { Settings } from './inputs.js'
import type { Obtained } from '../oauth/obtained.js'

/** ISO 8601 UTC to the second. */
export function isoSeconds(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * The refresh token to keep. Set as soon as a rotated one is known, before validation: RFC 6749 §6
 * says the client MUST discard the old one, and the server may already have.
 */
export function setRefreshTokenOutputs(refreshToken: string, rotated: boolean): void {
  core.setOutput('refresh-token', refreshToken)
  core.setOutput('refresh-token-rotated', String(rotated))
}

/**
 * The access token and its facts. `expires-in` is what the server said for a token this run
 * refreshed, and the seconds left for a shared one.
 */
export function setTokenOutputs(s: Settings, got: Obtained, now: number): void {
  const expiresIn = got.source === 'refreshed' ? got.tokens.expiresIn : got.expiresAt === undefined ? undefined : Math.max(0, Math.floor((got.expiresAt - now) / 1000))
  core.setOutput('access-token', got.tokens.accessToken)
  core.setOutput('token-type', got.tokens.tokenType)
  core.setOutput('expires-in', expiresIn === undefined ? '' : String(expiresIn))
  core.setOutput('expires-at', isoSeconds(got.expiresAt))
  core.setOutput('scope', got.granted.scopes.join(' '))
  core.setOutput('token-source', got.source)
  // Never a credential (oauth/response-fields.ts); empty for a shared token, whose response this run never saw.
  core.setOutput('response-fields', got.responseFields ? JSON.stringify(got.responseFields) : '')
  if (s.exportEnv) core.exportVariable(s.exportEnv, got.tokens.accessToken)
}

export interface SummaryFacts {
  readonly host: string
  readonly tokenType: string
  readonly granted: GrantedScopes
  readonly expiresAt: string
  readonly source: Obtained['source']
  readonly rotated: boolean
  readonly attempts: number
  /** When the refresh token stops working, with "(if unused)" for an idle end; undefined when unknown. */
  readonly refreshTokenExpires?: string
}

/**
 * A value a server chose, made inert in the summary's HTML table and in Markdown: sanitized like any
 * foreign text, then every character but letters, digits and plain punctuation as an entity (no
 * tags, no emphasis, no links, no @mentions).
 */
export function summaryText(text: string): string {
  return foreign(text).replace(/[^A-Za-z0-9 .,:/()-]/g, (c) => `&#${c.codePointAt(0)};`)
}

/** A table of non-secret facts for the job summary. Never a token. */
export async function writeSummary(f: SummaryFacts): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const scopes = f.granted.source === 'unknown' ? '(not reported)' : `${summaryText(f.granted.scopes.join(' ')) || '(none)'}${f.granted.source === 'response' ? '' : ` (from ${f.granted.source === 'jwt' ? 'the JWT' : 'the request'})`}`
  await core.summary
    .addHeading(f.source === 'shared' ? 'OAuth token shared by an earlier run' : 'OAuth token refreshed', 3)
    .addTable([
      [{ data: 'Token endpoint', header: true }, { data: summaryText(f.host) }],
      [{ data: 'Token type', header: true }, { data: summaryText(f.tokenType) }],
      [{ data: 'Granted scopes', header: true }, { data: scopes }],
      [{ data: 'Expires at', header: true }, { data: f.expiresAt || '(not reported)' }],
      [{ data: 'Token source', header: true }, { data: f.source }],
      [{ data: 'Refresh token rotated', header: true }, { data: f.rotated ? 'yes' : 'no' }],
      [{ data: 'Attempts', header: true }, { data: String(f.attempts) }],
      ...(f.refreshTokenExpires ? [[{ data: 'Refresh token expires', header: true }, { data: f.refreshTokenExpires }]] : [])
    ])
    .write()
}
