/**
 * The parsing half of validation: a file's JSON or YAML checked against its zod schema, every problem collected
 * (naming the file, and the entry where there is one) instead of stopping at the first.
 */
import { z } from "zod";
import type { KnowledgeProblem } from "./errors.js";
import type { YamlSource } from "./yaml.js";
import { describeZodIssue as describeIssue, readYaml, YamlSyntaxError } from "./yaml.js";

export function parseWhole<S extends z.ZodType>(
  file: string,
  schema: S,
  data: unknown,
  problems: KnowledgeProblem[],
): z.infer<S> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push({ file, problem: describeIssue(issue) });
  return undefined;
}

/**
 * Parses a file of the form { [key]: [entry, …] } entry by entry, so one bad entry is reported
 * by its id and the valid ones still take part in the cross-file checks.
 */
export function parseEntries<S extends z.ZodType>(
  file: string,
  key: string,
  schema: S,
  data: unknown,
  problems: KnowledgeProblem[],
  minEntries = 1,
): z.infer<S>[] {
  const container = z
    .strictObject({ [key]: z.array(z.unknown()).min(minEntries, "must list at least one entry") })
    .safeParse(data);
  if (!container.success) {
    for (const issue of container.error.issues) problems.push({ file, problem: describeIssue(issue) });
    return [];
  }
  const items = container.data[key] as unknown[];
  const valid: z.infer<S>[] = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    const id = typeof item === "object" && item !== null ? (item as Record<string, unknown>).id : undefined;
    const entry = typeof id === "string" && id !== "" ? id : `#${index}`;
    for (const issue of result.error.issues) problems.push({ file, entry, problem: describeIssue(issue) });
  });
  return valid;
}

/** A YAML file's data checked against its schema: every problem named with its file and line, or the data. */
export function parseYamlWhole<S extends z.ZodType>(
  file: string,
  schema: S,
  source: YamlSource,
  problems: KnowledgeProblem[],
): z.infer<S> | undefined {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const line = source.lineOf(issue.path);
    problems.push({ file, ...(line === undefined ? {} : { line }), problem: describeIssue(issue) });
  }
  return undefined;
}

export function yamlOf(file: string, text: string, problems: KnowledgeProblem[]): YamlSource | undefined {
  try {
    return readYaml(text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    problems.push({
      file,
      ...(error.line === undefined ? {} : { line: error.line }),
      problem: `is not valid YAML: ${error.message}`,
    });
    return undefined;
  }
}
