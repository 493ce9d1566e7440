/** What each command does, shared by Discord's /help and the terminal's /help so they never drift apart. */
export const COMMAND_HELP = [
  { name: "ask", usage: "/ask <question>", description: "Answer a question about the article, quoting its sentences." },
  { name: "fact", usage: "/fact <topic>", description: "Quick fact lookup: a person, place, organisation, weapon, date or number." },
  { name: "quote", usage: "/quote <number>", description: "Show one sentence of the article verbatim, with the sentences around it." },
  { name: "source", usage: "/source", description: "What the article is, and how answers are chosen." },
  { name: "help", usage: "/help", description: "This help." },
] as const;

export const EXAMPLE_QUESTIONS = [
  "When did Putin first visit North Korea?",
  "What happened in March?",
  "Who is Kim Yo Jong?",
] as const;

export const ABOUT =
  "I answer questions about one news article (Putin's trip to North Korea) using only what the article says. " +
  "Every answer quotes the article's own sentences with their ids (S0 is the standfirst, S1… the sentences in order). " +
  "If the article doesn't say, I tell you so instead of guessing.";
