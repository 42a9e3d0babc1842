// Test-runner command 'transcript': the committed transcript of a journey (test/browser/transcripts/<name>.txt),
// or, with UPDATE_TRANSCRIPTS=1, writes the one the test recorded and hands it back. The browser compares.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FOLDER = path.resolve('test/browser/transcripts');
const NAME = /^[a-z0-9-]+\.(da|en)$/;

export function transcriptPlugin() {
  return {
    name: 'mitid-transcripts',
    async executeCommand({ command, payload }) {
      if (command !== 'transcript') return undefined;
      const { name, lines } = payload;
      if (!NAME.test(name)) throw new Error(`transcript name ${name} is not <journey>.<da|en>`);
      const file = path.join(FOLDER, `${name}.txt`);
      if (process.env.UPDATE_TRANSCRIPTS === '1') {
        mkdirSync(FOLDER, { recursive: true });
        writeFileSync(file, `${lines.join('\n')}\n`);
      }
      if (!existsSync(file)) return { expected: null };
      return { expected: readFileSync(file, 'utf8').trimEnd().split('\n') };
    },
  };
}
