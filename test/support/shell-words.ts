/**
 * Splits a line as a POSIX shell would, for the quoting the recovery line uses: plain words and
 * single-quoted strings ('\'' for a quote). Enough to run the printed command without a shell.
 */
export function shellWords(line: string): string[] {
  const words: string[] = []
  let word: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === ' ') {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end === -1) throw new Error(`unterminated quote in ${line}`)
      word = (word ?? '') + line.slice(i + 1, end)
      i = end
    } else if (c === '\\') {
      word = (word ?? '') + line[++i]!
    } else {
      word = (word ?? '') + c
    }
  }
  if (word !== undefined) words.push(word)
  return words
}
