import { describe, it, expect } from "vitest";
import { podLogOptions } from "./log-options";

const q = (s: string) => new URLSearchParams(s);

describe("podLogOptions", () => {
  it.each([
    { query: "", want: { follow: false, previous: false, timestamps: false } },
    { query: "container=app&follow=true&tailLines=10", want: { container: "app", follow: true, previous: false, timestamps: false, tailLines: 10 } },
    { query: "previous=1&timestamps=true&limitBytes=100", want: { follow: false, previous: true, timestamps: true, limitBytes: 100 } },
    { query: "follow=false&sinceSeconds=60", want: { follow: false, previous: false, timestamps: false, sinceSeconds: 60 } },
    { query: "sinceTime=2026-01-01T00:00:00Z&tailLines=0", want: { follow: false, previous: false, timestamps: false, sinceTime: "2026-01-01T00:00:00Z", tailLines: 0 } },
  ])("parses ?$query", ({ query, want }) => {
    expect(podLogOptions(q(query), "web")).toEqual(want);
  });

  it.each([
    { query: "tailLines=-1", code: 422, message: 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0' },
    { query: "limitBytes=0", code: 422, message: 'PodLogOptions "web" is invalid: limitBytes: Invalid value: 0: must be greater than 0' },
    { query: "sinceSeconds=0", code: 422, message: 'PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0' },
    { query: "sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z", code: 422, message: 'PodLogOptions "web" is invalid: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified' },
    { query: "tailLines=abc", code: 400, message: 'strconv.ParseInt: parsing "abc": invalid syntax' },
    { query: "sinceTime=yesterday", code: 400, message: expect.stringContaining('parsing time "yesterday"') },
  ])("refuses ?$query with $code", ({ query, code, message }) => {
    expect(() => podLogOptions(q(query), "web")).toThrow(expect.objectContaining({ code, message }));
  });
});
