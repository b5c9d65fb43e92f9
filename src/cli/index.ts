#!/usr/bin/env node
import { execFile } from 'node:child_process'
import { closeConnections, send } from '../http.js'
import { openBrowser } from './browser.js'
import type { CliDeps, RunResult } from './deps.js'
import { Interruption, interruptibleSleep } from './interrupt.js'
import { main } from './main.js'
import { readSecret } from './prompt.js'

// The `oauth-refresh-action` command (package.json "bin"): the real world, then main().
const interruption = new Interruption()
process.on('SIGINT', () => {
  if (interruption.interrupt()) process.exit(130)
})

const deps: CliDeps = {
  send,
  now: Date.now,
  sleep: (ms) => interruptibleSleep(ms, interruption.signal),
  info: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  err: (line) => process.stderr.write(`${line}\n`),
  out: (text) => process.stdout.write(text),
  openBrowser: (url) => openBrowser(url),
  run: (command, args) =>
    new Promise<RunResult>((resolve) => {
      execFile(command, [...args], { timeout: 30_000, windowsHide: true }, (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code
        resolve({ code: error ? (typeof code === 'number' ? code : 1) : 0, stdout, stderr, missing: code === 'ENOENT' })
      })
    }),
  readSecret: () => readSecret(interruption.signal),
  signal: interruption.signal,
  critically: interruption.critically
}

try {
  process.exitCode = await main(process.argv.slice(2), deps)
} finally {
  closeConnections()
}
