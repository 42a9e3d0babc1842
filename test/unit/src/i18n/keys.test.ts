// Every message key is used and none is missing. The keys come from the Translation type itself (read with the
// TypeScript checker), so a union that gains a member (a new error code, hint or method) needs a message in every
// locale, and a message whose code left the union is reported as unused. Each failure is one line naming the key
// and the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { da } from '../../../../src/i18n/locales/da.js';
import { en } from '../../../../src/i18n/locales/en.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const TRANSLATION = path.join(ROOT, 'src/i18n/translation.ts');
const LOCALES = { 'src/i18n/locales/da.ts': da, 'src/i18n/locales/en.ts': en } as const;

/** Keys no `t.key` in src/ names, with why they stay. */
const NOT_LOOKED_UP: Record<string, string> = {
  $code: 'metadata of the public Translation type, read by pages that list the registered languages',
  $name: 'metadata of the public Translation type, read by pages that list the registered languages',
};

/**
 * The Translation type's keys: each top-level key, and for a record indexed by a union (`Record<Method, string>`,
 * `errors`, …) the union's members, as the checker resolves them. `partial` records (`Partial<Record<…>>`) may
 * hold any subset of their members.
 */
function typeKeys(): Map<string, { members: Set<string> | null; partial: boolean }> {
  const program = ts.createProgram([TRANSLATION], {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(TRANSLATION);
  assert.ok(source, `${path.relative(ROOT, TRANSLATION)}: cannot be read`);
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === 'Translation',
  );
  assert.ok(declaration, 'src/i18n/translation.ts: no `interface Translation`');
  const keys = new Map<string, { members: Set<string> | null; partial: boolean }>();
  for (const property of checker.getPropertiesOfType(checker.getTypeAtLocation(declaration))) {
    const type = checker.getNonNullableType(checker.getTypeOfSymbol(property));
    const isRecord = type.getCallSignatures().length === 0 && (type.flags & ts.TypeFlags.Object) !== 0;
    const isIntersectionRecord = type.isIntersection();
    if (!isRecord && !isIntersectionRecord) {
      keys.set(property.name, { members: null, partial: false });
      continue;
    }
    const members = checker.getPropertiesOfType(type);
    const partial = members.length > 0 && members.every((member) => (member.flags & ts.SymbolFlags.Optional) !== 0);
    keys.set(property.name, { members: new Set(members.map((member) => member.name)), partial });
  }
  return keys;
}

/**
 * Source files that look messages up: all of src/ but the catalogues and their type, and `<mitid-enrol>` (src/enrol/),
 * whose own catalogue is one typed object per language (`EnrolTranslation`), so tsc checks its keys.
 */
function sourceFiles(): string[] {
  return readdirSync(path.join(ROOT, 'src'), { recursive: true })
    .map(String)
    .filter(
      (file) => file.endsWith('.ts') && !file.startsWith(`i18n${path.sep}`) && !file.startsWith(`enrol${path.sep}`),
    )
    .map((file) => `src/${file.split(path.sep).join('/')}`)
    .sort();
}

/** `t.key` and `t.key.member` as written in src/ (also `this.localize.t.key`, `context.t().key`). */
const REFERENCE = /\bt(?:\(\))?\.([$\w]+)(?:\.([$\w]+))?/g;

function references(): Array<{ file: string; key: string; member: string | undefined }> {
  return sourceFiles().flatMap((file) =>
    [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(REFERENCE)].map((match) => ({
      file,
      key: match[1] as string,
      member: match[2],
    })),
  );
}

/** `intro.login` → "string" / "function/2": what a locale gives for every key, flattened. */
function flatten(value: unknown, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof inner === 'function') entries.set(name, `function of ${inner.length} argument(s)`);
    else if (typeof inner === 'object' && inner !== null)
      for (const entry of flatten(inner, name)) entries.set(...entry);
    else entries.set(name, typeof inner);
  }
  return entries;
}

describe('message keys', () => {
  const keys = typeKeys();
  const [firstFile, first] = ['src/i18n/locales/da.ts', flatten(da)] as const;
  const others = [['src/i18n/locales/en.ts', flatten(en)]] as const;

  it('every locale has the same keys, with the same kind of value and the same number of arguments', () => {
    const problems: string[] = [];
    for (const [file, entries] of others) {
      for (const [key, kind] of first) {
        const theirs = entries.get(key);
        if (theirs === undefined) problems.push(`${file}: key "${key}" is missing (${firstFile} has it)`);
        else if (theirs !== kind) problems.push(`${file}: key "${key}" is a ${theirs}, in ${firstFile} a ${kind}`);
      }
      for (const key of entries.keys()) {
        if (!first.has(key)) problems.push(`${file}: key "${key}" is not in ${firstFile}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every locale has exactly the keys the Translation type names, and no message is empty', () => {
    const problems: string[] = [];
    for (const [file, messages] of Object.entries(LOCALES)) {
      const catalogue = messages as unknown as Record<string, unknown>;
      for (const [key, { members, partial }] of keys) {
        if (!(key in catalogue)) problems.push(`${file}: key "${key}" is missing`);
        if (!members) continue;
        const given = Object.keys((catalogue[key] ?? {}) as object);
        for (const member of given) {
          if (!members.has(member)) problems.push(`${file}: key "${key}.${member}" is no member of its type: unused`);
        }
        if (partial) continue;
        for (const member of members) {
          if (!given.includes(member)) problems.push(`${file}: key "${key}.${member}" is missing`);
        }
      }
      for (const key of Object.keys(catalogue)) {
        if (!keys.has(key)) problems.push(`${file}: key "${key}" is not in the Translation type: unused`);
      }
      for (const [key, kind] of flatten(messages)) {
        const value = key
          .split('.')
          .reduce<unknown>((inner, part) => (inner as Record<string, unknown>)[part], messages);
        if (kind === 'string' && (value as string).trim() === '') problems.push(`${file}: key "${key}" is empty`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every key is looked up somewhere in src/ (or listed with the reason it is not)', () => {
    const used = new Set(references().map((reference) => reference.key));
    const problems = [...keys.keys()]
      .filter((key) => !used.has(key) && !(key in NOT_LOOKED_UP))
      .map((key) => `src/i18n/translation.ts: key "${key}" is not used in src/ (no t.${key}): remove it`);
    assert.deepEqual(problems, []);
    for (const key of Object.keys(NOT_LOOKED_UP)) assert.ok(keys.has(key), `NOT_LOOKED_UP names "${key}": no such key`);
  });

  it('every key src/ looks up exists', () => {
    const problems: string[] = [];
    for (const { file, key, member } of references()) {
      const found = keys.get(key);
      if (!found) problems.push(`${file}: t.${key} is no message key`);
      else if (member && found.members && !found.members.has(member)) {
        problems.push(`${file}: t.${key}.${member} is no message key`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('Danish quotes with »…«, never «…» or "…"; English never with «…» or »…«', () => {
    const problems: string[] = [];
    for (const [key, value] of strings(da)) {
      if (/«[^»«]*»|["“”„]/.test(value))
        problems.push(`src/i18n/locales/da.ts: key "${key}" quotes with «…» or "…": use »…«`);
    }
    for (const [key, value] of strings(en)) {
      if (/[«»]/.test(value)) problems.push(`src/i18n/locales/en.ts: key "${key}" quotes with «…» or »…«: use “…”`);
    }
    assert.deepEqual(problems, []);
  });
});

/** Every text a catalogue gives, functions called with sample arguments. */
function strings(messages: object, prefix = ''): Array<[string, string]> {
  const samples: unknown[] = [2, 900, 'Netbank'];
  return Object.entries(messages).flatMap(([key, value]): Array<[string, string]> => {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') return [[name, value]];
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      const out = fn(...samples.slice(0, fn.length));
      return typeof out === 'string' ? [[name, out]] : [];
    }
    return typeof value === 'object' && value !== null ? strings(value, name) : [];
  });
}
