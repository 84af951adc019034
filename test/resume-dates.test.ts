import { describe, expect, it } from "vitest";
import { findDateRanges, findSingleDate, yearsCovered } from "../src/resumes/extract/dates.ts";

describe("date ranges as resumes print them", () => {
  it.each([
    ["Mar 2019 – Present", "2019-03", "present"],
    ["March 2019 — June 2021", "2019-03", "2021-06"],
    ["Jan. 2020–Current", "2020-01", "present"],
    ["03/2019 - 06/2021", "2019-03", "2021-06"],
    ["2019-03 to 2021-06", "2019-03", "2021-06"],
    ["2017 – 2019", "2017", "2019"],
    ["2017-2019", "2017", "2019"],
    ["Since 2021", "2021", "present"],
    ["Sept 2018 - Aug 2020", "2018-09", "2020-08"],
    ["Acme Corp, Austin TX        Feb 2016 – Nov 2018", "2016-02", "2018-11"],
    ["December, 2015 to now", "2015-12", "present"],
    ["9.2014 – 7.2016", "2014-09", "2016-07"],
  ])("%s → %s…%s", (text, start, end) => {
    const [range] = findDateRanges(text);
    expect(range).toMatchObject({ start, end });
  });

  it("ignores numbers that are not dates", () => {
    expect(findDateRanges("Cut costs by 30% - saved $2019 on 1500-2000 units")).toEqual([]);
    expect(findDateRanges("Phone: +1 415 555 2671")).toEqual([]);
  });

  it("finds a lone graduation date", () => {
    expect(findSingleDate("B.S. Computer Science, May 2015")?.date).toBe("2015-05");
    expect(findSingleDate("MBA 2012")?.date).toBe("2012");
  });

  it("counts overlapping jobs once", () => {
    const today = new Date(Date.UTC(2024, 5, 15));
    expect(
      yearsCovered(
        [
          { start: "2018-01", end: "2019-12" },
          { start: "2019-06", end: "2021-12" },
        ],
        today,
      ),
    ).toBe(4);
    expect(yearsCovered([{ start: "2015", end: "2017" }], today)).toBe(3);
    expect(yearsCovered([{ start: "2020-09", end: "present" }], today)).toBe(3);
    expect(yearsCovered([], today)).toBe(0);
  });
});
