// Why: the checker must ask about exactly the resource a person typed, as kubectl auth can-i reads it.

import { expect, it } from "vitest";
import { parseResourceRef } from "./access-question";

it.each([
  { text: "pods", want: { resource: "pods", group: "" } },
  { text: " Deployments.apps ", want: { resource: "deployments", group: "apps" } },
  { text: "pods/log", want: { resource: "pods", group: "", subresource: "log" } },
  { text: "deployments.apps/scale", want: { resource: "deployments", group: "apps", subresource: "scale" } },
  { text: "users.iam.wheelhouse.dev", want: { resource: "users", group: "iam.wheelhouse.dev" } },
  { text: "*", want: { resource: "*", group: "" } },
])("$text", ({ text, want }) => {
  expect(parseResourceRef(text)).toEqual(want);
});
