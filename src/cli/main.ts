import { ActionError, foreign } from '../errors.js'
import { parseCommand } from './args.js'
import { authorize } from './authorize.js'
import type { CliDeps } from './deps.js'
import { HELP } from './help.js'
import { inFlagTerms } from './words.js'

/** Exit statuses: 0 done, 1 failed, 2 wrong usage (as most command-line tools), 130 Ctrl-C (128 + SIGINT). */
export function exitCode(e: unknown): number {
  if (!(e instanceof ActionError)) return 1
  return e.code === 'input' ? 2 : e.code === 'interrupted' ? 130 : 1
}

/**
 * The command line: parse, run, and turn any failure into one line on stderr: no stack trace, and
 * what came from a server already passed through foreign() where it was read.
 */
export async function main(argv: readonly string[], d: CliDeps): Promise<number> {
  try {
    const command = parseCommand(argv, d.env)
    if (command.kind === 'help') {
      d.out(HELP)
      return 0
    }
    await authorize(command.settings, d)
    return 0
  } catch (e) {
    // Not an ActionError is a bug of ours: still one line, still sanitized.
    d.err(`Error: ${e instanceof ActionError ? inFlagTerms(e.message) : `Unexpected error: ${foreign(e instanceof Error ? e.message : e)}`}`)
    return exitCode(e)
  }
}
