import { randomBytes } from 'node:crypto'
import { open, unlink } from 'node:fs/promises'
import { ActionError } from '../errors.js'
import type { Api } from '../github/api.js'
import { sealedBox } from '../github/sealed-box.js'
import { orgVisibility, putSecret, readPublicKey } from '../github/secrets.js'
import { apiError, describeSecret } from '../github/targets.js'
import { createVariable, deleteVariable, readVariable } from '../github/variables.js'
import { lockVariable } from '../rotation/lock.js'
import { resetRotation } from '../rotation/reset.js'
import { proveWritable } from '../rotation/store.js'
import type { Sink } from './sink-args.js'
import { githubToken } from './credentials.js'
import type { CliDeps } from './deps.js'
import { LIMITS } from './endpoints.js'

/** Where the refresh token goes, checked before anyone consents. */
export interface PreparedSink {
  /** Stores the token; returns what to tell the user. Runs inside critically(). */
  store(refreshToken: string): Promise<string[]>
  /** Undoes the preparation when no token came (a file created empty is removed). */
  abandon(): Promise<void>
}

/**
 * Everything that could fail on our side is tried before the browser opens, so a missing permission
 * or an existing file fails before the user consents: nothing is half-written and no consent is
 * wasted. A GitHub secret: the token, the public key, the organization secret's visibility, a read
 * and a throw-away write of a secret and of a variable (each deleted at once). A file: created now,
 * empty, mode 0600, and removed again when no token comes.
 */
export async function prepareSink(sink: Sink, d: CliDeps): Promise<PreparedSink> {
  if (sink.kind === 'stdout') {
    const store = (token: string): Promise<string[]> => {
      d.out(`${token}\n`)
      return Promise.resolve(['Printed the refresh token to standard output (--print).'])
    }
    return { store, abandon: () => Promise.resolve() }
  }
  if (sink.kind === 'file') return prepareFile(sink.path)
  return prepareSecret(sink, d)
}

async function prepareFile(path: string): Promise<PreparedSink> {
  let file
  try {
    // 'wx': never an existing file, nor a link planted where it will be; 0600: only this user reads it.
    file = await open(path, 'wx', 0o600)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new ActionError('input', code === 'EEXIST' ? `--out ${path} exists: give a new path (the command never writes over a file).` : `--out ${path} cannot be created (${code ?? 'unknown error'}).`)
  }
  const handle = file
  return {
    store: async (token) => {
      await handle.writeFile(`${token}\n`)
      await handle.close()
      return [`Wrote the refresh token to ${path} (mode 0600). Store it where your workflow reads it, then delete the file.`]
    },
    abandon: async () => {
      await handle.close().catch(() => {})
      await unlink(path).catch(() => {})
    }
  }
}

async function prepareSecret(sink: Sink & { readonly kind: 'secret' }, d: CliDeps): Promise<PreparedSink> {
  const { name, target: t } = sink
  const { token, from } = await githubToken(sink.apiUrl, d)
  const api: Api = { root: sink.apiUrl, token, timeoutMs: LIMITS.timeoutMs, deps: d }
  const secret = describeSecret(t, name)
  d.err(`Checking that the GitHub token (${from}) may write ${secret} and its rotation variables…`)
  const [key, org, lock] = await Promise.all([
    readPublicKey(api, t, name),
    t.kind === 'organization' ? orgVisibility(api, t, name) : undefined,
    readVariable(api, t, lockVariable(name))
  ])
  await d.critically(() => probeWrites(api, sink, key))
  if (lock) d.err(`Warning: ${describeSecret(t, lockVariable(name), 'variable')} exists: a run may be refreshing now (or a killed run left it). Such a run may store its own refresh token after this command stores the new one; check the next run.`)

  return {
    abandon: async () => {},
    store: async (refreshToken) => {
      // A new organization secret is readable by no repository until someone selects them.
      const visibility = t.kind === 'organization' ? (org ?? { visibility: 'selected' as const, repositoryIds: [] }) : undefined
      const res = await putSecret(api, t, name, sealedBox(refreshToken, key.key), key, visibility)
      if (res.status !== 201 && res.status !== 204) {
        const e = apiError(res, `Writing ${secret}`, t, 'secret', token)
        throw new ActionError(e.code, `${e.message} The new refresh token was not stored (and is gone with this process); the secret and its rotation variables are as they were. Run the command again.`, e.details)
      }
      const lines = [`Stored the refresh token in ${secret} (${res.status === 201 ? 'created' : 'updated'}).`]
      if (t.kind === 'organization' && !org) lines.push("It is a new organization secret, readable by no repository yet: choose which may read it in the organization's Settings → Secrets and variables → Actions.")
      let deleted: string[]
      try {
        deleted = await resetRotation(api, t, name)
      } catch (e) {
        const said = e instanceof Error ? e.message : String(e)
        throw new ActionError(e instanceof ActionError ? e.code : 'github_api', `${secret} holds the new refresh token, but resetting its rotation failed: ${said} Delete ${name}_STATE, ${name}_LOCK and every ${name}_CLAIM_ variable there before the next run.`)
      }
      lines.push(`Reset the rotation: ${deleted.length ? `deleted ${deleted.join(', ')}` : 'there were no rotation variables'}; the next run starts a clean chain.`)
      return lines
    }
  }
}

/** A throw-away secret and variable, written and deleted at once: "Secrets" and "Variables: write" proven. */
async function probeWrites(api: Api, sink: Sink & { readonly kind: 'secret' }, key: Awaited<ReturnType<typeof readPublicKey>>): Promise<void> {
  const { name, target: t } = sink
  const variable = `${name}_PROBE_${randomBytes(4).toString('hex').toUpperCase()}`
  const [secretProbe, variableProbe] = await Promise.allSettled([
    proveWritable(api, t, name, key),
    createVariable(api, t, variable, 'write probe of oauth-refresh-action authorize; safe to delete').catch((e: unknown) => {
      throw e instanceof ActionError ? new ActionError(e.code, `${e.message.replace(/\.$/, '')} (a throw-away variable that proves the rotation variables can be reset).`, e.details) : e
    })
  ])
  await Promise.allSettled([
    secretProbe.status === 'fulfilled' ? secretProbe.value.remove() : undefined,
    variableProbe.status === 'fulfilled' ? deleteVariable(api, t, variable) : undefined
  ])
  for (const probe of [secretProbe, variableProbe]) if (probe.status === 'rejected') throw probe.reason
}
