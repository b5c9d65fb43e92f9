/**
 * The registry (src/oauth/providers/index.ts): each preset is complete and consistent, has its
 * replica test and its row in docs/providers.md. Adding a provider without them fails here.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ActionError } from '../../src/errors.js'
import { PROVIDERS, presetInputError, reuseWindowMs, type Provider } from '../../src/oauth/providers/index.js'

const root = new URL('../../', import.meta.url)
const entries = Object.entries<Provider>(PROVIDERS)
const docs = existsSync(new URL('docs/providers.md', root)) ? readFileSync(new URL('docs/providers.md', root), 'utf8') : ''
const https = (url: string) => /^https:\/\/[^\s/]+/.test(url)

describe.each(entries)('%s', (id, p) => {
  it('is filed under its own id, with a name, docs pages and an authorize URL', () => {
    expect(p.id).toBe(id)
    expect(p.name).not.toBe('')
    expect(p.docs.length).toBeGreaterThan(0)
    for (const url of [...p.docs, p.authorize.url, ...(p.authorize.deviceUrl ? [p.authorize.deviceUrl] : [])]) expect(https(url), url).toBe(true)
  })

  it('has an https token endpoint, or says what to set instead', () => {
    if (p.tokenUrl) expect(https(p.tokenUrl)).toBe(true)
    else expect(p.endpointExample?.tokenUrl).toMatch(/^https:\/\//)
  })

  it('is consistent about rotation and reuse', () => {
    expect(p.reuseWindowS === 'unlimited' || (Number.isInteger(p.reuseWindowS) && p.reuseWindowS >= 0)).toBe(true)
    if (p.rotation === 'never') expect(p.reuseWindowS).toBe('unlimited')
    for (const s of [p.accessTokenLifetimeS, p.refreshTokenLifetime?.absoluteS, p.refreshTokenLifetime?.idleS]) if (s !== undefined) expect(Number.isInteger(s) && s > 0).toBe(true)
  })

  it('maps its codes only to codes of ours, and its hints are sentences', () => {
    for (const code of Object.values(p.codes ?? {})) expect(['invalid_grant', 'invalid_client', 'invalid_scope', 'invalid_request', 'unauthorized_client', 'unsupported_grant_type']).toContain(code)
    for (const hint of Object.values(p.hints ?? {})) expect(hint).toMatch(/^[A-Z].*\.$/)
  })

  it('has a replica test and a row in docs/providers.md', () => {
    expect(existsSync(new URL(`test/providers/${id.replace(/-eu$/, '')}.test.ts`, root))).toBe(true)
    expect(docs).toMatch(new RegExp(`^\\| \`${id}\` \\|`, 'm'))
  })
})

describe('reuseWindowMs: what the rotation layer compares elapsed time with', () => {
  it.each([
    ['xero', 1_800_000],
    ['quickbooks', 86_400_000],
    ['google', Infinity],
    ['microsoft-entra', Infinity],
    ['salesforce', 0],
    ['auth0', 0]
  ] as const)('%s: %d ms', (id, ms) => expect(reuseWindowMs(PROVIDERS[id])).toBe(ms))
  it('no preset: 0', () => expect(reuseWindowMs(undefined)).toBe(0))
})

describe('presetInputError', () => {
  const fixed = PROVIDERS.google
  const open = PROVIDERS.keycloak
  const needs: Provider = { ...fixed, id: 'needs', requiredParams: { redirect_uri: 'the provider checks it on refresh.' } }
  it.each<[string, Provider, { tokenUrl: boolean; issuer: boolean; extraParams?: Record<string, string> }, string | undefined]>([
    ['a fixed endpoint needs nothing', fixed, { tokenUrl: false, issuer: false }, undefined],
    ['issuer with a fixed endpoint', fixed, { tokenUrl: false, issuer: true }, "Input 'issuer' and provider 'google' were both set: Google has a fixed token endpoint."],
    ['token-url wins over issuer', fixed, { tokenUrl: true, issuer: true }, undefined],
    ['no fixed endpoint, none given', open, { tokenUrl: false, issuer: false }, "Input 'token-url' is required with provider 'keycloak'"],
    ['no fixed endpoint, issuer given', open, { tokenUrl: false, issuer: true }, undefined],
    ['a required extra parameter missing', needs, { tokenUrl: false, issuer: false }, "Input 'extra-params' must set redirect_uri with provider 'needs': the provider checks it on refresh."],
    ['a required extra parameter given', needs, { tokenUrl: false, issuer: false, extraParams: { redirect_uri: 'https://x' } }, undefined]
  ])('%s', (_, p, given, message) => {
    const e = presetInputError(p, { extraParams: {}, ...given })
    if (message === undefined) return expect(e).toBeUndefined()
    expect(e).toBeInstanceOf(ActionError)
    expect(e!.code).toBe('input')
    expect(e!.message).toContain(message)
  })
})
