/**
 * Chat that is not a question about the article: greetings, thanks, reactions, channel noise. A
 * message made only of these words (and stop words) never gets an answer, even where a word such
 * as "test" or "nice" happens to occur in the article ("tests for weapons").
 */
const CHAT_WORDS: ReadonlySet<string> = new Set(
  `hi hello hey heya hiya yo sup gm gn morning evening night thanks thank thx ty tysm cheers np welcome
  lol lmao lmfao rofl haha hahaha hehe xd kek ok okay k kk cool nice great awesome wow damn dang neat sweet
  good bad bot bots test testing tested ping pong bruh bro dude mate guys everyone all yes no yeah yep nope nah
  sure fine bye cya brb afk gg ez wp hmm hm umm uh oh oof rip lel idk idc fr ikr smh tbh imo imho omg wtf
  pls plz please love like agree same this that it ya yea`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether a normalised message is only chat (every word a chat word); "" is not chat (handled elsewhere). */
export function isChat(normalized: string): boolean {
  const words = normalized.split(" ").filter(Boolean);
  return (
    words.length > 0 &&
    words.length <= 6 &&
    words.every((w) => CHAT_WORDS.has(w) || /^(?:ha)+h?$|^l+o+l+$|^x+d+$/.test(w))
  );
}
