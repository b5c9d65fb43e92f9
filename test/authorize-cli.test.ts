/**
 * The bundled command as a person runs it (`npx oauth-refresh-action authorize …` runs this file):
 * the shebang, --help, one line per failure, Ctrl-C (SIGINT) in the middle of a consent, and what
 * the npm package carries. The action's own bundle carries none of it.
 */
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { PRESET_IDS } from '../src/cli/presets.js'
import { CONFIDENTIAL, type AuthorizeServer } from './support/authorize-server.js'
import { authorizeWorld } from './support/authorize-world.js'
import { CLI, spawnCli } from './support/cli-process.js'
import type { GitHubApi } from './support/github-api.js'
import { DIST } from './support/runner.js'

const PAT = 'github_pat_cli_0123456789abcdef'
let auth: AuthorizeServer
let gh: GitHubApi
authorizeWorld((a, g) => ([auth, gh] = [a, g]), () => {})

it('runs as a program (#!/usr/bin/env node after ncc) and --help goes to stdout', async () => {
  expect(readFileSync(CLI, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node')
  const { stdout, stderr } = await promisify(execFile)(CLI, ['--help'])
  expect(stdout).toMatch(/^Usage: npx oauth-refresh-action authorize \[options\]\n/)
  expect(stdout).toContain('--client-secret-stdin')
  expect(stderr).toBe('')
})

it('a mistake: one line on stderr, exit status 2, nothing on stdout', async () => {
  const { code, stdout, stderr } = await spawnCli(['authorize', '--provider', 'nope', '--client-id', 'c', '--print'], {}).done
  expect([code, stdout, stderr]).toEqual([2, '', `Error: --provider must be one of ${PRESET_IDS.join(', ')}; got 'nope'. For another provider, give --issuer, or --authorization-url and --token-url.\n`])
})

it('Ctrl-C while the browser is out: exit status 130, one line, nothing stored, no probe left', async () => {
  gh.reset().token(PAT, 'secrets', 'variables').repo('octo/reports').seed('repo:octo/reports:RT', 'old').setVariable('repo:octo/reports:RT_STATE', 'state')
  const cli = spawnCli(['authorize', '--issuer', auth.issuer, '--client-id', CONFIDENTIAL, '--scope', 'openid offline_access', '--secret-name', 'RT', '--repo', 'octo/reports', '--no-browser'], { OAUTH_CLIENT_SECRET: auth.clientSecret, GH_TOKEN: PAT, GITHUB_API_URL: gh.url })
  await cli.line(/^ {2}http:\/\/127\.0\.0\.1:\d+\/auth\?/)
  cli.child.kill('SIGINT')
  const { code, stdout, stderr } = await cli.done
  expect(code).toBe(130)
  expect(stdout).toBe('')
  expect(stderr.trimEnd().split('\n').filter((l) => l.startsWith('Error'))).toEqual(['Error: Interrupted (Ctrl-C): nothing was stored, and the secret and its rotation variables are as they were.'])
  expect(gh.secrets.get('repo:octo/reports:RT')).toEqual({ value: 'old', updates: 0 })
  expect([...gh.secrets.keys(), ...gh.variables.keys()]).toEqual(['repo:octo/reports:RT', 'repo:octo/reports:RT_STATE'])
})

it("the action's bundle carries none of the command (its start-up does not grow)", () => {
  // index.js and the chunks ncc splits off it (the post step, the rotation path).
  const files = readdirSync(dirname(DIST)).filter((f) => f.endsWith('.js'))
  expect(files).toContain('index.js')
  const action = files.map((f) => readFileSync(join(dirname(DIST), f), 'utf8')).join('\n')
  expect(action).not.toContain('Usage: npx oauth-refresh-action authorize')
  expect(action).not.toContain('Open this address in a browser')
  expect(readFileSync(CLI, 'utf8')).toContain('Open this address in a browser')
})

it('the npm package: the command as its bin, both bundles, action.yml; no sources or tests', async () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string>; private?: boolean }
  expect(pkg.bin).toEqual({ 'oauth-refresh-action': 'dist/cli/index.js' })
  expect(pkg.private).toBeUndefined()
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: new URL('..', import.meta.url) })
  const files = (JSON.parse(stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path)
  expect(files).toEqual(expect.arrayContaining(['dist/cli/index.js', 'dist/cli/package.json', 'dist/index.js', 'dist/package.json', 'action.yml', 'README.md', 'LICENSE', 'package.json']))
  expect(files.filter((f) => /^(src|test|\.github)\//.test(f))).toEqual([])
})
