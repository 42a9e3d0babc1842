// custom-elements.json is generated from the JSDoc in src/, never written by hand (`npm run analyze`).
// `npm run lint` regenerates it into a temporary folder and fails when the committed one differs.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

// Only the modules the package exports (".", "./define", "./locales/*", "./enrol"): internal modules (steps, controllers,
// styles, the lazily loaded later-steps module) are not API, and protocol/ and flow/ hold no DOM at all.
const PUBLIC_MODULES = [
  'src/index.ts',
  'src/define.ts',
  'src/mitid-login.ts',
  'src/events.ts',
  'src/i18n/index.ts',
  'src/i18n/locales/*.ts',
  // mitid-login/enrol: <mitid-enrol>.
  'src/enrol/index.ts',
  'src/enrol/define.ts',
  'src/enrol/mitid-enrol.ts',
  'src/enrol/events.ts',
];

// Where the string-literal unions the element's API names (Mode, DeviceKind, Step, FlowErrorCode…) are declared.
const TYPE_SOURCES = [
  'protocol/page-api.ts',
  'src/transport/transport.ts',
  'src/flow/machine.ts',
  'src/events.ts',
  'src/enrol/steps.ts',
];

// Unions longer than this keep their name in a type and are spelled out in the description instead.
const INLINE_LIMIT = 10;

export default {
  globs: PUBLIC_MODULES,
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  // Never rewrite package.json's `customElements` (the freshness check writes to a temporary folder).
  packagejson: false,
  dev: false,
  plugins: [dropPrivateMembers(), dropNamelessEvents(), eventDetails(), expandLiteralUnions()],
};

/**
 * The analyzer also lists a `dispatchEvent(new SomeEvent(…))` whose name it cannot see as an event without a name;
 * the `@fires` tag names it already (same type), so the nameless copy goes.
 */
function dropNamelessEvents() {
  return {
    name: 'drop-nameless-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarationsOf(customElementsManifest)) {
        if (!declaration.events) continue;
        const named = new Set(declaration.events.filter((event) => event.name).map((event) => event.type?.text));
        declaration.events = declaration.events.filter((event) => event.name || !named.has(event.type?.text));
      }
    },
  };
}

/** Private and protected members, `#private` fields and anything marked @internal stay out of the public API. */
function dropPrivateMembers() {
  return {
    name: 'drop-private-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarationsOf(customElementsManifest)) {
        if (!declaration.members) continue;
        declaration.members = declaration.members.filter(
          (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
        );
      }
    },
  };
}

/**
 * The analyzer skips constructor parameter properties, so `constructor(readonly detail: MitidSuccessDetail)` leaves
 * an event class without its `detail`. This adds it, with the detail interface spelled out, to every class that
 * extends `Event`.
 */
function eventDetails() {
  const interfaces = parseInterfaces('src/events.ts');
  return {
    name: 'event-details',
    analyzePhase({ ts: analyzerTs, node, moduleDoc }) {
      if (!analyzerTs.isClassDeclaration(node) || !node.name) return;
      const extendsEvent = node.heritageClauses?.some((clause) =>
        clause.types.some((type) => type.expression.getText() === 'Event'),
      );
      if (!extendsEvent) return;
      const declaration = moduleDoc.declarations?.find((candidate) => candidate.name === node.name.getText());
      if (!declaration || declaration.members?.some((member) => member.name === 'detail')) return;
      const constructor = node.members.find((member) => analyzerTs.isConstructorDeclaration(member));
      const parameter = constructor?.parameters.find((candidate) => candidate.name.getText() === 'detail');
      if (!parameter?.type) return;
      const named = parameter.type.getText();
      const shape = interfaces.get(named);
      declaration.members = [
        ...(declaration.members ?? []),
        {
          kind: 'field',
          name: 'detail',
          type: { text: shape?.text ?? named },
          readonly: true,
          description: shape ? [`\`${named}\`.`, shape.description].filter(Boolean).join(' ') : '',
        },
      ];
    },
  };
}

/**
 * Type names such as `Mode` or `'auto' | DeviceKind` tell an integrator little in an IDE or a controls panel:
 * spell out short string-literal unions (`'login' | 'approve'`), and add the members of long ones (the error
 * codes) to the description.
 */
function expandLiteralUnions() {
  const unions = new Map();
  for (const file of TYPE_SOURCES) for (const [name, node] of parseAliases(file)) unions.set(name, node);
  const resolved = new Map();
  const literalsOf = (name, seen = new Set()) => {
    if (resolved.has(name)) return resolved.get(name);
    if (seen.has(name) || !unions.has(name)) return null;
    seen.add(name);
    const literals = literalsOfType(unions.get(name), (ref) => literalsOf(ref, seen));
    resolved.set(name, literals);
    return literals;
  };
  const expand = (text, notes) =>
    text.replace(/\b[A-Z][A-Za-z]+\b/g, (name) => {
      const literals = literalsOf(name);
      if (!literals) return name;
      if (literals.length <= INLINE_LIMIT) return literals.map((literal) => `'${literal}'`).join(' | ');
      notes.add(`\`${name}\` is one of ${literals.map((literal) => `\`${literal}\``).join(', ')}.`);
      return name;
    });
  const expandIn = (item) => {
    if (!item?.type?.text) return;
    const notes = new Set();
    item.type.text = expand(item.type.text, notes);
    if (notes.size) item.description = [item.description, ...notes].filter(Boolean).join(' ');
  };
  return {
    name: 'expand-literal-unions',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarationsOf(customElementsManifest)) {
        for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) expandIn(item);
        for (const event of declaration.events ?? []) expandIn(event);
      }
    },
  };
}

// ---- small TypeScript readers -------------------------------------------------------------------------------

function declarationsOf(manifest) {
  return (manifest.modules ?? []).flatMap((module) => module.declarations ?? []);
}

function parse(file) {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function jsDocOf(node) {
  return (node.jsDoc ?? [])
    .map((doc) => (typeof doc.comment === 'string' ? doc.comment : ''))
    .join(' ')
    .trim();
}

/** `type X = …` declarations of a file, by name. */
function parseAliases(file) {
  const aliases = new Map();
  for (const statement of parse(file).statements) {
    if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement.type);
  }
  return aliases;
}

/** The string literals a type stands for, or null when it is not a union of string literals (through aliases). */
function literalsOfType(type, lookup) {
  if (ts.isParenthesizedTypeNode(type)) return literalsOfType(type.type, lookup);
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
  if (ts.isTypeReferenceNode(type) && !type.typeArguments) return lookup(type.typeName.getText());
  if (ts.isUnionTypeNode(type)) {
    const all = [];
    for (const member of type.types) {
      const literals = literalsOfType(member, lookup);
      if (!literals) return null;
      for (const literal of literals) if (!all.includes(literal)) all.push(literal);
    }
    return all;
  }
  // `FlowState['step']`: the `step` of every member of a union of object types.
  if (ts.isIndexedAccessTypeNode(type) && ts.isLiteralTypeNode(type.indexType)) {
    const key = type.indexType.literal.text;
    const source = ts.isTypeReferenceNode(type.objectType) ? type.objectType.typeName.getText() : null;
    const union = source ? parseAliasNode(type.getSourceFile(), source) : null;
    if (!union || !ts.isUnionTypeNode(union)) return null;
    const all = [];
    for (const member of union.types) {
      if (!ts.isTypeLiteralNode(member)) return null;
      const property = member.members.find((candidate) => candidate.name?.getText() === key);
      const literals = property?.type ? literalsOfType(property.type, lookup) : null;
      if (!literals) return null;
      for (const literal of literals) if (!all.includes(literal)) all.push(literal);
    }
    return all;
  }
  return null;
}

function parseAliasNode(sourceFile, name) {
  const statement = sourceFile.statements.find(
    (candidate) => ts.isTypeAliasDeclaration(candidate) && candidate.name.text === name,
  );
  return statement?.type ?? null;
}

/** `interface X { … }` of a file as an inline object type, with its JSDoc. */
function parseInterfaces(file) {
  const interfaces = new Map();
  for (const statement of parse(file).statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const members = statement.members.filter((member) => ts.isPropertySignature(member) && member.type);
    const fields = members.map((member) => `${member.name.getText()}: ${member.type.getText()}`);
    const notes = members
      .filter((member) => jsDocOf(member))
      .map((member) => `\`${member.name.getText()}\`: ${jsDocOf(member)}`);
    interfaces.set(statement.name.text, {
      text: `{ ${fields.join('; ')} }`,
      description: [jsDocOf(statement), ...notes].filter(Boolean).join(' '),
    });
  }
  return interfaces;
}
