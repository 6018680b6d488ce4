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
