import { describe, expect, it } from "vitest";
import { answerInConversation, NO_TOPIC_NOTE, topicOf, type Topic } from "../../src/answer/conversation.js";
import { resolveFollowUp } from "../../src/answer/follow-up/resolve.js";
import type { TopicNames } from "../../src/answer/follow-up/topic.js";
import { Library } from "../../src/answer/library.js";
import type { Named } from "../../src/answer/names.js";
import { normalizeText } from "../../src/search/normalize.js";
import { copyOf } from "../support/packs.js";
import { fixtureDraft, fixtureEngine, sentenceWith } from "../support/fixture-pack.js";

/** A name as a pack's NameTable gives it. */
function named(name: string, kind: Named["kind"], gender?: Named["gender"], forms?: string[]): Named {
  const form = name.toLowerCase();
  return { name, kind, gender, forms: forms ?? [form], usual: form };
}

const kim = named("Kim Yo Jong", "person", "female", ["kim yo jong", "kim sister"]);
const putin = named("Vladimir Putin", "person", "male", ["vladimir putin", "putin"]);
const germany = named("Germany", "place");
const belgium = named("Belgium", "place");
const trust = named("Wexley Trust", "group");
const everyone = [kim, putin, germany, belgium, trust];
/** Finds the test's names in a normalised text, in order. */
const find = (text: string): Named[] => everyone.filter((n) => n.forms.some((f) => ` ${text} `.includes(` ${f} `)));

function topic(question: string, answer?: string, sentence: Named[] = []): TopicNames {
  return {
    question,
    inQuestion: find(normalizeText(question)),
    inAnswer: answer === undefined ? [] : find(normalizeText(answer)),
    inSentence: sentence,
  };
}

describe("resolveFollowUp (pure)", () => {
  it('takes "she" as the woman the previous question named, and says so', () => {
    const r = resolveFollowUp("what did she say?", topic("and what about kim sister?"), find);
    expect(r).toEqual({ kind: "follow-up", question: "what did Kim Yo Jong say", note: 'Taking "she" as Kim Yo Jong' });
  });

  it('takes "he" as the man of the answer or its sentence, never a woman', () => {
    const r = resolveFollowUp("when did he first visit?", topic("who visits kim sister?", "Vladimir Putin."), find);
    expect(r.question).toBe("when did Vladimir Putin first visit");
    expect(resolveFollowUp("what did he say?", topic("kim sister"), find).kind).toBe("unresolved");
  });

  it('takes "they" as a group the previous answer named, and a possessive as possessive', () => {
    const r = resolveFollowUp(
      "what did they say about their grant?",
      topic("who gives the grant?", "The Wexley Trust."),
      find,
    );
    expect(r.question).toBe("what did Wexley Trust say about Wexley Trust's grant");
  });

  it('asks the previous question again with the new question word: "and when?", "ok but why"', () => {
    expect(resolveFollowUp("and when?", topic("Where does the trial begin?"), find)).toEqual({
      kind: "follow-up",
      question: "when does the trial begin",
      note: 'Taking this as "when does the trial begin"',
    });
    expect(resolveFollowUp("ok but why", topic("What's the new map?"), find).question).toBe("why is the new map");
    expect(resolveFollowUp("how many?", topic("Who voted against it?"), find).question).toBe(
      "how many voted against it",
    );
  });

  it('"what about X": a name for a name of its kind, a phrase for the phrase with its preposition, an ordinal, the same last word', () => {
    const again = (previous: string, x: string): string => resolveFollowUp(x, topic(previous), find).question;
    expect(again("When do deliveries start in Germany?", "what about Belgium?")).toBe(
      "When do deliveries start in Belgium",
    );
    expect(again("What's the charge for leaving a bike outside a dock?", "what about outside the service area?")).toBe(
      "What's the charge for leaving a bike outside the service area",
    );
    expect(again("When is the first drop-in session?", "and the second one?")).toBe(
      "When is the second drop-in session",
    );
    expect(again("What share of the gardening group reached remission?", "what about the comparison group?")).toBe(
      "What share of the comparison group reached remission",
    );
    expect(again("What's the fee to register a whole unit?", "what about just a room?")).toBe(
      "What's the fee to register just a room",
    );
    expect(again("How much does the Pendler 2 Long cost?", "and in the UK?")).toBe(
      "How much does the Pendler 2 Long cost in the UK",
    );
  });

  it('"it" with nothing named to stand for takes the previous question\'s words along', () => {
    const r = resolveFollowUp("why did it go up?", topic("What was the scheme estimated to cost in 2023?"), find);
    expect(r.kind).toBe("follow-up");
    expect(r.question).toBe("why did it go up scheme estimated cost 2023");
    expect(r.note).toBe('Taking "it" as in "What was the scheme estimated to cost in 2023"');
  });

  it("leaves a pronoun the question itself explains, and an 'it' that stands for what follows", () => {
    const previous = topic("who visits kim sister?", "Vladimir Putin.");
    for (const q of [
      "did Kim Yo Jong say she would go?",
      "how long after his booking was Rocha taken off?",
      "what did the man tell his neighbours?",
      "is it true that the visit is friendly?",
      "If I cancel my Monthly Pass, how long can I keep using it?",
      "do residents feel they were consulted?",
      "is there a fee?",
    ]) {
      expect(resolveFollowUp(q, previous, find), q).toEqual({ kind: "standalone", question: q });
    }
  });

  it('"ok different question: …" starts afresh, without the marker', () => {
    expect(resolveFollowUp("ok different question: who pays?", topic("kim sister"), find)).toEqual({
      kind: "switch",
      question: "who pays",
    });
    expect(resolveFollowUp("on another note, when is it?", topic("kim sister"), find).kind).toBe("switch");
  });

  it("with nothing before: 'what about X' asks about X; a question that needs an earlier one says so", () => {
    expect(resolveFollowUp("and what about kim's sister?", undefined, find)).toEqual({
      kind: "standalone",
      question: "kim's sister",
    });
    expect(resolveFollowUp("what did she say?", undefined, find).kind).toBe("unresolved");
    expect(resolveFollowUp("and when?", undefined, find).kind).toBe("unresolved");
    expect(resolveFollowUp("when does the library shut?", undefined, find).kind).toBe("standalone");
  });

  it("bad input: huge, control characters, markdown, mentions, nothing at all", () => {
    const previous = topic("Where does the trial begin?");
    // Read as far as it is searched: a question asked at length is no follow-up of a few words.
    const huge = resolveFollowUp(`${"he said she said ".repeat(2_000)} and when?`, previous, find);
    expect(huge.kind).not.toBe("follow-up");
    const steered = resolveFollowUp("and \u001b[31mwhen\u0007?", previous, find);
    expect(steered.note).not.toMatch(/\p{Cc}/u);
    expect(resolveFollowUp("", previous, find)).toEqual({ kind: "standalone", question: "" });
    expect(resolveFollowUp("🤔🤔", previous, find).kind).toBe("standalone");
    expect(resolveFollowUp("@everyone **and why?**", previous, find).question).toBe("why does the trial begin");
  });

  it("ignores Discord's tokens and emoji around the words", () => {
    const r = resolveFollowUp("<@123> ok but why 🤔", topic("Where does the trial begin?"), find);
    expect(r.question).toBe("why does the trial begin");
  });
});

describe("answerInConversation", () => {
  const engine = fixtureEngine();
  const library = new Library([engine]);
  const ask = (q: string, previous?: Topic, article?: string) => answerInConversation(library, q, previous, article);

  it("answers a pronoun follow-up from the previous answer's sentence, with the note; the topic moves on", () => {
    const first = ask("who is the council leader?");
    expect(first.answer.citations[0]?.id).toBe(sentenceWith(engine.kb, "Council leader Sam Okoro"));
    expect(first.topic).toMatchObject({ article: engine.kb.id, question: "who is the council leader?" });
    const next = ask("what did he say?", first.topic);
    expect(next.answer.followUp).toEqual({ note: 'Taking "he" as Sam Okoro', understood: "what did Sam Okoro say" });
    expect(next.answer.question).toBe("what did he say?");
    const lead = next.answer.citations[0] ?? next.answer.closest[0];
    expect([sentenceWith(engine.kb, "Sam Okoro said"), sentenceWith(engine.kb, "buckets")]).toContain(lead?.id);
    expect(next.topic?.question).toBe("what did Sam Okoro say");
  });

  it('"what about X?" asks the previous question of X', () => {
    const first = ask("where will the children's section move?");
    const next = ask("what about printing?", first.topic);
    expect(next.answer.citations[0]?.id).toBe(sentenceWith(engine.kb, "Printing will be"));
    expect(next.answer.followUp?.note).toBe('Taking this as "where will printing"');
  });

  it("chat keeps the topic; a switch with nothing answered ends it", () => {
    const first = ask("who is the council leader?");
    expect(ask("thanks!", first.topic).topic).toEqual(first.topic);
    expect(ask("ok new question: lol", first.topic).topic).toBeUndefined();
  });

  it("a follow-up with nothing to follow is answered as it stands, with a note saying what to do", () => {
    const r = ask("what did she say?");
    expect(r.resolution.kind).toBe("unresolved");
    expect(r.answer.answered).toBe(false);
    expect(r.answer.followUp?.note).toBe(NO_TOPIC_NOTE);
  });

  it("a topic from another article, or from an article no longer loaded, is not carried over", () => {
    const first = ask("who is the council leader?");
    const copy = copyOf(fixtureDraft(), "other-library", "Another library");
    const two = new Library([engine, copy]);
    const across = answerInConversation(two, "what did he say?", first.topic, "other-library");
    expect(across.resolution.kind).toBe("unresolved");
    expect(across.pack.id).toBe("other-library");
    const gone = ask("what did he say?", { ...first.topic!, article: "no-such-pack" });
    expect(gone.resolution.kind).toBe("unresolved");
  });

  it("a follow-up and 'tldr' stay in the conversation's article when several are loaded", () => {
    const copy = copyOf(fixtureDraft(), "other-library", "Another library");
    const two = new Library([copy, engine]);
    const first = answerInConversation(two, "who is the council leader?", undefined, engine.kb.id);
    const next = answerInConversation(two, "what did he say?", first.topic);
    expect(next.pack.id).toBe(engine.kb.id);
    const summary = answerInConversation(two, "tldr", first.topic);
    expect(summary.answer.outcome).toBe("summary");
    expect(summary.pack.id).toBe(engine.kb.id);
    expect(summary.alternatives).toEqual([]);
  });

  it("topicOf: the question as understood, the first cited (or closest) sentence, nothing after 'not covered'", () => {
    const pack = library.first;
    const answered = engine.answer("who is the council leader?");
    expect(topicOf(pack, "q", answered)).toEqual({
      article: pack.id,
      question: "q",
      sentence: answered.citations[0]?.id,
      answer: answered.answer,
    });
    expect(topicOf(pack, "q", engine.answer("tldr"))).toEqual({ article: pack.id, question: "q" });
    expect(topicOf(pack, "q", engine.answer("what colour is the moon"))).toBeUndefined();
  });
});
