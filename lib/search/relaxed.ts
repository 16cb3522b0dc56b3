// Relaxed matching: when every word together finds too little, the items that hold most of the query's words.
// Works on the parsed query's text (tsquery output): its top-level AND groups (a word, a quoted phrase, or a
// glossary term with its counterparts) become alternatives, and the number of groups an item holds ranks it.

// The positions of an operator character outside quotes and parentheses
function topLevel(tsq: string, op: "&" | "|"): number[] {
  const at: number[] = [];
  let depth = 0;
  for (let i = 0; i < tsq.length; i++) {
    const c = tsq[i];
    if (c === "'") {
      // A quoted lexeme; '' inside it is a quote
      i++;
      while (i < tsq.length && !(tsq[i] === "'" && tsq[i + 1] !== "'")) i += tsq[i] === "'" ? 2 : 1;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === op && depth === 0) at.push(i);
  }
  return at;
}

/** The query's top-level AND groups, as tsquery text each. */
export function andGroups(tsq: string): string[] {
  const groups: string[] = [];
  let start = 0;
  for (const i of topLevel(tsq, "&")) {
    groups.push(tsq.slice(start, i).trim());
    start = i + 1;
  }
  groups.push(tsq.slice(start).trim());
  return groups.filter((g) => g.length > 0);
}

const unquoted = (tsq: string) => tsq.replace(/'(?:[^']|'')*'/g, "");
const negated = (group: string) => group.startsWith("!");

/** The groups an item can hold (negated words stay required to be absent, so they are not counted). */
export function positiveGroups(tsq: string): string[] {
  return andGroups(tsq).filter((g) => !negated(g));
}

/**
 * The query can be relaxed: it has two or more groups to count, no alternative at its top level (the typed OR
 * already asks for any of them) and no negation inside a group.
 */
export function relaxable(tsq: string): boolean {
  if (topLevel(tsq, "|").length > 0) return false;
  const groups = andGroups(tsq);
  if (groups.some((g) => !negated(g) && unquoted(g).includes("!"))) return false;
  return groups.filter((g) => !negated(g)).length > 1;
}

/** The relaxed query: any of the groups, and still none of the negated words. */
export function relaxedQuery(tsq: string): string {
  const groups = andGroups(tsq);
  const any = groups
    .filter((g) => !negated(g))
    .map((g) => `( ${g} )`)
    .join(" | ");
  return [`( ${any} )`, ...groups.filter(negated)].join(" & ");
}
