import { foreign } from '../errors.js'
import type { Fields } from '../http.js'
import { parseDeviceAuthorization, pollDeviceToken } from '../oauth/device.js'
import { requestGrant, withBasicFallback } from '../oauth/grants.js'
import { buildDeviceAuthorizationRequest, buildDeviceCodeRequest, type ClientAuth } from '../oauth/token-request.js'
import type { CliDeps } from './deps.js'
import { LIMITS, type AuthorizeEndpoints } from './endpoints.js'

/**
 * The device authorization grant (RFC 8628): ask for a device code, tell the user where to enter
 * the user code, and poll at the server's pace until tokens come, the user refuses, or the code
 * expires. For machines without a browser (SSH sessions, containers).
 */
export async function deviceFlow(ep: AuthorizeEndpoints & { readonly deviceUrl: URL }, client: ClientAuth, scope: string | undefined, d: CliDeps): Promise<Fields> {
  const where = ep.deviceUrl.host
  const { value, client: worked } = await withBasicFallback(client, (c) => requestGrant(buildDeviceAuthorizationRequest(ep.deviceUrl, c, scope), 'device_authorization', LIMITS, d, ep.provider))
  const device = parseDeviceAuthorization(value as Fields, where)
  const minutes = Math.round(device.expiresInS / 60)
  d.err(`On any device, open ${foreign(device.verificationUri.href, 300)} and enter the code ${foreign(device.userCode, 40)} (it expires in ${minutes >= 2 ? `${minutes} minutes` : `${device.expiresInS} s`}; Ctrl-C stops).`)
  if (device.verificationUriComplete) d.err(`Or open ${foreign(device.verificationUriComplete.href, 300)}, which carries the code.`)
  d.err(`Waiting for the authorization (polling ${ep.tokenUrl.host} every ${device.intervalS} s)…`)
  return pollDeviceToken(() => buildDeviceCodeRequest(ep.tokenUrl, worked, device.deviceCode, ep.shape), device, LIMITS, d, ep.provider)
}
