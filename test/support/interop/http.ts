/**
 * What the two interop servers share: a loopback node:http listener, a tiny form-body parser (no
 * express or body-parser: both libraries only need `req.body` and `req.query` filled in), a log of
 * token-endpoint requests, and the client side of a browserless authorization-code flow.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A confidential client registered at an interop server. */
export interface InteropClient {
  readonly id: string
  readonly secret: string
}

/** How a request to the token endpoint authenticated its client, and how the server answered. */
export interface TokenRequestRecord {
  /** `basic` when an Authorization header was sent, `post` when client_secret was in the body. */
  readonly auth: 'basic' | 'post' | 'none'
  readonly grantType: string | undefined
  status: number
}

export interface FirstTokens {
  readonly accessToken: string
  readonly refreshToken: string
  /** The whole token response of the authorization_code exchange. */
  readonly body: Record<string, unknown>
}

/** What the interop tests need from either server. */
export interface InteropServer {
  readonly origin: string
  readonly tokenUrl: string
  /** A client with a URL-safe random secret (form and raw Basic encodings give the same bytes). */
  readonly client: InteropClient
  /** A client whose secret is exactly `p+s/w=rd&x`: form encoding changes every reserved byte. */
  readonly reservedClient: InteropClient
  /** Every token-endpoint request in arrival order. */
  readonly tokenRequests: TokenRequestRecord[]
  /** The server's own authorization-code flow for `client`, as a signed-in user who approves. */
  authorize(client: InteropClient): Promise<FirstTokens>
  /** The status a protected resource gives a bearer token: 200 when the server accepts it. */
  resourceStatus(accessToken: string): Promise<number>
  close(): Promise<void>
}

/** The request as both libraries expect it after a body parser: `body` and `query` as plain objects. */
export type ParsedRequest = IncomingMessage & { body: Record<string, string>; query: Record<string, string> }

export const REDIRECT_URI = 'https://client.example.com/callback'
export const RESERVED_SECRET = 'p+s/w=rd&x'

/** Reads the body; a form body becomes an object, as body-parser's urlencoded({ extended: false }) makes it. */
export async function parseRequest(req: IncomingMessage): Promise<ParsedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  const form = /^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')
  const parsed = req as ParsedRequest
  parsed.body = form ? Object.fromEntries(new URLSearchParams(text)) : {}
  parsed.query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams)
  return parsed
}

/** Records a token-endpoint request; its status is filled in when the response is written. */
export function recordTokenRequest(log: TokenRequestRecord[], req: ParsedRequest, res: ServerResponse): void {
  const auth = req.headers.authorization ? 'basic' : req.body.client_secret !== undefined ? 'post' : 'none'
  const record: TokenRequestRecord = { auth, grantType: req.body.grant_type, status: 0 }
  log.push(record)
  res.on('finish', () => (record.status = res.statusCode))
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers })
  res.end(JSON.stringify(body))
}

/** Listens on 127.0.0.1 on a free port; a handler that throws answers 500. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    handler(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(e) })
      else res.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/**
 * The client half of RFC 6749 §4.1 without a browser: GET the authorize endpoint with the user's
 * session cookie, take `code` (and `state`) from the 302 Location, and exchange it at the token
 * endpoint. The exchange authenticates with client_secret_post so that no Basic encoding question
 * arises before the action's own runs.
 */
export async function authorizationCodeFlow(opts: { authorizeUrl: string; tokenUrl: string; client: InteropClient; cookie: string; scope: string }): Promise<FirstTokens> {
  const state = `st-${Math.random().toString(36).slice(2)}`
  const url = new URL(opts.authorizeUrl)
  url.search = new URLSearchParams({ response_type: 'code', client_id: opts.client.id, redirect_uri: REDIRECT_URI, scope: opts.scope, state }).toString()
  const authz = await fetch(url, { headers: { cookie: opts.cookie }, redirect: 'manual' })
  const authzBody = await authz.text()
  const location = authz.headers.get('location')
  if (authz.status !== 302 || !location) throw new Error(`authorize answered ${authz.status} ${authzBody}`)
  const back = new URL(location)
  const code = back.searchParams.get('code')
  if (`${back.origin}${back.pathname}` !== REDIRECT_URI || !code || back.searchParams.get('state') !== state) {
    throw new Error(`unexpected authorize redirect: ${location}`)
  }

  const res = await fetch(opts.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: opts.client.id, client_secret: opts.client.secret })
  })
  const body = (await res.json()) as Record<string, unknown>
  if (res.status !== 200 || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
    throw new Error(`code exchange answered ${res.status} ${JSON.stringify(body)}`)
  }
  return { accessToken: body.access_token, refreshToken: body.refresh_token, body }
}

export async function bearerStatus(url: string, accessToken: string): Promise<number> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } })
  await res.arrayBuffer()
  return res.status
}
