import type { HttpResponse } from '../http.js'
import { call, type Api } from './api.js'
import { basePath, type SecretTarget } from './targets.js'

export function getVariable(api: Api, t: SecretTarget, name: string): Promise<HttpResponse> {
  return call(api, 'GET', `${basePath(t)}/variables/${encodeURIComponent(name)}`)
}

/** Creates (POST, 201) or updates (PATCH, 204) a variable; a new org variable is `private`. */
export function setVariable(api: Api, t: SecretTarget, name: string, value: string, exists: boolean): Promise<HttpResponse> {
  if (exists) return call(api, 'PATCH', `${basePath(t)}/variables/${encodeURIComponent(name)}`, { name, value })
  return call(api, 'POST', `${basePath(t)}/variables`, t.kind === 'organization' ? { name, value, visibility: 'private' } : { name, value })
}

