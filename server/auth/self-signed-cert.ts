// Why: kubectl sends bearer tokens only over TLS, so the API needs a certificate; Node cannot issue one, so this writes a small self-signed X.509 (ECDSA P-256) in DER by hand.

import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

/** A PEM certificate and its PEM private key. */
export interface CertificatePair {
  cert: string;
  key: string;
}

export interface SelfSignedOptions {
  commonName?: string;
  /** Subject alternative names: IPs and DNS names the certificate is valid for. */
  ips?: string[];
  dnsNames?: string[];
  /** Default: now. */
  notBefore?: Date;
  /** Default 10 years. */
  validDays?: number;
}

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...p: Buffer[]) => tlv(0x30, ...p);
const set = (...p: Buffer[]) => tlv(0x31, ...p);
const explicit = (n: number, ...p: Buffer[]) => tlv(0xa0 + n, ...p);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return tlv(0x02, v[0] & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, "").slice(0, 14); // YYYYMMDDHHMMSS
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const name = (cn: string) => seq(set(seq(oid("2.5.4.3"), utf8(cn))));
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
const ECDSA_SHA256 = seq(oid("1.2.840.10045.4.3.2"));

function ipBytes(ip: string): Buffer {
  return Buffer.from(ip.split(".").map(Number));
}

const pem = (label: string, der: Buffer) => `-----BEGIN ${label}-----\n${der.toString("base64").replace(/.{1,64}/g, "$&\n")}-----END ${label}-----\n`;

/**
 * A fresh key and a self-signed certificate that is its own CA (basicConstraints CA:TRUE),
 * valid for the given IPs and DNS names, so a kubeconfig can carry it as
 * certificate-authority-data and clients verify the server strictly.
 */
export function selfSignedCertificate(opts: SelfSignedOptions = {}): CertificatePair {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const notBefore = new Date((opts.notBefore ?? new Date()).getTime() - 60_000);
  const notAfter = new Date(notBefore.getTime() + (opts.validDays ?? 3650) * 86_400_000);
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const cn = opts.commonName ?? "wheelhouse";
  const san = seq(...(opts.ips ?? ["127.0.0.1"]).map((ip) => tlv(0x87, ipBytes(ip))), ...(opts.dnsNames ?? ["localhost"]).map((d) => tlv(0x82, Buffer.from(d))));
  const extensions = seq(
    extension("2.5.29.19", true, seq(bool(true))),
    extension("2.5.29.15", true, bits(Buffer.from([0x84]), 2)), // digitalSignature, keyCertSign
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"))), // serverAuth
    extension("2.5.29.17", false, san),
  );
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_SHA256,
    name(cn),
    seq(time(notBefore), time(notAfter)),
    name(cn),
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, extensions),
  );
  const signature = sign("sha256", tbs, privateKey);
  const cert = seq(tbs, ECDSA_SHA256, bits(signature));
  return { cert: pem("CERTIFICATE", cert), key: privateKey.export({ type: "pkcs8", format: "pem" }) as string };
}
