// Why: the API's TLS certificate is made once per data directory and kept there, so kubeconfigs handed out stay valid across restarts.

import fs from "node:fs";
import path from "node:path";
import { selfSignedCertificate, type CertificatePair } from "./self-signed-cert";

/** File names of the serving certificate and key inside DATA_DIR. */
export const TLS_CERT_FILE = "tls.crt";
export const TLS_KEY_FILE = "tls.key";

/** The serving certificate of `dataDir`, created (key mode 0600) on first use. */
export function ensureServingCertificate(dataDir: string): CertificatePair {
  const certFile = path.join(dataDir, TLS_CERT_FILE);
  const keyFile = path.join(dataDir, TLS_KEY_FILE);
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) return { cert: fs.readFileSync(certFile, "utf8"), key: fs.readFileSync(keyFile, "utf8") };
  const pair = selfSignedCertificate({ commonName: "wheelhouse", ips: ["127.0.0.1"], dnsNames: ["localhost"] });
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(keyFile, pair.key, { mode: 0o600 });
  fs.writeFileSync(certFile, pair.cert, { mode: 0o644 });
  return pair;
}
