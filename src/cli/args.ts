import { parseArgs } from 'node:util'
import { ActionError, CONTROL, foreign } from '../errors.js'
import { OWN_PARAMS } from '../oauth/authorization.js'
import { parseScopes } from '../oauth/scopes.js'
import { AUTH_METHODS, type AuthMethod } from '../oauth/token-request.js'
import { authorizePreset, PRESET_IDS, type AuthorizePreset } from './presets.js'
import { flagError, url } from './flags.js'
import { sinkOf, type Sink } from './sink-args.js'

/** `--issuer`: the text as given (RFC 8414 §3.3 compares it exactly) and the URL. */
export interface Issuer {
  readonly issuer: string
  readonly url: URL
}

export type Flow =
  | { readonly kind: 'browser'; readonly redirect: { readonly url: URL; readonly text: string } | undefined; readonly port: number | undefined; readonly open: boolean; readonly waitMs: number }
  | { readonly kind: 'device' }

/** Where the client secret comes from: an environment variable (OAUTH_CLIENT_SECRET unless named), or stdin. */
export type SecretFrom = { readonly kind: 'env'; readonly name: string; readonly named: boolean } | { readonly kind: 'stdin' }

/** Everything `authorize` was asked to do, validated before anything is sent. */
export interface CliSettings {
  /** Where the endpoints come from: a preset, discovery (alone, or for a preset whose server is per tenant), explicit URLs over either. */
  readonly preset: AuthorizePreset | undefined
  readonly issuer: Issuer | undefined
  readonly authorizationUrl: URL | undefined
  readonly tokenUrl: URL | undefined
  readonly deviceUrl: URL | undefined
  readonly clientId: string
  readonly secretFrom: SecretFrom
  readonly authMethod: AuthMethod | undefined
  /** The scopes asked for, the preset's offline scopes included; undefined when none. */
  readonly scope: string | undefined
  readonly params: Readonly<Record<string, string>>
  readonly flow: Flow
  readonly sink: Sink
}

export type Command = { readonly kind: 'help' } | { readonly kind: 'authorize'; readonly settings: CliSettings }

export const DEFAULT_SECRET_ENV = 'OAUTH_CLIENT_SECRET'

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  provider: { type: 'string' },
  issuer: { type: 'string' },
  'authorization-url': { type: 'string' },
  'token-url': { type: 'string' },
  'device-authorization-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'client-secret-env': { type: 'string' },
  'client-secret-stdin': { type: 'boolean' },
  'auth-method': { type: 'string' },
  scope: { type: 'string' },
  param: { type: 'string', multiple: true },
  port: { type: 'string' },
  'redirect-uri': { type: 'string' },
  'no-browser': { type: 'boolean' },
  timeout: { type: 'string' },
  device: { type: 'boolean' },
  'secret-name': { type: 'string' },
  repo: { type: 'string' },
  environment: { type: 'string' },
  org: { type: 'string' },
  'github-api-url': { type: 'string' },
  out: { type: 'string' },
  print: { type: 'boolean' }
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']

export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  let parsed
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (e) {
    // node:util's own words ("Unknown option '--x'"), first sentence only.
    const said = e instanceof Error ? e.message.split(/(?<=\.) /)[0] : String(e)
    throw new ActionError('input', `${foreign(said)} See --help.`)
  }
  const { values: v, positionals } = parsed
  if (v.help) return { kind: 'help' }
  if (positionals[0] !== 'authorize' || positionals.length > 1) {
    throw new ActionError('input', positionals.length === 0 ? 'No command given: the command is `authorize`. See --help.' : `Unknown command '${foreign(positionals.join(' '), 60)}': the command is \`authorize\`. See --help.`)
  }
  return { kind: 'authorize', settings: settings(v, env) }
}

function settings(v: Values, env: Readonly<Record<string, string | undefined>>): CliSettings {
  if (v['client-secret'] !== undefined) {
    throw flagError('client-secret', `is not accepted: a secret on the command line lands in shell history and in the process list. Put it in ${DEFAULT_SECRET_ENV} (or the variable --client-secret-env names), or pass --client-secret-stdin.`)
  }
  const clientId = v['client-id'] ?? ''
  if (!clientId) throw flagError('client-id', 'is required: the OAuth client (app) id the provider gave you.')
  if (CONTROL.test(clientId)) throw flagError('client-id', 'holds a line break or another control character, which no client id has (RFC 6749 Appendix A).')
  const authMethod = v['auth-method'] as AuthMethod | undefined
  if (authMethod !== undefined && !AUTH_METHODS.includes(authMethod)) throw flagError('auth-method', `must be one of ${AUTH_METHODS.join(', ')}; got '${foreign(authMethod, 60)}'.`)

  const { preset, issuer } = sourceOf(v)
  const flow = flowOf(v)
  const s: CliSettings = {
    preset,
    issuer,
    authorizationUrl: url('authorization-url', v['authorization-url']),
    tokenUrl: url('token-url', v['token-url']),
    deviceUrl: url('device-authorization-url', v['device-authorization-url']),
    clientId,
    secretFrom: secretFrom(v),
    authMethod,
    scope: parseScopes([v.scope ?? '', ...(preset?.authorize.scopes ?? [])].join(' ')).join(' ') || undefined,
    params: params(v.param ?? []),
    flow,
    sink: sinkOf(v, env)
  }
  if (!s.tokenUrl && !issuer && !preset?.tokenUrl) {
    const example = preset?.provider.endpointExample
    throw flagError(
      'token-url',
      preset ?
        `is required with --provider ${preset.id}: ${preset.provider.name} has no token endpoint common to all its users. Give ${preset.discovery && example?.issuer ? `--issuer (its discovery, e.g. ${example.issuer}) or ` : ''}--token-url${example ? ` (e.g. ${example.tokenUrl})` : ''}.` :
        `is required unless --provider (${PRESET_IDS.join(', ')}) or --issuer says where the token endpoint is.`
    )
  }
  return s
}

function sourceOf(v: Values): { preset: AuthorizePreset | undefined; issuer: Issuer | undefined } {
  const issuer = v.issuer === undefined ? undefined : { issuer: v.issuer, url: url('issuer', v.issuer)! }
  if (v.provider === undefined) return { preset: undefined, issuer }
  const preset = authorizePreset(v.provider)
  if (!preset) throw flagError('provider', `must be one of ${PRESET_IDS.join(', ')}; got '${foreign(v.provider, 60)}'. For another provider, give --issuer, or --authorization-url and --token-url.`)
  // As the action's inputs (providers/index.ts presetInputError): discovery only for a provider whose server is per tenant.
  if (issuer && (preset.tokenUrl || !preset.discovery)) {
    throw flagError('issuer', `and --provider ${preset.id} were both given: ${preset.provider.name} ${preset.tokenUrl ? 'has a fixed token endpoint' : 'is not found through discovery'}. For another host (a region, a sandbox, your own server), give --token-url and --authorization-url instead; the preset's behaviour stays.`)
  }
  return { preset, issuer }
}

function secretFrom(v: Values): SecretFrom {
  const name = v['client-secret-env']
  if (name !== undefined && v['client-secret-stdin']) throw flagError('client-secret-env', 'and --client-secret-stdin were both given: choose one.')
  if (v['client-secret-stdin']) return { kind: 'stdin' }
  if (name !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw flagError('client-secret-env', `must name an environment variable; got '${foreign(name, 60)}'.`)
  return { kind: 'env', name: name ?? DEFAULT_SECRET_ENV, named: name !== undefined }
}

function params(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of list) {
    const at = entry.indexOf('=')
    const name = at > 0 ? entry.slice(0, at) : ''
    if (!name || CONTROL.test(entry)) throw flagError('param', `must be NAME=VALUE; got '${foreign(entry, 60)}'.`)
    if ((OWN_PARAMS as readonly string[]).includes(name)) throw flagError('param', `may not set ${name}: the command sets it (use --scope for scopes).`)
    out[name] = entry.slice(at + 1)
  }
  return out
}

function flowOf(v: Values): Flow {
  const browserOnly = (['port', 'redirect-uri', 'no-browser', 'timeout'] as const).find((f) => v[f] !== undefined)
  if (v.device) {
    if (browserOnly) throw flagError(browserOnly, 'is for the browser flow; --device polls until the code is entered or expires.')
    return { kind: 'device' }
  }
  if (v.port !== undefined && v['redirect-uri'] !== undefined) throw flagError('port', 'and --redirect-uri were both given: the redirect URI carries its port.')
  const port = v.port === undefined ? undefined : whole('port', v.port, 1, 65_535)
  return { kind: 'browser', redirect: redirectUri(v['redirect-uri']), port, open: !v['no-browser'], waitMs: whole('timeout', v.timeout ?? '300', 10, 3600) * 1000 }
}

/** RFC 8252 §7.3: a loopback redirect, http, to this machine; `localhost` too, for providers that registered it. */
function redirectUri(raw: string | undefined): { url: URL; text: string } | undefined {
  if (raw === undefined) return undefined
  const parsed = URL.canParse(raw) ? new URL(raw) : undefined
  if (!parsed || parsed.protocol !== 'http:' || !['127.0.0.1', '[::1]', 'localhost'].includes(parsed.hostname) || parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw flagError('redirect-uri', `must be a loopback address this command can listen on (RFC 8252 §7.3): http://127.0.0.1:PORT/PATH, http://[::1]:PORT/PATH or http://localhost:PORT/PATH, without query or fragment; got '${foreign(raw, 80)}'.`)
  }
  return { url: parsed, text: raw }
}

function whole(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < min || n > max) throw flagError(flag, `must be a whole number from ${min} to ${max}; got '${foreign(raw, 40)}'.`)
  return n
}
