#!/usr/bin/env node
// Render docs/compatibility.md from docs/compatibility.jsonl.
//
//   node tools/compat/generate.mjs          print the markdown
//   node tools/compat/generate.mjs --write  write docs/compatibility.md
import { writeFileSync } from 'node:fs';
import { renderMarkdown } from './lib/render.mjs';
import { MARKDOWN_FILE, readStatus } from './lib/status.mjs';

const markdown = `${renderMarkdown(readStatus())}\n`;
if (process.argv.includes('--write')) writeFileSync(MARKDOWN_FILE, markdown);
else process.stdout.write(markdown);
