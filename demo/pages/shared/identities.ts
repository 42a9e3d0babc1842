/** The demo's test identities, as /demo/api/identities lists them (see demo/rp/demo-api.ts). */

export interface TestIdentity {
  user_id: string;
  name: string;
  description: string;
  methods: string[];
  password: string;
  locked: boolean;
  code_devices: string[];
}

export const METHOD_NAMES: Record<string, string> = {
  app: 'MitID app',
  'code-display': 'Kodeviser',
  'code-reader': 'Kodeoplæser',
  chip: 'Chip',
};

export async function loadIdentities(): Promise<TestIdentity[]> {
  const response = await fetch('/demo/api/identities', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`identities: HTTP ${response.status}`);
  return (await response.json()) as TestIdentity[];
}
