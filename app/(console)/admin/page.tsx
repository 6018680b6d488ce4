// Why: /admin has no page of its own: it leads to Users.
import { redirect } from "next/navigation";

/** Redirects to the users list. */
export default function AdminPage() {
  redirect("/admin/users");
}
