import { spawn } from 'node:child_process'

/**
 * Opens the default browser, where there is one: `open` on macOS, the URL handler on Windows
 * (rundll32, so no shell ever parses the address), xdg-open elsewhere when a display exists. Every
 * failure is ignored: the address is printed either way. Returns false when no attempt was made.
 */
export function openBrowser(url: string, env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform): boolean {
  const [command, args]: [string, string[]] | [undefined, []] =
    platform === 'darwin' ? ['open', [url]] :
    platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] :
    env.DISPLAY || env.WAYLAND_DISPLAY ? ['xdg-open', [url]] :
    [undefined, []]
  if (!command) return false
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    child.on('error', () => {})
    child.unref()
    return true
  } catch {
    return false
  }
}
