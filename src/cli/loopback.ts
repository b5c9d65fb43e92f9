import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ActionError } from '../errors.js'
import { interrupted } from './interrupt.js'

/** Where the browser comes back (RFC 8252 §7.3), and the wait for it. */
export interface Loopback {
  readonly redirectUri: string
  /** The query of the first request to the redirect path; rejects on timeout or Ctrl-C. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<URLSearchParams>
  close(): Promise<void>
}

const PAGE = (title: string, text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p>`

/**
 * Listens on the loopback interface only, at `redirect`'s port and path or at a free port with
 * /callback (RFC 8252 §7.3: the loopback IP literal, any port, the client chooses). `localhost`
 * listens on 127.0.0.1 and, where it exists, [::1]: browsers resolve it to either. Only the first
 * GET of the redirect path counts; anything else is 404, and nothing of the query is echoed.
 */
export async function listenLoopback(redirect: { readonly url: URL; readonly text: string } | undefined, port: number | undefined): Promise<Loopback> {
  const path = redirect?.url.pathname ?? '/callback'
  const host = redirect?.url.hostname ?? '127.0.0.1'
  let answered: ((query: URLSearchParams) => void) | undefined
  let first: URLSearchParams | undefined
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method !== 'GET' || url.pathname !== path || first) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
      return
    }
    first = url.searchParams
    const failed = url.searchParams.has('error')
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(failed ? PAGE('Authorization failed', 'The provider answered with an error. The terminal says what happened; you can close this tab.') : PAGE('Authorization received', 'Return to the terminal: it finishes there. You can close this tab.'))
    answered?.(first)
  }

  const servers: Server[] = []
  const wanted = redirect ? Number(redirect.url.port || 80) : (port ?? 0)
  const addresses = host === 'localhost' ? ['127.0.0.1', '::1'] : [host.replace(/^\[|\]$/g, '')]
  let bound = wanted
  for (const [i, address] of addresses.entries()) {
    const server = createServer(handler)
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(bound, address, () => resolve())
      })
    } catch (e) {
      // [::1] beside 127.0.0.1 is a convenience; a machine without IPv6 loopback still works.
      if (i > 0) continue
      const code = (e as NodeJS.ErrnoException).code
      const flag = redirect ? '--redirect-uri' : '--port'
      throw new ActionError('input', code === 'EADDRINUSE' ? `${flag}: port ${bound} on ${address} is in use by another program. Stop it, or register another port with the provider and pass it.` : `${flag}: cannot listen on ${address}:${bound} (${code ?? 'unknown error'}).`)
    }
    bound = (server.address() as AddressInfo).port
    servers.push(server)
  }
  // The user's redirect URI exactly as given: providers compare it character by character.
  const redirectUri = redirect ? redirect.text : `http://${host}:${bound}${path}`

  return {
    redirectUri,
    wait: (timeoutMs, signal) =>
      new Promise((resolve, reject) => {
        if (first) return resolve(first)
        const timer = setTimeout(() => done(new ActionError('authorization_timeout', `Nothing came back to ${redirectUri} within ${timeoutMs / 1000} s. If the browser shows an error from the provider (a redirect URI it does not accept), register ${redirectUri} for the client or pass the registered one with --redirect-uri or --port; over SSH, forward the port (ssh -L ${bound}:127.0.0.1:${bound}) or use --device. Nothing was stored.`)), timeoutMs)
        const onAbort = (): void => done(interrupted())
        const done = (outcome: URLSearchParams | ActionError): void => {
          clearTimeout(timer)
          signal.removeEventListener('abort', onAbort)
          answered = undefined
          if (outcome instanceof ActionError) reject(outcome)
          else resolve(outcome)
        }
        if (signal.aborted) return done(interrupted())
        signal.addEventListener('abort', onAbort, { once: true })
        answered = done
      }),
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => {
        s.closeAllConnections()
        s.close(() => resolve())
      })))
    }
  }
}
