import { answer } from "../src/answer/index.js";

/** Spawned by the benchmark: load the knowledge base, build the engine, answer once, report. */
const a = answer("When did Putin first visit North Korea?");
process.stdout.write(a.answered ? "ready\n" : "not-ready\n");
