import { ActionError, foreign } from '../errors.js'
import { parseBody, type HttpResponse } from '../http.js'
import { call, type Api } from './api.js'
import { apiError, basePath, describeSecret, type SecretTarget } from './targets.js'

export interface PublicKey {
  readonly keyId: string
  readonly key: string
}

export type OrgVisibility = { readonly visibility: 'all' | 'private' } | { readonly visibility: 'selected'; readonly repositoryIds: readonly number[] }

export function getPublicKey(api: Api, t: SecretTarget): Promise<HttpResponse> {
  return call(api, 'GET', `${basePath(t)}/secrets/public-key`)
}

export function parsePublicKey(res: HttpResponse): PublicKey | undefined {
  const body = parseBody(res)
  if (typeof body?.key_id !== 'string' || typeof body.key !== 'string' || Buffer.from(body.key, 'base64').length !== 32) return undefined
  return { keyId: body.key_id, key: body.key }
}

/** PUT of a sealed value: 201 created, 204 updated. Org secrets must restate their visibility. */
export function putSecret(api: Api, t: SecretTarget, name: string, encrypted: string, key: PublicKey, org?: OrgVisibility): Promise<HttpResponse> {
  const body: Record<string, unknown> = { encrypted_value: encrypted, key_id: key.keyId }
  if (org) {
    body.visibility = org.visibility
    // An update that omits the ids clears the selection (external-secrets/external-secrets#6519).
    if (org.visibility === 'selected') body.selected_repository_ids = org.repositoryIds
  }
  return call(api, 'PUT', `${basePath(t)}/secrets/${encodeURIComponent(name)}`, body)
}

/**
 * An org secret's current visibility, so a write keeps it; undefined when the secret does not
 * exist. Selected repositories are listed page by page (at most 100 each).
 */
export async function orgVisibility(api: Api, t: SecretTarget & { kind: 'organization' }, name: string): Promise<OrgVisibility | undefined> {
  const path = `${basePath(t)}/secrets/${encodeURIComponent(name)}`
  const res = await call(api, 'GET', path)
  if (res.status === 404) return undefined
  if (res.status !== 200) throw apiError(res, `Reading ${describeSecret(t, name)}`, t, 'secret', api.token)
  const visibility = parseBody(res)?.visibility
  if (visibility === 'all' || visibility === 'private') return { visibility }
  if (visibility !== 'selected') throw new ActionError('github_api', `Reading ${describeSecret(t, name)} gave no visibility GitHub documents (${foreign(JSON.stringify(visibility) ?? 'none', 60)}); the action will not guess who may read the secret.`)
  const repositoryIds: number[] = []
  const started = api.deps.now()
  for (let page = 1; page <= MAX_PAGES && api.deps.now() - started <= MAX_LISTING_MS; page++) {
    const list = await call(api, 'GET', `${path}/repositories?per_page=100&page=${page}`)
    if (list.status !== 200) throw apiError(list, `Listing the repositories that may read ${describeSecret(t, name)}`, t, 'secret', api.token)
    const body = parseBody(list)
    const repos = Array.isArray(body?.repositories) ? (body.repositories as unknown[]) : []
    const ids = repos.map((r) => (r as { id?: unknown } | null)?.id)
    if (!ids.every((id): id is number => Number.isSafeInteger(id))) throw new ActionError('github_api', `Listing the repositories that may read ${describeSecret(t, name)} gave entries without a repository id; the action will not guess who may read the secret.`)
    repositoryIds.push(...ids)
    const total = typeof body?.total_count === 'number' ? body.total_count : 0
    if (repos.length < 100 || repositoryIds.length >= total) return { visibility, repositoryIds }
  }
  throw new ActionError(
    'github_api',
    `Listing the repositories that may read ${describeSecret(t, name)} did not end within ${MAX_PAGES} pages (${MAX_PAGES * 100} repositories) or ${MAX_LISTING_MS / 1000} s: GitHub's answers kept saying there is more. ` +
      'Nothing was refreshed: writing the secret with a list the action could not finish would change which repositories may read it.'
  )
}

/** Bounds on reading a paged list: an answer that always says "next page" must not hold a runner. */
const MAX_PAGES = 100
const MAX_LISTING_MS = 60_000

/** Whether a secret of this name exists in the target (GET answers 200, or 404 when it does not). */
export async function secretExists(api: Api, t: SecretTarget, name: string): Promise<boolean> {
  const res = await call(api, 'GET', `${basePath(t)}/secrets/${encodeURIComponent(name)}`)
  if (res.status === 200) return true
  if (res.status === 404) return false
  throw apiError(res, `Reading ${describeSecret(t, name)}`, t, 'secret', api.token)
}

/** Deletes a secret; a missing one is already gone. Used for the write probe, never for the real secret. */
export async function deleteSecret(api: Api, t: SecretTarget, name: string): Promise<void> {
  const res = await call(api, 'DELETE', `${basePath(t)}/secrets/${encodeURIComponent(name)}`)
  if (res.status !== 204 && res.status !== 404) throw apiError(res, `Deleting ${describeSecret(t, name)}`, t, 'secret', api.token)
}

/** The target's public key for sealing secrets; the first call of a write-back, so its errors name the permission. */
export async function readPublicKey(api: Api, t: SecretTarget, name: string): Promise<PublicKey> {
  const res = await getPublicKey(api, t)
  const secret = describeSecret(t, name)
  if (res.status !== 200) throw apiError(res, `Reading the public key for ${secret}`, t, 'secret', api.token)
  const key = parsePublicKey(res)
  if (!key) throw new ActionError('github_api', `Reading the public key for ${secret} gave no usable key (expected key_id and a 32-byte base64 key). Check 'github-api-url' points at the GitHub REST API.`)
  return key
}
