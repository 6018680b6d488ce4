"use server";
// Why: the Users and Teams pages' mutations as server actions; each is authorized by RBAC on iam.wheelhouse.dev for the session's user and audited (PeopleAdmin).

import { z } from "zod";
import type { TeamRecord, UserRecord } from "@/server/identity";
import type { ActionResult } from "@/app/lib/server/actions";
import { adminAction, parsed } from "@/app/lib/server/admin/admin-action";
import { PeopleAdmin } from "@/app/lib/server/admin/people-admin";

const name = z.string().trim().min(1).max(253);
const NewUser = z.object({ username: name, displayName: z.string().trim().max(200).optional(), password: z.string().max(1024), teams: z.array(name).max(100).optional() });
const NewTeam = z.object({ name, description: z.string().trim().max(500).optional() });

const people = (f: Parameters<Parameters<typeof adminAction>[0]>[0]) => new PeopleAdmin(f.admin(), f.identity());

/** Creates a user with an initial password and teams (`create users`, `update teams/<t>`). */
export async function createUserAction(input: z.input<typeof NewUser>): Promise<ActionResult<UserRecord>> {
  return adminAction((f) => people(f).createUser(parsed(NewUser, input)));
}

/** Disables or enables a user (`update users/<name>`). */
export async function setUserDisabledAction(username: string, disabled: boolean): Promise<ActionResult<UserRecord>> {
  return adminAction((f) => people(f).setDisabled(parsed(name, username), parsed(z.boolean(), disabled)));
}

/** Sets a user's password (`update users/<name>`). */
export async function setPasswordAction(username: string, password: string): Promise<ActionResult<true>> {
  return adminAction(async (f) => {
    await people(f).setPassword(parsed(name, username), parsed(z.string().max(1024), password));
    return true as const;
  });
}

/** Deletes a user (`delete users/<name>`). */
export async function deleteUserAction(username: string): Promise<ActionResult<true>> {
  return adminAction(async (f) => {
    await people(f).deleteUser(parsed(name, username));
    return true as const;
  });
}

/** Creates a team (`create teams`). */
export async function createTeamAction(input: z.input<typeof NewTeam>): Promise<ActionResult<TeamRecord>> {
  return adminAction((f) => people(f).createTeam(parsed(NewTeam, input)));
}

/** Deletes a team (`delete teams/<name>`). */
export async function deleteTeamAction(team: string): Promise<ActionResult<true>> {
  return adminAction(async (f) => {
    await people(f).deleteTeam(parsed(name, team));
    return true as const;
  });
}

/** Adds a member (`update teams/<team>`). */
export async function addMemberAction(team: string, username: string): Promise<ActionResult<TeamRecord>> {
  return adminAction((f) => people(f).addMember(parsed(name, team), parsed(name, username)));
}

/** Removes a member (`update teams/<team>`). */
export async function removeMemberAction(team: string, username: string): Promise<ActionResult<TeamRecord>> {
  return adminAction((f) => people(f).removeMember(parsed(name, team), parsed(name, username)));
}
