/** Types of scripts/ensure-services.mjs, for the tests and test/support/postgres-bin.ts. */
export interface Missing {
  readonly what: string;
  readonly pkg: "redis-server" | "postgresql";
  readonly why: string;
}

export const DEBIAN_POSTGRES_ROOT: string;
export function findOnPath(name: string, pathEnv?: string): string | undefined;
export function postgresBinDir(options?: { env?: NodeJS.ProcessEnv; libRoot?: string }): string | undefined;
export function userExists(name: string, passwdFile?: string): boolean;
export function missingServices(options?: {
  env?: NodeJS.ProcessEnv;
  libRoot?: string;
  uid?: number;
  passwdFile?: string;
}): Missing[];
export function aptPrefix(options?: { env?: NodeJS.ProcessEnv; uid?: number }): string[] | undefined;
export function installInstructions(missing: readonly Missing[]): string;
