#!/usr/bin/env node
/**
 * The dependency rules must not drift from the tree: a rule naming a module that was renamed or deleted
 * silently checks nothing. `npm run deps` runs this before dependency-cruiser.
 *
 *   node scripts/check-dependency-rules.mjs [--config <file>] [--root <dir>]
 *
 * Every `path` and `pathNot` of every rule's `from` and `to` is split into the paths it names: its
 * alternatives (`a|b`), with plain groups expanded (`^src/(cli|discord)/` names `^src/cli/` and
 * `^src/discord/`; a quantified group or a lookaround is kept whole). Each must match at least one file or
 * directory under the root (node_modules, .git, dist and coverage left out), else the rule, the field and
 * the name are reported and the exit code is 1.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const SKIP = new Set(["node_modules", ".git", "dist", "coverage"]);

/** Every file (`src/a.ts`) and directory (`src/`) under root, relative, with forward slashes. */
export function treePaths(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join("/");
      if (entry.isDirectory()) {
        out.push(`${rel}/`);
        walk(path);
      } else out.push(rel);
    }
  };
  walk(root);
  return out;
}

/** The index just past the group or class that opens at `start` (escapes and nesting respected). */
function closing(pattern, start) {
  const open = pattern[start];
  let depth = 0;
  for (let i = start; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (open === "[") {
      if (c === "]" && i > start + 1 && !(i === start + 2 && pattern[start + 1] === "^")) return i + 1;
      continue;
    }
    if (c === "[") {
      i = closing(pattern, i) - 1;
      continue;
    }
    if (c === "(") depth++;
    if (c === ")" && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced ${open} in ${pattern}`);
}

/** Splits at the top-level `|`. */
function branches(pattern) {
  const out = [];
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "[" || c === "(") i = closing(pattern, i) - 1;
    else if (c === "|") {
      out.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  out.push(pattern.slice(from));
  return out;
}

/** The alternatives a pattern names, each without alternation outside quantified groups. */
export function alternatives(pattern) {
  return branches(pattern).flatMap((branch) => {
    let results = [""];
    let i = 0;
    while (i < branch.length) {
      const c = branch[i];
      let piece;
      if (c === "\\") piece = branch.slice(i, i + 2);
      else if (c === "[") piece = branch.slice(i, closing(branch, i));
      else if (c === "(") {
        const end = closing(branch, i);
        const inner = branch.slice(i + 1, end - 1);
        const quantified = /^[*+?{]/.test(branch.slice(end));
        const special = inner.startsWith("?") && !inner.startsWith("?:");
        if (!quantified && !special) {
          const options = alternatives(inner.startsWith("?:") ? inner.slice(2) : inner);
          results = results.flatMap((r) => options.map((o) => r + o));
          i = end;
          continue;
        }
        piece = branch.slice(i, end);
      } else piece = c;
      results = results.map((r) => r + piece);
      i += piece.length;
    }
    return results;
  });
}

const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every path pattern of the config's rules that names nothing in `paths`: rule, field and the name. */
export function stalePathNames(config, paths) {
  const problems = [];
  const rules = [...(config.forbidden ?? []), ...(config.allowed ?? []), ...(config.required ?? [])];
  for (const [index, rule] of rules.entries()) {
    for (const side of ["from", "to", "module"]) {
      for (const key of ["path", "pathNot"]) {
        for (const pattern of asList(rule[side]?.[key])) {
          for (const name of alternatives(pattern)) {
            let regex;
            try {
              regex = new RegExp(name);
            } catch {
              regex = new RegExp(pattern);
            }
            if (!paths.some((p) => regex.test(p))) {
              problems.push({ rule: rule.name ?? `#${index + 1}`, field: `${side}.${key}`, name });
            }
          }
        }
      }
    }
  }
  return problems;
}

function main(argv) {
  const option = (flag, fallback) => {
    const at = argv.indexOf(flag);
    return at === -1 ? fallback : argv[at + 1];
  };
  const root = resolve(option("--root", join(dirname(fileURLToPath(import.meta.url)), "..")));
  const configFile = resolve(root, option("--config", ".dependency-cruiser.cjs"));
  const config = createRequire(import.meta.url)(configFile);
  const problems = stalePathNames(config, treePaths(root));
  if (problems.length === 0) return 0;
  const shown = relative(process.cwd(), configFile) || configFile;
  // One line per missing name, with every rule (and field) that uses it: names shared through a constant
  // would otherwise repeat.
  const byName = new Map();
  for (const p of problems) byName.set(p.name, [...(byName.get(p.name) ?? []), `${p.rule} (${p.field})`]);
  process.stderr.write(
    `${shown} names paths that do not exist (a renamed or deleted module leaves its rule checking nothing):\n` +
      [...byName].map(([name, uses]) => `  "${name}" matches no file or directory; in ${uses.join(", ")}\n`).join("") +
      "Rename them to what the modules are called now, or drop them.\n",
  );
  return 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
