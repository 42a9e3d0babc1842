/** A V8 CPU profile of a window of time in this process (node:inspector), summarised by self time per function. */
import { Session } from 'node:inspector/promises';

export interface HotSpot {
  fn: string;
  where: string;
  selfMs: number;
  percent: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

let session: Session | undefined;

export async function startProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

export async function stopProfile(top = 15): Promise<HotSpot[]> {
  if (!session) return [];
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  session = undefined;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    total += delta;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      ? `${url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${lineNumber + 1}`
      : functionName.startsWith('(')
        ? ''
        : '(native)';
    const key = `${functionName || '(anonymous)'}\u0000${where}`;
    self.set(key, (self.get(key) ?? 0) + delta);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, micros]) => {
      const [fn = '', where = ''] = key.split('\u0000');
      return { fn, where, selfMs: micros / 1000, percent: (micros / total) * 100 };
    });
}
