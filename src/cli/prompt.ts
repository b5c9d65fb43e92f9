import { interrupted } from './interrupt.js'

/**
 * --client-secret-stdin: on a terminal, a prompt on stderr that echoes nothing (raw mode: each key
 * is read as it is typed; Backspace edits, Enter ends, Ctrl-C interrupts); from a pipe or a file,
 * everything up to the end (`… | npx oauth-refresh-action authorize --client-secret-stdin`).
 */
export async function readSecret(signal: AbortSignal, stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!stdin.isTTY) {
    let text = ''
    for await (const chunk of stdin) text += String(chunk)
    return text
  }
  stderr.write('Client secret (not shown): ')
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = ''
      const finish = (outcome: string | Error): void => {
        stdin.off('data', onData)
        signal.removeEventListener('abort', onAbort)
        stderr.write('\n')
        if (outcome instanceof Error) reject(outcome)
        else resolve(outcome)
      }
      const onAbort = (): void => finish(interrupted())
      const onData = (keys: string): void => {
        for (const key of keys) {
          // Raw mode turns Ctrl-C into a character instead of SIGINT.
          if (key === '\u0003') return finish(interrupted())
          if (key === '\r' || key === '\n' || key === '\u0004') return finish(typed)
          if (key === '\u007f' || key === '\b') typed = typed.slice(0, -1)
          else typed += key
        }
      }
      signal.addEventListener('abort', onAbort, { once: true })
      stdin.on('data', onData)
      stdin.resume()
    })
  } finally {
    stdin.setRawMode(false)
    stdin.pause()
  }
}
