import { describe, expect, it } from "vitest";
import {
  checkSchedule,
  type DunningSchedule,
  defaultSchedule,
  latestDueDateChased,
  levelDue,
} from "./dunning";
import { DomainError } from "./errors";

const schedule: DunningSchedule = { ...defaultSchedule(), enabled: true }; // levels at 7, 21, 35 days; gap 7

describe("which level is due", () => {
  const state = (level: number, lastRemindedOn: string | null = null) => ({
    dueDate: "2026-11-01",
    level,
    lastRemindedOn,
  });
  it("is none before the first level's day, then each level on its day", () => {
    expect(levelDue(schedule, state(0), "2026-11-07")).toBeNull();
    expect(levelDue(schedule, state(0), "2026-11-08")).toBe(1);
    expect(levelDue(schedule, state(1, "2026-11-08"), "2026-11-21")).toBeNull();
    expect(levelDue(schedule, state(1, "2026-11-08"), "2026-11-22")).toBe(2);
    expect(levelDue(schedule, state(3, "2026-12-06"), "2027-06-01")).toBeNull();
  });
  it("gives only the highest level to an invoice that crossed two while nobody ran", () => {
    expect(levelDue(schedule, state(0), "2026-11-30")).toBe(2);
    expect(levelDue(schedule, state(0), "2027-01-30")).toBe(3);
  });
  it("leaves the customer the gap since the last reminder, and nothing when dunning is off", () => {
    expect(levelDue(schedule, state(1, "2026-11-20"), "2026-11-22")).toBeNull();
    expect(levelDue(schedule, state(1, "2026-11-20"), "2026-11-27")).toBe(2);
    expect(levelDue({ ...schedule, enabled: false }, state(0), "2026-12-30")).toBeNull();
  });
  it("reads the candidates as due dates up to the first level's days ago", () => {
    expect(latestDueDateChased(schedule, "2026-11-08")).toBe("2026-11-01");
    expect(latestDueDateChased({ ...schedule, enabled: false }, "2026-11-08")).toBeNull();
  });
});

describe("a schedule", () => {
  const refused = (s: DunningSchedule) => {
    try {
      checkSchedule(s);
    } catch (error) {
      return (error as DomainError).fields.map((f) => f.field);
    }
    return [];
  };
  it("is refused when its levels go backwards or repeat a day", () => {
    const levels = defaultSchedule().levels;
    expect(refused({ ...schedule, levels: [levels[0]!, { ...levels[1]!, daysAfterDue: 7 }] })).toEqual([
      "levels.1.daysAfterDue",
    ]);
    expect(refused({ ...schedule, levels: [levels[1]!, levels[0]!] })).toEqual(["levels.1.daysAfterDue"]);
  });
  it("is refused on, without levels, with a negative fee or an empty text", () => {
    expect(refused({ ...schedule, levels: [] })).toEqual(["levels"]);
    const [first] = defaultSchedule().levels;
    expect(refused({ ...schedule, levels: [{ ...first!, feePrivate: -1 }] })).toEqual([
      "levels.0.feePrivate",
    ]);
    expect(refused({ ...schedule, levels: [{ ...first!, text: { en: "x", de: "" } }] })).toEqual([
      "levels.0.text.de",
    ]);
    expect(refused(schedule)).toEqual([]);
    expect(() => checkSchedule({ ...schedule, levels: [] })).toThrow(DomainError);
  });
});
