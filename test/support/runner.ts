import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The bundle the runner-level tests spawn: the one test/support/global-setup.ts built from the
 * current src/ for this test run, else the committed dist/ (npm run demo, npm run bench).
 */
export const DIST = process.env.ACTION_BUNDLE ?? fileURLToPath(new URL('../../dist/index.js', import.meta.url))

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  env: Record<string, string>
  summary: string
  stateFile: string
  state: Record<string, string>
}

export interface RunOptions {
  /** Extra environment (e.g. RUNNER_DEBUG, HTTPS_PROXY, GITHUB_* values, STATE_* for a post step). */
  env?: Record<string, string>
  /** Run this file instead of dist/index.js (a post step, a bench floor). */
  script?: string
  /** Called with the child process as soon as it starts (a test that kills a run mid-way). */
  onSpawn?: (child: ChildProcess) => void
}

/**
 * Runs a bundled action the way the runner does: inputs as INPUT_<NAME> with hyphens kept and the
 * name upper-cased, and the GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE / GITHUB_STEP_SUMMARY files.
 * Nothing of this process's own GITHUB_* or INPUT_* environment leaks in.
 */
export async function runAction(inputs: Record<string, string>, opts: RunOptions = {}): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-action-'))
  const files = { GITHUB_OUTPUT: 'output', GITHUB_ENV: 'env', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary' }
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|STATE_|HTTPS?_PROXY|NO_PROXY)/i.test(k)) env[k] = v
  }
  const paths: Record<string, string> = {}
  for (const [key, file] of Object.entries(files)) {
    paths[key] = env[key] = join(dir, file)
    writeFileSync(paths[key], '')
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  Object.assign(env, opts.env)

  const child = spawn(process.execPath, [opts.script ?? DIST], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  opts.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommand(readFileSync(paths.GITHUB_OUTPUT!, 'utf8')),
    env: parseFileCommand(readFileSync(paths.GITHUB_ENV!, 'utf8')),
    state: parseFileCommand(readFileSync(paths.GITHUB_STATE!, 'utf8')),
    stateFile: paths.GITHUB_STATE!,
    summary: readFileSync(paths.GITHUB_STEP_SUMMARY!, 'utf8')
  }
}

/** Parses `name<<delimiter\nvalue\ndelimiter` records, as the runner does. */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!)
    out[m[1]!] = value.join('\n')
  }
  return out
}

/** The `::error::` annotations of a run, decoded. */
export function annotations(stdout: string, kind: 'error' | 'warning' | 'notice' = 'error'): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(`::${kind}::`) || l.startsWith(`::${kind} `))
    .map((l) => l.slice(l.indexOf('::', 2) + 2).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))
}

/**
 * Asserts the runner would never show a secret: each is registered with ::add-mask:: before any
 * other line mentions it, and apart from that registration it appears nowhere in stdout or stderr.
 * Returns a description of each violation (empty when none).
 */
export function secretLeaks(run: Pick<RunResult, 'stdout' | 'stderr'>, secrets: string[]): string[] {
  const problems: string[] = []
  const lines = run.stdout.split('\n')
  for (const secret of secrets) {
    const maskAt = lines.findIndex((l) => l === `::add-mask::${secret}`)
    if (maskAt === -1) problems.push(`never masked: ${secret.slice(0, 4)}…`)
    const seenAt = lines.findIndex((l, i) => i !== maskAt && l.includes(secret))
    if (seenAt !== -1) problems.push(`appears raw on stdout line ${seenAt + 1}: ${secret.slice(0, 4)}…`)
    if (run.stderr.includes(secret)) problems.push(`appears raw on stderr: ${secret.slice(0, 4)}…`)
  }
  return problems
}
