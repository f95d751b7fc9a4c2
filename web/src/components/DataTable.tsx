import type { ReactNode } from 'react';

/** A table that scrolls sideways inside its card on a narrow screen; column headers, then rows. */
export function DataTable({ columns, label, children }: { columns: ReactNode[]; label?: string; children: ReactNode }) {
  return (
    <div className="scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
