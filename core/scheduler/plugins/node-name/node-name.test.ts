import { describe, expect, it } from "vitest";
import { makeNode, makePod } from "../../../testing/builders";
import { newNodeInfo } from "../../framework/node-info";
import { newNodeName } from "./node-name";

describe("NodeName", () => {
  it.each([
    { name: "no nodeName", want: undefined, ok: true },
    { name: "same node", want: "n1", ok: true },
    { name: "other node", want: "n2", ok: false },
  ])("$name", ({ want, ok }) => {
    const pod = makePod("p").build();
    if (want) pod.spec!.nodeName = want;
    const s = newNodeName().filter(new Map(), pod, newNodeInfo(makeNode("n1").build(), []));
    expect(s).toEqual(ok ? null : { code: "UnschedulableAndUnresolvable", reasons: ["node(s) didn't match the requested node name"] });
  });
});
