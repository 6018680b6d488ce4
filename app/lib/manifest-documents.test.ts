// Why: the editor jumps to the document an apply error names; wrong lines would send users to the wrong object.
import { describe, it, expect } from "vitest";
import { documentIndexOf, documentStartLines, fieldLine } from "./manifest-documents";

describe("documentStartLines", () => {
  it.each([
    { name: "one document", text: "a: 1\nb: 2\n", want: [1] },
    { name: "leading separator and comments", text: "---\n# c\na: 1\n---\nb: 2\n", want: [3, 5] },
    { name: "empty documents are skipped", text: "a: 1\n---\n---\nb: 2", want: [1, 4] },
    { name: "blank lines before content", text: "\n\nkind: Pod\n---\n\nkind: Service\n", want: [3, 6] },
    { name: "nothing", text: "\n# only a comment\n", want: [] },
  ])("$name", ({ text, want }) => {
    expect(documentStartLines(text)).toEqual(want);
  });
});

describe("documentIndexOf", () => {
  it.each([
    { msg: 'document 2 (Deployment "web"): spec.replicas: Invalid value', want: 1 },
    { msg: "error parsing document 1: bad indentation", want: 0 },
    { msg: "no objects passed to apply", want: undefined },
  ])("$msg", ({ msg, want }) => {
    expect(documentIndexOf(msg)).toBe(want);
  });
});

describe("fieldLine", () => {
  const text = `kind: ConfigMap
metadata:
  name: a
---
kind: Deployment
metadata:
  name: b
spec:
  replicas: -1
  template:
    spec:
      containers:
        - name: c
          image: ""
`;
  it.each([
    { field: "spec.replicas", doc: 1, want: 9 },
    { field: "spec.template.spec.containers[0].image", doc: 1, want: 14 },
    { field: "metadata.name", doc: 1, want: 7 },
    { field: "metadata.name", doc: 0, want: 3 },
    { field: "spec.missing", doc: 1, want: 8 },
    { field: "spec", doc: 0, want: undefined },
    { field: "spec.replicas", doc: 5, want: undefined },
  ])("$field in document $doc → line $want", ({ field, doc, want }) => {
    expect(fieldLine(text, doc, field)).toBe(want);
  });
});
