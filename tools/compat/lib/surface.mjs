// The public surface of each @ssh package: its runtime exports (imported from the sources)
// and its TypeScript exports (types, interfaces, class members) from the compiler API.
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { PACKAGES, packageEntries, ROOT } from './entries.mjs';

/** What one package (all its entry points together) exports. */
export class Surface {
  constructor(name, values, types, checker) {
    this.name = name;
    this.values = values;
    this.types = types;
    this.checker = checker;
  }

  /** Whether `name` is exported, as a value or as a type. */
  has(name) {
    return this.values.has(name) || this.types.has(name);
  }

  /** Every exported name. */
  names() {
    return [...new Set([...this.values.keys(), ...this.types.keys()])];
  }

  /** The runtime value of an export. */
  value(name) {
    return this.values.get(name);
  }

  /**
   * Whether exported class or type `owner` has `member`. A method must be a function on a runtime
   * class's prototype chain (or, for interfaces, a callable member); other members may be fields.
   */
  hasMember(owner, name, kind) {
    const symbol = /^\[Symbol\.(\w+)\]$/.exec(name);
    const member = symbol ? Symbol[symbol[1]] : name;
    const value = this.values.get(owner);
    if (typeof value === 'function' && value.prototype) {
      if (kind === 'method') {
        if (typeof protoLookup(value.prototype, member) === 'function') return true;
        if (typeof value[member] === 'function') return true;
      } else if (protoHas(value.prototype, member) || member in value) {
        return true;
      }
    }
    const type = this.declaredType(owner);
    if (!type) return false;
    const key = symbol ? `__@${symbol[1]}` : member;
    const prop =
      type.getProperty(key) ??
      this.checker
        .getPropertiesOfType(type)
        .find((p) => p.name === key || String(p.escapedName).startsWith(`${key}@`));
    if (!prop) return false;
    if (kind !== 'method') return true;
    const propType = this.checker.getNonNullableType(this.checker.getTypeOfSymbol(prop));
    return propType.getCallSignatures().length > 0;
  }

  declaredType(owner) {
    let symbol = this.types.get(owner);
    if (!symbol) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    if (!(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) {
      return undefined;
    }
    return this.checker.getDeclaredTypeOfSymbol(symbol);
  }
}

function protoLookup(proto, member) {
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const desc = Object.getOwnPropertyDescriptor(p, member);
    if (desc) return desc.value ?? (desc.get ? 'getter' : undefined);
  }
  return undefined;
}

function protoHas(proto, member) {
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.getOwnPropertyDescriptor(p, member)) return true;
  }
  return false;
}

function loadProgram(files) {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} };
  const parsed = ts.getParsedCommandLineOfConfigFile(`${ROOT}/tsconfig.json`, {}, host);
  if (!parsed) throw new Error('tools/compat: cannot read tsconfig.json');
  return ts.createProgram(files, { ...parsed.options, noEmit: true });
}

/**
 * Import every package from its sources (the caller must run with the `@ssh/source` condition and a
 * TypeScript loader, e.g. vitest or `node --import tsx`) and read its TypeScript exports.
 * Returns `Map<'@ssh/x', Surface>`.
 */
export async function loadSurfaces() {
  const byPackage = PACKAGES.map((dir) => ({ dir, entries: packageEntries(dir) }));
  const program = loadProgram(byPackage.flatMap((p) => p.entries.map((e) => e.file)));
  const checker = program.getTypeChecker();
  const surfaces = new Map();
  for (const { dir, entries } of byPackage) {
    const values = new Map();
    const types = new Map();
    for (const entry of entries) {
      const mod = await import(pathToFileURL(entry.file).href);
      for (const [k, v] of Object.entries(mod)) values.set(k, v);
      const source = program.getSourceFile(entry.file);
      const symbol = source && checker.getSymbolAtLocation(source);
      if (symbol) for (const s of checker.getExportsOfModule(symbol)) types.set(s.name, s);
    }
    surfaces.set(`@ssh/${dir}`, new Surface(`@ssh/${dir}`, values, types, checker));
  }
  return surfaces;
}
