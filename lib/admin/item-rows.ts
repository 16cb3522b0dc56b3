// Key figures and organisations are kept as a text of "a | b" lines, one per row: the format of the revisions. The
// editor sends them as rows of two fields; a "|" or a backslash typed in a field is kept, escaped with a backslash.
export const rowFields = {
  keyFigures: ["keyFigureLabel", "keyFigureValue"],
  organisations: ["organisationSlug", "organisationRole"],
} as const;
export type RowField = keyof typeof rowFields;

const escapeCell = (cell: string) => cell.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");

// One line's cells, split at each "|" that is not escaped, unescaped and trimmed
export function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === "\\" && i + 1 < line.length) cell += line[++i];
    else if (char === "|") {
      cells.push(cell.trim());
      cell = "";
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

// Rows of two fields to the text of lines; a row left empty is no row
export function rowsToText(rows: [string, string][]): string {
  return rows
    .map(([a, b]) => [a.replace(/\s+/g, " ").trim(), b.replace(/\s+/g, " ").trim()] as const)
    .filter(([a, b]) => a || b)
    .map(([a, b]) => `${escapeCell(a)} | ${escapeCell(b)}`)
    .join("\n");
}

// The text of lines back to rows of two fields, for the editor to show
export function textToRows(text: string): [string, string][] {
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const [a = "", ...rest] = splitRow(line);
      return [a, rest.join(" | ")];
    });
}
