import { config as loadDotenv } from "dotenv";

/**
 * The environment with .env's variables added (the environment wins), as a copy: process.env is left as it
 * is, so a CLI that has always read only the environment for its other settings still does.
 */
export function loadEnvFile(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  loadDotenv({ quiet: true, processEnv: env });
  return env;
}
