import { describe, expect, it } from "vitest";
import { polarity } from "../../src/answer/polarity.js";

describe("polarity: yes or no from the settling sentence", () => {
  it("says no when the sentence gives another number for the same thing", () => {
    expect(polarity("is the deposit 100 pounds", "We hold a refundable 50 pounds deposit.")).toBe("no");
    expect(polarity("is the deposit 50 pounds", "We hold a refundable 50 pounds deposit.")).toBe("yes");
  });

  it("says no when the sentence negates what is asked", () => {
    expect(polarity("will there be fines", "No fines will be charged.")).toBe("no");
    expect(polarity("was the coach happy with the decision", "The coach was unhappy with the decision.")).toBe("no");
    expect(
      polarity("do tickets still expire after 10 days", "Fixed tickets expiring after 10 days instead of 30."),
    ).toBe("no");
  });

  it("takes a sentence's own yes or no, and does not read 'at no extra cost' as a no", () => {
    expect(polarity("can i attach a child seat", "No, our bikes are built for one rider only.")).toBe("no");
    expect(polarity("is the first hour included", "Both passes include the first hour at no extra cost.")).toBe("yes");
    expect(polarity("can i book a week ahead", "Bookings open no later than seven days ahead.")).toBe("yes");
  });

  it("reads negation only in the clause the question is about", () => {
    expect(
      polarity("will i get a receipt by email", "We can't take cash, and a receipt is emailed after every visit."),
    ).toBe("yes");
    expect(
      polarity("can i bring two guests", "Each member can bring two guests, so friends who are not members can come."),
    ).toBe("yes");
    expect(
      polarity("is the gym open on sundays", "The gym is open to members on weekdays, and never on Sundays."),
    ).toBe("no");
    expect(
      polarity("is the gym open on weekdays", "The gym is open to members on weekdays, and never on Sundays."),
    ).toBe("yes");
  });

  it("does not count the question's opening auxiliary or its if-clause as negation", () => {
    expect(polarity("didn't they extend the loans", "Loans are extended until 5 August.")).toBe("yes");
    expect(polarity("is not it true that the hall closes at noon", "The hall closes at noon.")).toBe("yes");
    expect(
      polarity("can i switch to manual if i do not like the automatic mode", "Riders can switch to manual mode."),
    ).toBe("yes");
    expect(polarity("is not it true that members pay the entry fee", "Members pay nothing to get in.")).toBe("no");
  });
});
