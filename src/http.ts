import * as http from 'node:http'
import * as https from 'node:https'
import { HttpClient } from '@actions/http-client'
import { ActionError, foreign } from './errors.js'

/** One request, as every endpoint this action calls (OAuth and GitHub alike) is sent. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
}

export interface HttpResponse {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

export interface SendOptions {
  /** One bound for the whole exchange: connect, TLS, headers and the complete body. */
  readonly timeoutMs: number
  readonly maxBodyBytes?: number
}

export type Send = (req: HttpRequest, opts: SendOptions) => Promise<HttpResponse>

/** One header of a response, the first when it was repeated. */
export function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** A parsed response body: a JSON object, or a form-encoded one turned into one. */
export type Fields = Record<string, unknown>

/**
 * The one reader of response bodies: a JSON object, or a form-encoded body when the server says so
 * (GitHub's token endpoint answers that way unless asked for JSON). Undefined when it is neither, so
 * the caller can describe what came back instead.
 */
export function parseBody(res: HttpResponse): Fields | undefined {
  const text = res.body.replace(/^\uFEFF/, '').trim()
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text)
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined
    } catch {
      return undefined
    }
  }
  const type = String(res.headers['content-type'] ?? '')
  if (type.includes('application/x-www-form-urlencoded') && text) {
    return Object.fromEntries(new URLSearchParams(text))
  }
  return undefined
}

/**
 * Content type and a short excerpt of a body that is not what was expected, through foreign() like
 * all text from the network. Long runs of token-like characters are cut out, in case a broken proxy
 * or a truncated JSON body holds a credential; `excerpt: false` leaves the body out entirely (a 2xx
 * answer of a token endpoint may be nothing but credentials in a shape we do not know).
 */
export function describeBody(res: HttpResponse, excerpt = true): string {
  const type = foreign(header(res, 'content-type') || 'no content type', 80)
  const text = excerpt ? foreign(res.body.replace(/[A-Za-z0-9._~+/=-]{20,}/g, '[redacted]'), 160) : ''
  return `${type}, ${res.body.length} bytes${text ? `: "${text}"` : ''}`
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i

/**
 * Why credentials may not be sent to this URL, or undefined when they may. RFC 6749 §3.2: TLS only;
 * plain http is allowed for loopback hosts, where nothing crosses a network, so local servers and
 * tests work. The same rule serves inputs, discovered metadata and the post step's saved state.
 */
export function urlProblem(url: URL): string | undefined {
  if (url.username || url.password) return 'must not carry credentials in the URL; use client-id and client-secret'
  if (url.hash) return 'must not have a #fragment (RFC 6749 §3.2)'
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return undefined
  return `must use https (plain http only for localhost, 127.0.0.0/8 and [::1]); got '${url.protocol}//${url.host}'`
}

const USER_AGENT = 'oauth-refresh-action'
const ONE_MIB = 1024 * 1024
/** Parallel requests per origin: the most the run sends at once to GitHub's API (issue 10: ≤ 3 connections). */
const MAX_SOCKETS = 3

/**
 * One keep-alive agent per origin for the whole run, from @actions/http-client so HTTPS_PROXY and
 * NO_PROXY work as on any runner: the GitHub calls of one run share at most three connections
 * instead of opening one per request (a TLS handshake each on a real runner).
 */
const clients = new Map<string, HttpClient>()
function agentFor(url: URL): http.Agent {
  let client = clients.get(url.origin)
  if (!client) clients.set(url.origin, (client = new HttpClient(USER_AGENT, [], { keepAlive: true, maxSockets: MAX_SOCKETS })))
  return client.getAgent(url.href)
}

/** Closes the kept-alive connections, so the process ends as soon as the step's work is done. */
export function closeConnections(): void {
  for (const client of clients.values()) client.dispose()
  clients.clear()
}

/**
 * Sends one request and reads the whole body. Redirects are never followed: a token endpoint has no
 * business redirecting, and following would replay credentials to another origin. The agent comes
 * from @actions/http-client so HTTPS_PROXY / NO_PROXY work as on any runner; the request itself is
 * driven here because http-client only offers an idle-socket timeout, not a bound on the whole body.
 */
export const send: Send = (req, { timeoutMs, maxBodyBytes = ONE_MIB }) =>
  new Promise((resolve, reject) => {
    const where = req.url.host
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...req.headers }
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body))
    // Node refuses a header value with a line break by throwing; say which header, before anything
    // (a timer, a socket) exists that a failure could leave behind. Inputs are checked before this.
    for (const [name, value] of Object.entries(headers)) {
      try {
        http.validateHeaderName(name)
        http.validateHeaderValue(name, value)
      } catch {
        reject(new ActionError('input', `The ${name} header of the request to ${where} would hold a line break or another character HTTP forbids, so nothing was sent.`))
        return
      }
    }
    const mod = req.url.protocol === 'https:' ? https : http
    let agent: http.Agent
    try {
      agent = agentFor(req.url)
    } catch {
      reject(new ActionError('environment', `The runner's proxy settings (HTTPS_PROXY, HTTP_PROXY) for ${where} are not a URL, so nothing was sent. Fix them on the runner, or add the host to NO_PROXY.`))
      return
    }

    // `request` and `timer` exist before any event can call fail(): events come after this executor.
    let settled = false
    // Until the whole request is handed to the socket, no server can have acted on it (errors.ts unsent).
    let written = false
    const fail = (err: ActionError): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      request.destroy()
      reject(err)
    }

    const request = mod.request(
      { protocol: req.url.protocol, hostname: req.url.hostname.replace(/^\[|\]$/g, ''), port: req.url.port || undefined, path: req.url.pathname + req.url.search, method: req.method, headers, agent },
      (res) => {
        const declared = Number(res.headers['content-length'])
        if (declared > maxBodyBytes) {
          fail(tooLarge(where, res.statusCode, maxBodyBytes))
          return
        }
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBodyBytes) fail(tooLarge(where, res.statusCode, maxBodyBytes))
          else chunks.push(chunk)
        })
        res.on('error', (err) => fail(networkError(err, where, true)))
        res.on('end', () => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
        })
      }
    )
    request.on('finish', () => (written = true))
    request.on('error', (err) => fail(networkError(err, where, written)))
    const timer = setTimeout(() => {
      fail(new ActionError('timeout', `No complete answer from ${where} within ${timeoutMs / 1000} s (the 'timeout-seconds' bound on each attempt).`, { retryable: true, unsent: !written }))
    }, timeoutMs)
    request.end(req.body)
  })

function tooLarge(where: string, status: number | undefined, max: number): ActionError {
  return new ActionError('body_too_large', `${where} answered HTTP ${status} with a body over ${max / ONE_MIB} MiB; a token response is a few hundred bytes. Check the URL points at the token endpoint.`, { status })
}

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_CERT)/

/** Failures that happen before a connection to the server exists: nothing can have reached it. */
const BEFORE_CONNECTING = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/**
 * Turns a socket-level failure into words, and says whether trying again may help and whether the
 * request can have reached the server (`written`: the whole request was handed to the socket).
 */
export function networkError(err: NodeJS.ErrnoException, where: string, written = false): ActionError {
  const code = err.code ?? ''
  // The tunnel agent of @actions/http-client reports a proxy's refusal of CONNECT this way.
  const proxy = /^tunneling socket could not be established, (.*)$/.exec(err.message)
  if (proxy) {
    return new ActionError('network', `The proxy from HTTPS_PROXY could not open a connection to ${where} (${foreign(proxy[1], 100)}). Check the runner's proxy settings and that the proxy allows this host, or add the host to NO_PROXY.`, { retryable: true, unsent: true })
  }
  if (code === 'ENOTFOUND') {
    return new ActionError('network', `Cannot resolve ${where} (DNS: ${code}). Check the host name in the URL; on a self-hosted runner, check its DNS and proxy settings (HTTPS_PROXY, NO_PROXY).`, { unsent: true })
  }
  if (TLS_CODES.test(code)) {
    return new ActionError('network', `TLS with ${where} failed (${foreign(code, 60)}: ${foreign(err.message, 160)}). The server's certificate is not trusted here; on a self-hosted runner behind a TLS-inspecting proxy, add its CA with NODE_EXTRA_CA_CERTS.`, { unsent: true })
  }
  const what =
    code === 'ECONNREFUSED' ? 'refused the connection' :
    code === 'ECONNRESET' ? 'reset the connection' :
    code === 'EAI_AGAIN' ? 'could not be resolved for now (DNS)' :
    code === 'ETIMEDOUT' ? 'did not answer (connect timed out)' :
    `could not be reached (${foreign(code || err.message, 160)})`
  return new ActionError('network', `${where} ${what}.`, { retryable: true, unsent: BEFORE_CONNECTING.has(code) || !written })
}
