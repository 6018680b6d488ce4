// Why: authorization tests need real users, teams and personal access tokens in a running server's database; the test process opens the same SQLite file (WAL) with an Identity of its own, since the server reads users, teams and tokens fresh on every request.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { parse } from "yaml";
import { PrismaClient } from "@/generated/prisma/client";
import { kubeconfigFor } from "@/server/auth/admin-kubeconfig";
import { Identity } from "@/server/identity";
import { DATABASE_FILE_NAME } from "@/server/persistence/database";

/** A user made for a test: their password (console login), personal access token and a kubeconfig that carries it. */
export interface TestUser {
  username: string;
  password: string;
  token: string;
  tokenId: string;
  kubeconfig: string;
}

/**
 * An Identity over the database of the server whose data directory is `dataDir` (not the
 * server's process: this one takes no data-directory lock and runs no migrations, the server did).
 */
export class TestUsers {
  readonly identity: Identity;
  private readonly prisma: PrismaClient;

  constructor(
    private readonly server: { dataDir: string },
    /** The API's TLS URL, as in the admin kubeconfig. */
    private readonly apiUrl: string,
  ) {
    this.prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${path.join(server.dataDir, DATABASE_FILE_NAME)}`, timeout: 10_000 }) });
    this.identity = new Identity({ prisma: this.prisma, dataDir: server.dataDir, lookupServiceAccount: () => undefined });
  }

  /** Creates teams that do not exist yet. */
  async teams(...names: string[]): Promise<void> {
    for (const name of names) if (!(await this.identity.teams.find(name))) await this.identity.teams.create({ name });
  }

  /** Creates `username` with a password, in `teams`, with a personal access token and `<dataDir>/<username>.kubeconfig`. */
  async create(username: string, teams: string[]): Promise<TestUser> {
    const password = `${username}-password-1`;
    const user = await this.identity.users.create({ username, password });
    for (const team of teams) await this.identity.teams.addMember(team, username);
    const { token, record } = await this.identity.accessTokens.create(user.id, { name: "authorization test" });
    const kubeconfig = path.join(this.server.dataDir, `${username}.kubeconfig`);
    writeFileSync(kubeconfig, kubeconfigFor(this.apiUrl, username, token, this.caCert()), { mode: 0o600 });
    return { username, password, token, tokenId: record.id, kubeconfig };
  }

  /** The cluster CA the admin kubeconfig trusts (PEM). */
  private caCert(): string | undefined {
    const admin = parse(readFileSync(path.join(this.server.dataDir, "admin.kubeconfig"), "utf8")) as { clusters: { cluster: Record<string, string> }[] };
    const data = admin.clusters[0]?.cluster["certificate-authority-data"];
    return data ? Buffer.from(data, "base64").toString("utf8") : undefined;
  }

  async close(): Promise<void> {
    await this.identity.close();
    await this.prisma.$disconnect();
  }
}
