import { ActionError } from '../errors.js'
import { header, parseBody, type HttpResponse } from '../http.js'
import { call, githubMessage, type Api } from './api.js'
import { apiError, basePath, describeSecret, type SecretTarget } from './targets.js'

/** An Actions variable as read back, with GitHub's own clock (its `Date` header) for expiry decisions. */
export interface Variable {
  readonly value: string
  /** Milliseconds since the epoch, by GitHub's clock; undefined when GitHub did not say. */
  readonly createdAt: number | undefined
  readonly updatedAt: number | undefined
  /** GitHub's clock when it answered (RFC 9110 §6.6.1 `Date`), so no runner's clock decides an expiry. */
  readonly serverNow: number | undefined
}

const path = (t: SecretTarget, name: string): string => `${basePath(t)}/variables/${encodeURIComponent(name)}`
const time = (value: unknown): number | undefined => {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN
  return Number.isNaN(ms) ? undefined : ms
}

/** The variable, or undefined when there is none; any other answer is an error naming the permission. */
export async function readVariable(api: Api, t: SecretTarget, name: string): Promise<Variable | undefined> {
  const res = await call(api, 'GET', path(t, name))
  if (res.status === 404) return undefined
  if (res.status !== 200) throw apiError(res, `Reading ${describeSecret(t, name, 'variable')}`, t, 'variable', api.token)
  const body = parseBody(res)
  if (typeof body?.value !== 'string') throw new ActionError('github_api', `Reading ${describeSecret(t, name, 'variable')} gave no value (expected {name, value}). Check 'github-api-url' points at the GitHub REST API.`)
  return { value: body.value, createdAt: time(body.created_at), updatedAt: time(body.updated_at), serverNow: time(header(res, 'date')) }
}

/**
 * Creates a variable only if none of that name exists: GitHub answers 409 for an existing name (some
 * servers 422 "already exists"), which makes this POST an atomic create-if-absent, the lock's
 * primitive. Returns false when the name was taken. An organization variable is created visible to
 * no repository's workflows (`selected`, none selected): the action reads it through the API only.
 */
export async function createVariable(api: Api, t: SecretTarget, name: string, value: string): Promise<boolean> {
  return (await create(api, t, name, value)).created
}

/** createVariable, with GitHub's clock at the answer (its `Date`): when the name was taken. */
export async function create(api: Api, t: SecretTarget, name: string, value: string): Promise<{ created: boolean; serverNow: number | undefined }> {
  const body = t.kind === 'organization' ? { name, value, visibility: 'selected', selected_repository_ids: [] } : { name, value }
  const res = await call(api, 'POST', `${basePath(t)}/variables`, body)
  const serverNow = time(header(res, 'date'))
  if (res.status === 201) return { created: true, serverNow }
  if (res.status === 409 || (res.status === 422 && /already exists/i.test(githubMessage(res) ?? ''))) return { created: false, serverNow }
  throw apiError(res, `Creating ${describeSecret(t, name, 'variable')}`, t, 'variable', api.token)
}

/** PATCH: true when updated, false when the variable does not exist (404). */
export async function updateVariable(api: Api, t: SecretTarget, name: string, value: string): Promise<boolean> {
  const res = await call(api, 'PATCH', path(t, name), { name, value })
  return expect(res, api, t, name, 'Updating')
}

/** DELETE: true when deleted, false when there was nothing to delete (404). `once`: never repeated. */
export async function deleteVariable(api: Api, t: SecretTarget, name: string, once = false): Promise<boolean> {
  const res = await call(api, 'DELETE', path(t, name), undefined, { once })
  return expect(res, api, t, name, 'Deleting')
}

function expect(res: HttpResponse, api: Api, t: SecretTarget, name: string, doing: string): boolean {
  if (res.status === 204 || res.status === 200) return true
  if (res.status === 404) return false
  throw apiError(res, `${doing} ${describeSecret(t, name, 'variable')}`, t, 'variable', api.token)
}

/** GitHub's largest page of variables (REST API "List repository variables": per_page at most 30). */
const PAGE = 30
/** A bound on listing: an answer that always says "next page" must not hold a run. */
const MAX_PAGES = 50

/** The names of the target's variables that start with `prefix` (case-insensitive, as GitHub's names are). */
export async function listVariableNames(api: Api, t: SecretTarget, prefix: string): Promise<string[]> {
  const names: string[] = []
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await call(api, 'GET', `${basePath(t)}/variables?per_page=${PAGE}&page=${page}`)
    if (res.status !== 200) throw apiError(res, `Listing the variables of ${describeSecret(t, prefix, 'variable').replace(/ variable \S+/, '')}`, t, 'variable', api.token)
    const list = parseBody(res)?.variables
    const batch = Array.isArray(list) ? (list as unknown[]).map((v) => (v as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === 'string') : []
    names.push(...batch.filter((n) => n.toUpperCase().startsWith(prefix.toUpperCase())))
    if (batch.length < PAGE) return names
  }
  throw new ActionError('github_api', `Listing the variables of ${describeSecret(t, prefix, 'variable')} did not end within ${MAX_PAGES} pages; the action will not guess which exist.`)
}
