import type { Fields } from '../http.js'

/**
 * Which parts of a token response are credentials: masked the moment a body is parsed, and kept out
 * of the `response-fields` output, which later steps read and the runner never masks. Names are
 * matched at any depth, as Slack nests a user's tokens in `authed_user`.
 */

/** RFC 6749 §5.1 and OpenID Connect: masked whatever their length, as always. */
const STANDARD = new Set(['access_token', 'refresh_token', 'id_token'])
/** Other names that hold a credential (Slack's xoxe tokens, an api_key); not those that describe one. */
const CREDENTIAL = /token|secret|passw(or)?d|assertion|api_?key|cookie/i
const DESCRIBES = /_type$|_hint$|_expires_in$|_expires_at$/i
/**
 * Left out of the output though not masked: what grants access by itself or is derived from the
 * client secret (a code, Salesforce's HMAC signature, a session id, Slack's incoming_webhook URL).
 */
const NOT_OUTPUT = /code|signature|session|webhook|key/i
/** A JWT under any name is a token. */
const JWT = /^eyJ[\w-]{8,}\.[\w-]+\.[\w-]*$/
/** Shorter values under a non-standard name are not masked: the runner would hide them everywhere. */
const MIN_MASKED = 8
const MAX_DEPTH = 6

const isCredential = (key: string, value: string): boolean =>
  (STANDARD.has(key) && value.length > 0) || (CREDENTIAL.test(key) && !DESCRIBES.test(key) && value.length >= MIN_MASKED) || JWT.test(value)

/** The credential strings in a parsed body, in the order they appear, for masking before anything else. */
export function secretsIn(fields: Fields | undefined): string[] {
  const found: string[] = []
  const walk = (value: unknown, key: string, depth: number): void => {
    if (typeof value === 'string') {
      if (isCredential(key, value)) found.push(value)
    } else if (typeof value === 'object' && value !== null && depth < MAX_DEPTH) {
      for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? key : k, depth + 1)
    }
  }
  walk(fields ?? {}, '', 0)
  return found
}

/**
 * Every field of a success response that is not a credential (Salesforce's instance_url, Zoho's
 * api_domain, Slack's team and bot ids, Notion's workspace_id), so no preset has to name them. A
 * value equal to a credential found elsewhere in the body is dropped too.
 */
export function responseFields(fields: Fields): Fields {
  const secrets = new Set(secretsIn(fields))
  const keep = (value: unknown, key: string, depth: number): unknown => {
    if (typeof value === 'string') return isCredential(key, value) || secrets.has(value) ? undefined : value
    if (typeof value !== 'object' || value === null) return value
    if (depth >= MAX_DEPTH) return undefined
    if (Array.isArray(value)) return value.map((v) => keep(v, key, depth + 1)).filter((v) => v !== undefined)
    const out: Fields = {}
    for (const [k, v] of Object.entries(value)) {
      if (STANDARD.has(k) || (CREDENTIAL.test(k) && !DESCRIBES.test(k)) || NOT_OUTPUT.test(k)) continue
      const kept = keep(v, k, depth + 1)
      // defineProperty: a server-chosen `__proto__` stays an ordinary field.
      if (kept !== undefined) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return keep(fields, '', 0) as Fields
}
