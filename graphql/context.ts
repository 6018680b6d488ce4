// Why: every resolver gets the cluster, the user it acts as, and the request's item budget from one context shape.

import { badRequest } from "@/core/api/errors";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";

/** The most list items one GraphQL request may return across all its list fields. */
export const MAX_ITEMS_PER_REQUEST = 50_000;

/** Counts the list items a request returns and refuses the request past its budget. */
export class ItemBudget {
  private spent = 0;
  constructor(private readonly max = MAX_ITEMS_PER_REQUEST) {}

  /** Adds `n` items; throws 400 BadRequest once the total passes the budget. */
  charge(n: number): void {
    this.spent += n;
    if (this.spent > this.max) {
      throw badRequest(`this request would return more than ${this.max} list items; ask for smaller pages (limit/continue) or fewer lists`);
    }
  }
}

/** What resolvers receive. */
export interface GraphQLContext {
  rt: ClusterRuntime;
  /**
   * Who the request acts as; undefined for an anonymous request. Anonymous operations are
   * refused before parsing (graphql/authenticated-only.ts), so resolvers see a user; they still
   * read it through `actingUser(ctx)` (graphql/access.ts), which refuses undefined.
   */
  user: UserInfo | undefined;
  budget: ItemBudget;
}
