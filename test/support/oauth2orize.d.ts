// oauth2orize, passport, passport-http and passport-oauth2-client-password ship no types. Their
// @types packages pull in @types/express and its family, which these tests do not use (the
// servers run on plain node:http), so the small part the interop tests call is typed here.
declare module 'oauth2orize' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  /** passport and the sign-in step put the authenticated user or client here. */
  type Req = IncomingMessage & { user?: unknown }
  type Res = ServerResponse
  export type Middleware = (req: Req, res: Res, next: (err?: unknown) => void) => void
  export type ErrorMiddleware = (err: unknown, req: Req, res: Res, next: (err?: unknown) => void) => void
  type Done = (err: unknown, ...results: unknown[]) => void
  /** What the interop server registers: clients and users are found by id. */
  export interface Client { readonly id: string }
  export interface User { readonly id: string }

  export interface OAuth2Server {
    grant(fn: unknown): OAuth2Server
    exchange(fn: unknown): OAuth2Server
    authorization(validate: (...args: never[]) => void, immediate?: (...args: never[]) => void): Middleware
    token(): Middleware
    errorHandler(options?: { mode?: 'direct' | 'indirect' }): ErrorMiddleware
  }

  export class TokenError extends Error {
    constructor(message: string, code: string, uri?: string, status?: number)
    code: string
    status: number
  }

  const oauth2orize: {
    createServer(): OAuth2Server
    grant: {
      /** issue(client, redirectURI, user, ares, areq, done): the arity picks the signature. */
      code(issue: (client: Client, redirectURI: string, user: User, ares: unknown, areq: { scope?: string[] }, done: Done) => void): unknown
    }
    exchange: {
      /** issue(client, code, redirectURI, done) */
      code(issue: (client: Client, code: string, redirectURI: string, done: Done) => void): unknown
      /** issue(client, refreshToken, scope, done) */
      refreshToken(issue: (client: Client, refreshToken: string, scope: string[] | undefined, done: Done) => void): unknown
    }
    TokenError: typeof TokenError
  }
  export default oauth2orize
}

declare module 'passport' {
  import type { Middleware } from 'oauth2orize'

  export class Passport {
    use(strategy: unknown): this
    authenticate(strategies: string | string[], options: { session: boolean }): Middleware
  }
  const passport: { Passport: typeof Passport }
  export default passport
}

declare module 'passport-http' {
  type Verify = (userid: string, password: string, done: (err: unknown, user?: unknown) => void) => void
  export class BasicStrategy {
    constructor(options: { realm?: string }, verify: Verify)
    constructor(verify: Verify)
  }
  const passportHttp: { BasicStrategy: typeof BasicStrategy }
  export default passportHttp
}

declare module 'passport-oauth2-client-password' {
  type Verify = (clientId: string, clientSecret: string, done: (err: unknown, client?: unknown) => void) => void
  export class Strategy {
    constructor(verify: Verify)
  }
  const clientPassword: { Strategy: typeof Strategy }
  export default clientPassword
}
