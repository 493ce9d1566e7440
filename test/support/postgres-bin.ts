import { postgresBinDir } from "../../scripts/ensure-services.mjs";

/**
 * The directory holding PostgreSQL's `initdb`, `postgres` and `pg_ctl`, found as `npm test`'s first step
 * (scripts/ensure-services.mjs, which installs Debian's `postgresql` when it is missing and may) finds it:
 * PG_BIN_DIR, else the newest /usr/lib/postgresql/<version>/bin, else the directory of `initdb` on PATH.
 * Throws with what to install when there is none.
 */
export function postgresBin(): string {
  const dir = postgresBinDir();
  if (dir === undefined) {
    throw new Error(
      "PostgreSQL's initdb and postgres were not found: apt-get install -y --no-install-recommends postgresql " +
        "(npm test installs it when it runs as root or with passwordless sudo), or set PG_BIN_DIR",
    );
  }
  return dir;
}
