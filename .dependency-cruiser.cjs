/**
 * The dependency rules of src/ (docs/ARCHITECTURE.md explains them), checked by `npm run deps`, which
 * `npm test` runs first. Layers, bottom to top:
 *
 *   knowledge  ←  search  ←  answer  ←  owner  ←  cli | discord  ←  http
 *   knowledge  ←  storage  (beside search: what the bot remembers; used by owner and the surfaces)
 *
 * Every import must point down (or stay inside its own folder), and no module may reach itself again
 * through its imports, type-only imports included (tsPreCompilationDeps). Every path a rule names must exist:
 * `npm run deps` first runs scripts/check-dependency-rules.mjs, which fails on a name that matches nothing.
 */

/** Process plumbing every entry point shares (exit codes, the CLI guard). */
const PROCESS_HELPERS = "^src/cli/(exit-codes|guard)\\.ts$";

/** Modules only the gateway bot loads: the HTTP endpoint must never pull them in. */
const GATEWAY_ONLY = "^src/discord/gateway/";

/**
 * Inside src/discord, bottom to top: core/ (the shared plumbing) ← the feature folders (ask/, fact/, quote/,
 * source/, help/, check/, article-pick/, context/, related/: every folder but core/ and gateway/) ← registry.ts
 * and handle-interaction.ts (the dispatcher both transports use) ← gateway/ (the discord.js client).
 */
const DISCORD_FEATURES = "^src/discord/(?!core/|gateway/)[^/]+/";
/** A feature's handlers: what the registry lists and the dispatcher routes to. */
const FEATURE_HANDLERS = "^src/discord/[^/]+/(command|button|menu|modal)\\.ts$";
const DISPATCHER = "^src/discord/(handle-interaction|registry)\\.ts$";

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
      to: { path: "^src/(search|answer|owner|cli|discord|http|eval|storage)/|^src/main\\.ts$" },
    },
    {
      name: "storage-knows-only-knowledge",
      severity: "error",
      comment:
        "src/storage is the bot's memory (SQLite or PostgreSQL); it may use knowledge types and the shared modules, nothing above.",
      from: { path: "^src/storage/" },
      to: { path: "^src/(search|answer|owner|cli|discord|http|eval)/|^src/main\\.ts$" },
    },
    {
      name: "search-knows-only-knowledge",
      severity: "error",
      comment: "src/search is text analysis and the index; it may use knowledge types, nothing above.",
      from: { path: "^src/search/" },
      to: { path: "^src/(answer|owner|cli|discord|http|eval)/|^src/main\\.ts$" },
    },
    {
      name: "answer-knows-no-surface",
      severity: "error",
      comment: "The engine is pure: it knows nothing of Discord, HTTP or the terminal.",
      from: { path: "^src/answer/" },
      to: { path: "^src/(owner|storage|cli|discord|http|eval)/|^src/main\\.ts$" },
    },
    {
      name: "owner-is-below-the-surfaces",
      severity: "error",
      comment:
        "src/owner (the packs kept current, the question log, the review, the articles added from Discord) serves every surface; it knows none of them.",
      from: { path: "^src/owner/" },
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
      to: { path: "^src/(search|answer|owner|cli|discord|http|eval|storage)/", pathNot: PROCESS_HELPERS },
    },
    {
      name: "discord-core-is-the-bottom",
      severity: "error",
      comment:
        "src/discord/core is what every feature builds on; it imports no feature, the dispatcher or the gateway.",
      from: { path: "^src/discord/core/" },
      to: { path: "^src/discord/", pathNot: "^src/discord/core/" },
    },
    {
      name: "handlers-are-reached-through-the-registry",
      severity: "error",
      comment:
        "A feature's command.ts, button.ts or menu.ts is listed in registry.ts and imported nowhere else: the gateway, the HTTP endpoint and other features reach it through the dispatcher.",
      from: { path: "^src/", pathNot: "^src/discord/registry\\.ts$" },
      to: { path: FEATURE_HANDLERS },
    },
    {
      name: "features-are-below-the-dispatcher",
      severity: "error",
      comment:
        "Features are routed by the registry and the dispatcher; they never import them, nor the gateway. (A feature may use another's rendering: the answer embed carries the context, related and article buttons.)",
      from: { path: DISCORD_FEATURES },
      to: { path: `${DISPATCHER}|${GATEWAY_ONLY}` },
    },
    {
      name: "the-dispatcher-is-below-the-gateway",
      severity: "error",
      comment: "The dispatcher is transport-agnostic: the HTTP endpoint uses it without the gateway client.",
      from: { path: DISPATCHER },
      to: { path: GATEWAY_ONLY },
    },
    {
      name: "no-tagger-in-the-bot",
      severity: "error",
      comment:
        "Drafting fact cards loads compromise (a tagger: ~45 MB and 0.4 s): it is for building packs, and the bot's processes reach it only through the worker thread that builds an article added from Discord (src/owner/build-pack-worker.ts, started by its URL), never by an import.",
      from: { path: "^src/(main|http/main|discord/gateway/shard|cli/(ask|review))\\.ts$" },
      to: { path: "^src/knowledge/draft-facts\\.ts$", reachable: true },
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
