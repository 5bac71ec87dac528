/**
 * Rewrites the output of every ```console example in README.md and docs/ from a real run.
 *   npm run docs:examples
 */
import 'reflect-metadata';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { findExamples, runExample } from '../tests/helpers/doc-examples.js';

const files = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
for (const file of files) {
  let text = readFileSync(file, 'utf8');
  // Rewrite from the end so earlier offsets stay valid.
  for (const example of findExamples(file, text).reverse()) {
    const { stdout, stderr } = await runExample(example.command);
    if (stderr) throw new Error(`${file}: ${example.command}: ${stderr}`);
    text =
      text.slice(0, example.start) + `$ ${example.command}\n` + stdout + text.slice(example.end);
  }
  writeFileSync(file, text);
}
console.log(`updated examples in ${files.length} files`);
