// Why: server components do not know the URL they render; the proxy hands it over so a layout can send the user back there after login.

/** Request header the proxy sets to the page's path and query. */
export const PATH_HEADER = "x-wheelhouse-path";

/** The page's path and query as the proxy saw them, or `/`. */
export function requestPath(headers: Headers): string {
  return headers.get(PATH_HEADER) || "/";
}
