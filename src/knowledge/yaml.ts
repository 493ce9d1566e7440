import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";

/**
 * YAML data files (curated Q&A, lexicons) are read with their line numbers, so a problem names the file, the
 * entry and the line a person has to open: `knowledge/<pack>/qa.yaml:42: entry "first-visit": …`.
 */
export interface YamlSource {
  /** The parsed data (plain objects, arrays and scalars). */
  readonly data: unknown;
  /** The 1-based line where the value at a path starts (a map key's line for a key), if the path exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

export class YamlSyntaxError extends Error {
  override name = "YamlSyntaxError";
  constructor(
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export function readYaml(text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    throw new YamlSyntaxError(error.linePos?.[0]?.line, error.message.split("\n")[0] ?? error.message);
  }
  return {
    data: doc.toJS() as unknown,
    lineOf(path) {
      let node: unknown = doc.contents;
      let line: number | undefined = isScalar(node) || isMap(node) || isSeq(node) ? lineAt(node.range?.[0]) : undefined;
      for (const step of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
          if (pair === undefined) return line;
          line = isScalar(pair.key) ? lineAt(pair.key.range?.[0]) : line;
          node = pair.value;
        } else if (isSeq(node)) {
          node = node.items[Number(step)];
          if (isScalar(node) || isMap(node) || isSeq(node)) line = lineAt(node.range?.[0]) ?? line;
          else return line;
        } else return line;
      }
      return line;
    },
  };
  function lineAt(offset: number | undefined): number | undefined {
    return offset === undefined ? undefined : lines.linePos(offset).line;
  }
}

/** A zod issue as "path: message". */
export function describeZodIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.join(".");
  return `${where === "" ? "" : `${where}: `}${issue.message}`;
}
