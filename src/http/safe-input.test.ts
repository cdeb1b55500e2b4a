import { describe, expect, it } from "vitest";
import { unsafeFields } from "./safe-input";

describe("unsafe input", () => {
  it("names every field holding a NUL or a lone surrogate, however deep", () => {
    expect(
      unsafeFields({
        email: "a\u0000b@x.test",
        lines: [{ description: "ok" }, { description: "bad \uD83D" }],
        note: "\uDE00 alone",
      }).map((f) => f.field),
    ).toEqual(["email", "lines.1.description", "note"]);
  });

  it("lets real text through, emoji (a surrogate pair) and umlauts included", () => {
    expect(unsafeFields({ note: "Bremsen 🚗 prüfen", n: 3, flag: true, none: null })).toEqual([]);
  });

  it("checks field names too", () => {
    expect(unsafeFields({ "x\u0000": 1 })).toHaveLength(1);
  });
});
