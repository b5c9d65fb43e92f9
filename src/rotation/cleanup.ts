/**
 * What a killed or cancelled main step may leave behind, saved to GITHUB_STATE (a file of this job on
 * the runner, never printed) as soon as it exists and before the request that creates it is sent:
 * the lock's value, the write probe's name, the claim on the token and how far it got, and a rotated
 * refresh token not yet stored. The post step finishes what it can (leftovers.ts).
 */
export interface Cleanup {
  readonly lock?: string
  readonly probe?: string
  readonly rotated?: string
  readonly claim?: LeftClaim
}

export interface LeftClaim {
  readonly name: string
  readonly value: string
  /** The refresh request may have been sent. */
  readonly presented: boolean
  /** What the provider's answer said, once it came: `spent` (rotated) or `unspent`. */
  readonly outcome?: 'spent' | 'unspent'
}
