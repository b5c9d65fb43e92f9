import { ActionError } from '../errors.js'

/**
 * What presenting a refresh token did to the grant, judged from how the attempt ended. RFC 9700
 * §4.14.2: a rotated refresh token presented again may make the server revoke the whole grant, so
 * every later decision (retry in this run, release the token for other runs, or stop) rests on it.
 *
 * - `unsent`: the request never wholly left the runner (refused, DNS, TLS, failed before the body
 *   was written). Nothing happened; present it again freely.
 * - `refused`: the server answered without issuing tokens: an OAuth error (RFC 6749 §5.2, also in
 *   an HTTP 200), any other 3xx or 4xx, or 503 (RFC 9110 §15.6.4: "currently unable to handle the
 *   request"). No new refresh token was issued, so the one presented was not replaced (RFC 6749 §6).
 * - `uncertain`: no answer (a timeout or reset after the request was written) or an answer that does
 *   not say whether the server acted (500, 502, 504 and other 5xx: a proxy may have timed out after
 *   the server rotated). The token may be spent.
 * - `issued`: the server issued tokens. Spent if a new refresh token came back (the caller knows).
 */
export type Presentation = 'unsent' | 'refused' | 'uncertain' | 'issued'

/** The presentation a failed attempt stands for (a success is `issued`). */
export function presentationOf(e: unknown): Presentation {
  if (!(e instanceof ActionError)) return 'uncertain'
  if (e.details.unsent) return 'unsent'
  const status = e.details.status
  if (status === undefined) return e.code === 'timeout' || e.code === 'network' || e.code === 'body_too_large' ? 'uncertain' : 'refused'
  if (status >= 500 && status !== 503) return 'uncertain'
  // A 2xx that could not be read as a token response: the server issued something we lost.
  if (status >= 200 && status < 300 && e.details.oauthError === undefined) return 'issued'
  return 'refused'
}

/**
 * How long, in milliseconds, the provider keeps accepting a refresh token after it was presented:
 * its documented reuse (grace) window, Infinity when it never rotates refresh tokens, 0 when it
 * revokes on reuse or says nothing (RFC 9700 §4.14.2 is then the assumption).
 */
export type ReuseWindowMs = number

/**
 * Whether a token may be presented again after a presentation ended this way, `sinceMs` after the
 * first one. In-run retries and later runs follow this one rule.
 */
export function mayPresentAgain(p: Presentation, windowMs: ReuseWindowMs, sinceMs: number): boolean {
  if (p === 'unsent' || p === 'refused') return true
  return sinceMs < windowMs
}
