import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * The bundled authorize command: the one test/support/global-setup.ts built from the current src/
 * for this test run, else the committed dist/cli/ (npm run demo:authorize).
 */
export const CLI = process.env.CLI_BUNDLE ?? fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))

export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams
  /** Resolves with the first stderr line matching `pattern` (the address to open, the user code). */
  line(pattern: RegExp): Promise<string>
  /** Exit status (a signal's 128 + n is the process's own choice here), stdout, stderr. */
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>
}

/** Runs `node <bundle> ...args` as a person's shell would, with only the environment given (and PATH). */
export function spawnCli(args: readonly string[], env: Record<string, string>, script = CLI): CliProcess {
  const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = []
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
    for (const w of [...waiting]) {
      const found = stderr.split('\n').find((l) => w.pattern.test(l))
      if (found !== undefined) {
        waiting.splice(waiting.indexOf(w), 1)
        w.resolve(found)
      }
    }
  })
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  return {
    child,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const found = stderr.split('\n').find((l) => pattern.test(l))
        if (found !== undefined) return resolve(found)
        waiting.push({ pattern, resolve })
        void done.then(() => reject(new Error(`the command ended without printing ${pattern}:\n${stderr}`)))
      }),
    done
  }
}
