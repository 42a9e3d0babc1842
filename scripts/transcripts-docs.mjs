// Publishes the committed screen-reader transcripts (test/browser/transcripts/*.txt, which the transcript tests
// compare against) in docs/accessibility.md, between `<!-- BEGIN GENERATED transcripts -->` and its end marker.
// `--check` fails, in one line, when the document is stale (run by `npm run lint`).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const DOC = 'docs/accessibility.md';
const FOLDER = 'test/browser/transcripts';
const BEGIN = '<!-- BEGIN GENERATED transcripts -->';
const END = '<!-- END GENERATED transcripts -->';
const LANGS = { da: 'Dansk', en: 'English' };

function body() {
  const files = readdirSync(FOLDER)
    .filter((file) => file.endsWith('.txt'))
    .sort();
  const journeys = [...new Set(files.map((file) => file.replace(/\.(da|en)\.txt$/, '')))];
  return journeys
    .map((journey) => {
      const parts = Object.entries(LANGS)
        .filter(([lang]) => files.includes(`${journey}.${lang}.txt`))
        .map(([lang, name]) => {
          const text = readFileSync(`${FOLDER}/${journey}.${lang}.txt`, 'utf8').trimEnd();
          return `${name} (\`${FOLDER}/${journey}.${lang}.txt\`):\n\n\`\`\`text\n${text}\n\`\`\``;
        });
      return `### ${journey}\n\n${parts.join('\n\n')}`;
    })
    .join('\n\n');
}

const text = readFileSync(DOC, 'utf8');
const from = text.indexOf(BEGIN);
const to = text.indexOf(END);
if (from < 0 || to < from) {
  console.error(`${DOC} lacks the ${BEGIN} … ${END} markers.`);
  process.exit(1);
}
const fresh = `${text.slice(0, from + BEGIN.length)}\n\n${body()}\n\n${text.slice(to)}`;
if (process.argv.includes('--check')) {
  if (fresh !== text) {
    console.error(`${DOC}: the transcripts are stale; run \`node scripts/transcripts-docs.mjs\`.`);
    process.exit(1);
  }
  console.log(`${DOC}: the transcripts are fresh.`);
} else {
  writeFileSync(DOC, fresh);
  console.log(`wrote the transcripts into ${DOC}`);
}
