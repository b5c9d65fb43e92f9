// oidc-provider ships no types; the tests use a small part of it, typed here.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  interface Saved {
    /** Stores the model and returns its id (for a token: the token itself). */
    save(): Promise<string>
  }
  interface GrantInstance extends Saved {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(resource: string, scope: string): void
  }
  /** What an interaction (login, consent) is about: provider.interactionDetails(). */
  interface Interaction {
    readonly uid: string
    readonly prompt: { readonly name: string; readonly details: Record<string, unknown> }
    readonly params: Record<string, unknown>
    readonly session?: { readonly accountId?: string }
    readonly grantId?: string
  }
  interface ProviderInstance {
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, opts?: { mergeWithLastSubmission?: boolean }): Promise<void>
    Client: { find(id: string): Promise<object | undefined> }
    Grant: (new (init: { accountId: string; clientId: string }) => GrantInstance) & { find(id: string): Promise<GrantInstance | undefined> }
    RefreshToken: new (init: Record<string, unknown>) => Saved
  }
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance
  export default Provider
}
