// Why: errors from apply name a document by index ("document 2 (Deployment "web")"); the editor needs to find where that document starts.

/** The 1-based line on which each YAML document of `text` starts (split on `---` lines, as the YAML stream does). */
export function documentStartLines(text: string): number[] {
  const lines = text.split("\n");
  const starts: number[] = [];
  let docStart = 1;
  let hasContent = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^---(\s|$)/.test(line)) {
      if (hasContent) starts.push(docStart);
      docStart = i + 2;
      hasContent = false;
      continue;
    }
    if (!hasContent && line.trim() !== "" && !line.trim().startsWith("#")) {
      hasContent = true;
      docStart = i + 1;
    }
  }
  if (hasContent) starts.push(docStart);
  return starts;
}

/** The 0-based document index an apply error names (`document 2 ...` is 1-based in messages), or undefined. */
export function documentIndexOf(message: string): number | undefined {
  const m = /\bdocument (\d+)\b/i.exec(message);
  return m ? Number(m[1]) - 1 : undefined;
}

/**
 * Best-effort 1-based line of a field path (`spec.template.spec.containers[0].image`) inside
 * document `index`: each path key is searched for in order below the previous one, so the
 * editor can jump to the field an error names. Falls back to the deepest key found.
 */
export function fieldLine(text: string, index: number, field: string): number | undefined {
  const starts = documentStartLines(text);
  const start = starts[index];
  if (!start) return undefined;
  const lines = text.split("\n");
  // The document ends where the next separator is.
  let end = lines.length;
  for (let i = start; i < lines.length; i++) {
    if (/^---(\s|$)/.test(lines[i])) {
      end = i;
      break;
    }
  }
  const keys = field
    .replace(/\[\d+\]/g, "")
    .split(".")
    .filter(Boolean);
  let line = start - 1;
  let found: number | undefined;
  for (const key of keys) {
    const re = new RegExp(`^\\s*(- )?["']?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`);
    let hit = -1;
    for (let i = line; i < end; i++) {
      if (re.test(lines[i])) {
        hit = i;
        break;
      }
    }
    if (hit < 0) break;
    line = hit + 1;
    found = hit + 1;
  }
  return found;
}
