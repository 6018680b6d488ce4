// Why: admins manage users and teams from the console; who is an admin is RBAC's answer for users and teams of iam.wheelhouse.dev, checked here before every change.

import { CauseType, invalid } from "@/core/api/errors";
import type { Identity, TeamRecord, UserRecord } from "@/server/identity";
import { IAM_GROUP } from "@/app/lib/server/permissions";
import { guarded, type AdminContext } from "./guarded";

/** What the "New user" form sends. */
export interface NewUserInput {
  username: string;
  displayName?: string;
  /** The initial password (at least 8 characters). */
  password: string;
  /** Teams to join at once (each is an `update` of that team). */
  teams?: string[];
}

/** What the "New team" form sends. */
export interface NewTeamInput {
  name: string;
  description?: string;
}

const users = (verb: string, name?: string) => ({ verb, group: IAM_GROUP, resource: "users", ...(name ? { name } : {}) });
const teams = (verb: string, name?: string) => ({ verb, group: IAM_GROUP, resource: "teams", ...(name ? { name } : {}) });

/**
 * The admin operations on people, each authorized for the acting user as the request it is
 * (`create users`, `update teams/<name>` for a membership change, …) and audited. Changes
 * reach the affected user on their next request, because sessions and tokens re-read who
 * they are every time.
 */
export class PeopleAdmin {
  constructor(
    private readonly ctx: AdminContext,
    private readonly identity: Pick<Identity, "users" | "teams">,
  ) {}

  /** Every user (`list users`). */
  listUsers(): Promise<UserRecord[]> {
    return guarded(this.ctx, users("list"), () => this.identity.users.list());
  }

  /** Every team (`list teams`). */
  listTeams(): Promise<TeamRecord[]> {
    return guarded(this.ctx, teams("list"), () => this.identity.teams.list());
  }

  /** Creates a user with an initial password and adds them to `teams` (each must exist). */
  async createUser(input: NewUserInput): Promise<UserRecord> {
    const wanted = [...new Set((input.teams ?? []).map((t) => t.trim()).filter(Boolean))];
    // Ask for every permission first, so a refused membership does not leave a half-made user.
    for (const t of wanted) {
      const refusal = this.ctx.permissions.forbidden(teams("update", t));
      if (refusal) throw refusal;
    }
    const created = await guarded(
      this.ctx,
      users("create"),
      () => this.identity.users.create({ username: input.username, password: input.password, ...(input.displayName ? { displayName: input.displayName } : {}) }),
      input.username,
    );
    for (const t of wanted) await this.addMember(t, created.username);
    return wanted.length ? this.identity.users.get(created.username) : created;
  }

  /** Disables or re-enables a user (`update users/<name>`); a disabled user's sessions and tokens stop at once. */
  async setDisabled(username: string, disabled: boolean): Promise<UserRecord> {
    if (disabled) this.refuseSelf(username, "disable");
    return guarded(this.ctx, users("update", username), () => this.identity.users.setDisabled(username, disabled));
  }

  /** Sets a new password (`update users/<name>`). */
  setPassword(username: string, password: string): Promise<void> {
    return guarded(this.ctx, users("update", username), () => this.identity.users.setPassword(username, password));
  }

  /** Deletes a user with their memberships and tokens (`delete users/<name>`). */
  async deleteUser(username: string): Promise<void> {
    this.refuseSelf(username, "delete");
    return guarded(this.ctx, users("delete", username), () => this.identity.users.delete(username));
  }

  /** Creates a team (`create teams`); its name is the group that bindings name. */
  createTeam(input: NewTeamInput): Promise<TeamRecord> {
    return guarded(this.ctx, teams("create"), () => this.identity.teams.create({ name: input.name, ...(input.description ? { description: input.description } : {}) }), input.name);
  }

  /** Deletes a team and its memberships (`delete teams/<name>`); bindings to the group stay. */
  deleteTeam(name: string): Promise<void> {
    return guarded(this.ctx, teams("delete", name), () => this.identity.teams.delete(name));
  }

  /** Adds `username` to `team` (`update teams/<team>`). */
  addMember(team: string, username: string): Promise<TeamRecord> {
    return guarded(this.ctx, teams("update", team), () => this.identity.teams.addMember(team, username));
  }

  /** Removes `username` from `team` (`update teams/<team>`). */
  removeMember(team: string, username: string): Promise<TeamRecord> {
    return guarded(this.ctx, teams("update", team), () => this.identity.teams.removeMember(team, username));
  }

  /** An admin who disables or deletes themselves loses the console mid-click: refused, as a 422 on the user. */
  private refuseSelf(username: string, what: string): void {
    if (username !== this.ctx.permissions.user.name) return;
    throw invalid({ group: IAM_GROUP, kind: "users", name: username }, [{ reason: CauseType.Forbidden, field: "metadata.name", message: `Forbidden: you cannot ${what} the user you are signed in as` }]);
  }
}
