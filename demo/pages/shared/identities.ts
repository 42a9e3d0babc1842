/** The demo's test identities, as /demo/api/identities lists them (see demo/rp/demo-api.ts), and their letters. */
import { postJson } from './api.js';

/** The letter with the activation code that MitID sends by post (the demo shows it on its index). */
export interface TestLetter {
  code: string;
  status: 'unused' | 'used' | 'none';
}

export interface TestIdentity {
  user_id: string;
  name: string;
  description: string;
  methods: string[];
  password: string;
  locked: boolean;
  code_devices: string[];
  letter: TestLetter | null;
}

export const METHOD_NAMES: Record<string, string> = {
  app: 'MitID app',
  'code-display': 'Kodeviser',
  'code-reader': 'Kodeoplæser',
  chip: 'Chip',
};

export const LETTER_STATUS: Record<TestLetter['status'], string> = {
  unused: 'ikke brugt',
  used: 'brugt',
  none: 'intet gyldigt brev',
};

export async function loadIdentities(): Promise<TestIdentity[]> {
  const response = await fetch('/demo/api/identities', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`identities: HTTP ${response.status}`);
  return (await response.json()) as TestIdentity[];
}

/** Orders a new letter (demo only): the broker makes a new activation code, and the earlier one stops working. */
export async function orderLetter(userId: string): Promise<TestLetter> {
  const answer = await postJson<{ letter: TestLetter }>(
    `/demo/api/identities/${encodeURIComponent(userId)}/letter`,
    {},
  );
  return answer.letter;
}
