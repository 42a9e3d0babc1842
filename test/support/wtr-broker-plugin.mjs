// Starts a real reference broker for the browser tests that need one (test/browser/real-broker.test.ts): a child
// `node --import tsx test/support/broker-process.ts <page origin>`, driven by JSON lines. Browser side:
// executeServerCommand('broker-start', { origin }) → { url }; executeServerCommand('broker', { command, args }).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./broker-process.ts', import.meta.url));

export function brokerPlugin() {
  let child;
  let started;
  let nextId = 1;
  const pending = new Map();

  function start(origin) {
    child = spawn(process.execPath, ['--import', 'tsx', script, origin], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => {
        reject(new Error(`the test broker exited (${code})`));
        for (const { reject: fail } of pending.values()) fail(new Error('the test broker exited'));
        child = undefined;
        started = undefined;
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        const message = JSON.parse(line);
        if (message.url) return resolve({ url: message.url });
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.result);
      });
    });
  }

  return {
    name: 'mitid-test-broker',
    async executeCommand({ command, payload }) {
      if (command === 'broker-start') {
        started ??= start(payload.origin);
        return started;
      }
      if (command === 'broker') {
        await started;
        if (!child) throw new Error('the test broker is not running (its output is above)');
        const id = nextId++;
        return new Promise((resolve, reject) => {
          pending.set(id, { resolve, reject });
          child.stdin.write(`${JSON.stringify({ id, command: payload.command, args: payload.args })}\n`);
        });
      }
      return undefined;
    },
    async serverStop() {
      child?.stdin.end();
      child?.kill();
    },
  };
}
