/** What the demos show of a step or a command: the runner's view of stdout, and tokens cut short. */

/** What the runner would show of a step's stdout: masks applied, workflow commands rendered. */
export function workflowLog(stdout: string): string[] {
  const masks: string[] = []
  const shown: string[] = []
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::add-mask::')) masks.push(line.slice('::add-mask::'.length))
    else if (line && !line.startsWith('::debug::')) shown.push(line)
  }
  return shown.map((line) => {
    let text = line.replace(/^::(error|warning|notice)::/, (_, kind: string) => `${kind[0]!.toUpperCase()}${kind.slice(1)}: `)
    for (const mask of masks) text = text.split(mask).join('***')
    return text.replace(/%0A/g, '\n').replace(/%25/g, '%')
  })
}

/** A secret shortened so a person can tell tokens apart without the demo printing one. */
export const shorten = (value: string): string => `${value.slice(0, 4)}…(${value.length} chars)`
