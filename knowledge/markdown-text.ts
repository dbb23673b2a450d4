/** Small, dependency-free Markdown helpers: plain text for search and excerpts, headings, links. */

export interface MarkdownLink {
  target: string;
  /** 1-based line within the text given. */
  line: number;
}

/** Markdown to plain text: code fences keep their content, syntax (headings, emphasis, links, tables) goes. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^\s*(```|~~~).*$/gmu, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/gu, '$1')
    .replace(/^\s{0,3}\[[^\]]+\]:\s*\S+.*$/gmu, ' ')
    .replace(/<[^>\n]+>/gu, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/gmu, '')
    .replace(/^\s{0,3}>\s?/gmu, '')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gmu, '')
    .replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gmu, ' ')
    .replace(/\|/gu, ' ')
    .replace(/(\*\*|__|\*|_|`|~~)(?=\S)([^\n]*?\S)\1/gu, '$2')
    .replace(/`/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Lines that are outside fenced code blocks, as [1-based line number, text]. */
function proseLines(markdown: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  let fence: string | null = null;
  markdown.split('\n').forEach((line, i) => {
    const open = /^\s*(```|~~~)/u.exec(line);
    if (open) {
      const marker = open[1] as string;
      if (fence === null) fence = marker;
      else if (fence === marker) fence = null;
      return;
    }
    if (fence === null) out.push([i + 1, line]);
  });
  return out;
}

/** ATX headings (`## Title`) outside code blocks. */
export function markdownHeadings(markdown: string): string[] {
  const headings: string[] = [];
  for (const [, line] of proseLines(markdown)) {
    const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/u.exec(line);
    if (m) headings.push(m[1] as string);
  }
  return headings;
}

/** GitHub-style anchor slugs of the headings, with -1, -2 suffixes for repeats. */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const heading of markdownHeadings(markdown)) {
    const base = markdownToText(heading)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/gu, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Inline link targets `[text](target)` outside code blocks and code spans. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const [line, text] of proseLines(markdown)) {
    const prose = text.replace(/`[^`]*`/gu, '');
    for (const m of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/gu)) {
      links.push({ target: m[1] as string, line });
    }
  }
  return links;
}
