// oidc-provider ships no types; the tests use a small part of it, typed here.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  interface Saved {
    /** Stores the model and returns its id (for a token: the token itself). */
    save(): Promise<string>
  }
  interface ProviderInstance {
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    Client: { find(id: string): Promise<object | undefined> }
    Grant: new (init: { accountId: string; clientId: string }) => Saved & { addOIDCScope(scope: string): void }
    RefreshToken: new (init: Record<string, unknown>) => Saved
  }
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance
  export default Provider
}
