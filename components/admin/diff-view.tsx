import type { FieldDiff } from "@/lib/admin/items";

// Word changes of each field: removed words struck through, added words underlined
export function DiffView({ changes, labels }: { changes: FieldDiff[]; labels: Record<string, string> }) {
  return (
    <dl className="space-y-3">
      {changes.map((change) => (
        <div key={change.field}>
          <dt className="font-semibold">{labels[change.field] ?? change.field}</dt>
          <dd className="mt-1 max-h-96 overflow-auto rounded border border-line bg-white p-2 font-mono text-sm whitespace-pre-wrap">
            {change.parts.map((part, i) =>
              part.added ? (
                <ins key={i} className="bg-inserted underline">
                  {part.value}
                </ins>
              ) : part.removed ? (
                <del key={i} className="bg-deleted">
                  {part.value}
                </del>
              ) : (
                <span key={i}>{part.value}</span>
              ),
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
