// Why: the root document shared by every route: html/body, global styles, metadata.
import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Wheelhouse", template: "%s · Wheelhouse" },
  description: "A Kubernetes control plane in one Next.js server.",
};

/** The html shell. */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
