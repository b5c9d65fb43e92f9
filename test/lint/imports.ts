/**
 * `npm run lint:imports`: no import circle in src/, type-only imports included (dpdm without
 * transform). One line when all is well; every circle, file by file, when not.
 */
import { parseCircular, parseDependencyTree } from 'dpdm'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tree = await parseDependencyTree('src/**/*.ts', { cwd: root, context: root, transform: false })
const circles = parseCircular(tree)
if (circles.length > 0) {
  for (const circle of circles) console.error(`import circle: ${[...circle, circle[0]].join(' → ')}`)
  process.exit(1)
}
console.log(`imports: ${Object.keys(tree).filter((f) => f.startsWith('src/')).length} files in src/, no circle`)
