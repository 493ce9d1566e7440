/**
 * The dependency rules of src/ (docs/ARCHITECTURE.md explains them), checked by `npm run deps`, which
 * `npm test` runs first. Layers, bottom to top:
 *
 *   knowledge  ←  search  ←  answer  ←  cli | discord  ←  http
 *   knowledge  ←  storage  (beside search: what the bot remembers; used by the surfaces)
 *
 * Every import must point down (or stay inside its own folder), and no module may reach itself again
 * through its imports, type-only imports included (tsPreCompilationDeps).
 */

/** Process plumbing every entry point shares (exit codes, the CLI guard, reading .env). */
const PROCESS_HELPERS = "^src/cli/(exit-codes|guard|load-env-config)\\.ts$";

/** Modules only the gateway bot loads: the HTTP endpoint must never pull them in. */
const GATEWAY_ONLY = "^src/discord/(client|start|shard|shutdown|deploy-commands)\\.ts$|^src/discord/events/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle tangles the layers (even a type-only one): move the shared piece into a leaf module.",
      from: {},
      to: { circular: true },
    },
    {
      name: "knowledge-is-the-bottom",
      severity: "error",
      comment: "src/knowledge loads and validates the knowledge base; it knows nothing above it.",
      from: { path: "^src/knowledge/" },
      to: { path: "^src/(search|answer|cli|discord|http|eval|storage)/|^src/main\\.ts$" },
    },
    {
      name: "storage-knows-only-knowledge",
      severity: "error",
      comment:
        "src/storage is the bot's memory (SQLite or PostgreSQL); it may use knowledge types and the shared modules, nothing above.",
      from: { path: "^src/storage/" },
      to: { path: "^src/(search|answer|cli|discord|http|eval)/|^src/main\\.ts$" },
    },
    {
      name: "search-knows-only-knowledge",
      severity: "error",
      comment: "src/search is text analysis and the index; it may use knowledge types, nothing above.",
      from: { path: "^src/search/" },
      to: { path: "^src/(answer|cli|discord|http|eval)/|^src/main\\.ts$" },
    },
    {
      name: "answer-knows-no-surface",
      severity: "error",
      comment: "The engine is pure: it knows nothing of Discord, HTTP or the terminal.",
      from: { path: "^src/answer/" },
      to: { path: "^src/(cli|discord|http|eval)/|^src/main\\.ts$" },
    },
    {
      name: "cli-is-not-discord",
      severity: "error",
      comment: "The terminal surface is a sibling of the Discord one: neither imports the other.",
      from: { path: "^src/cli/" },
      to: { path: "^src/(discord|http|eval)/|^src/main\\.ts$" },
    },
    {
      name: "discord-is-not-cli",
      severity: "error",
      comment: "Discord may use the shared process helpers of src/cli, nothing else of it, and nothing above it.",
      from: { path: "^src/discord/" },
      to: { path: "^src/(cli|http|eval)/|^src/main\\.ts$", pathNot: PROCESS_HELPERS },
    },
    {
      name: "http-uses-the-shared-handler-only",
      severity: "error",
      comment: "The HTTP endpoint reuses discord's transport-agnostic handler; it never loads the gateway client.",
      from: { path: "^src/http/" },
      to: { path: `${GATEWAY_ONLY}|^src/(cli|eval)/|^src/main\\.ts$`, pathNot: PROCESS_HELPERS },
    },
    {
      name: "shared-modules-stay-low",
      severity: "error",
      comment: "Top-level shared modules (config, logger, ...) are used by every surface, so they import none.",
      from: { path: "^src/[^/]+\\.ts$", pathNot: "^src/main\\.ts$" },
      to: { path: "^src/(search|answer|cli|discord|http|eval|storage)/", pathNot: PROCESS_HELPERS },
    },
    // Inside src/discord, bottom to top: the leaf modules (types, outcome, rate-limit, engine-helpers) ←
    // render (message parts, custom_ids, the response shapes) ← answer-question ← commands | components (the handlers) ←
    // interactions (the dispatcher) ← events (the gateway's listeners) ← client, start, shard, deploy-commands.
    {
      name: "discord-leaves-stay-leaves",
      severity: "error",
      comment: "The shared Discord types and helpers import no other part of src/discord (rate-limit's type excepted).",
      from: { path: "^src/discord/(types|outcome|rate-limit|engine-helpers)\\.ts$" },
      to: { path: "^src/discord/", pathNot: "^src/discord/(types|outcome|rate-limit)\\.ts$" },
    },
    {
      name: "render-is-below-the-handlers",
      severity: "error",
      comment: "Rendering turns engine results into message parts; it never calls a handler or the dispatcher.",
      from: { path: "^src/discord/render/" },
      to: { path: `^src/discord/(commands|components|interactions|events)/|${GATEWAY_ONLY}` },
    },
    {
      name: "handlers-are-below-the-dispatcher",
      severity: "error",
      comment:
        "Command and component handlers are routed by interactions/; they never import it, the gateway, or each other.",
      from: { path: "^src/discord/(commands|components)/" },
      to: { path: `^src/discord/(interactions|events)/|${GATEWAY_ONLY}` },
    },
    {
      name: "commands-and-components-are-siblings",
      severity: "error",
      from: { path: "^src/discord/commands/" },
      to: { path: "^src/discord/components/" },
    },
    {
      name: "components-and-commands-are-siblings",
      severity: "error",
      from: { path: "^src/discord/components/" },
      to: { path: "^src/discord/commands/" },
    },
    {
      name: "the-dispatcher-is-below-the-gateway",
      severity: "error",
      comment: "interactions/ is transport-agnostic: the HTTP endpoint uses it without the gateway client.",
      from: { path: "^src/discord/interactions/" },
      to: { path: `^src/discord/events/|${GATEWAY_ONLY}` },
    },
    {
      name: "events-go-through-the-dispatcher",
      severity: "error",
      comment: "The gateway's listeners reach handlers through interactions/ (or answer-question.ts), never directly.",
      from: { path: "^src/discord/events/" },
      to: { path: "^src/discord/(commands|components)/" },
    },
    {
      name: "events-are-below-the-client",
      severity: "error",
      from: { path: "^src/discord/events/" },
      to: { path: "^src/discord/(client|start|shard|deploy-commands)\\.ts$" },
    },
    {
      name: "eval-is-a-tool",
      severity: "error",
      comment: "src/eval measures the engine; nothing in the product imports it.",
      from: { path: "^src/", pathNot: "^src/eval/" },
      to: { path: "^src/eval/" },
    },
    {
      name: "product-never-imports-tests",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench)/" },
    },
  ],
  options: {
    // Type-only imports count: a cycle through `import type` still tangles the layers.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
  },
};
