// Why: /apply — paste or load manifests and apply them as `kubectl apply -f` would.
import type { Metadata } from "next";
import { PageHeader } from "@/app/components/page-header";
import { ApplyEditor } from "./apply-editor";

export const metadata: Metadata = { title: "Apply YAML" };

const SAMPLE = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

/** The manifest editor; the namespace switcher sets the default namespace. */
export default async function ApplyPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const ns = namespace || "default";
  return (
    <>
      <PageHeader title="Apply YAML" subtitle="Create or update objects from manifests, like kubectl apply -f." />
      <ApplyEditor key={ns} initialText={SAMPLE(ns)} namespace={ns} />
    </>
  );
}
