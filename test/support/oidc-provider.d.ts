// oidc-provider ships no types; the tests use a small part of it, typed loosely here.
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => any
  export default Provider
}
