/**
 * A report as a table: dimensions as row headers, measures as numbers, «к» in a suppressed cell (as Rosstat
 * marks it), the grand total in the footer, every other total under a disclosure, and the suppression note.
 */
import { formatDateTime } from '../../ui/format.ts';
import { TableWrap } from '../../ui/kit.tsx';
import type { Table, TableRow } from './queries.ts';
import { dimensionText, formatValue, SUPPRESSED_MARK } from './table-model.ts';

function Row({ table, row, className }: { table: Table; row: TableRow; className?: string }) {
  return (
    <tr className={className}>
      {row.cells.map((cell, index) => {
        const column = table.columns[index]!;
        if (column.kind === 'DIMENSION') {
          return (
            <th key={column.id} scope="row" className={cell.total ? 'muted' : undefined}>
              {dimensionText(cell)}
            </th>
          );
        }
        return (
          <td key={column.id} className="num">
            {cell.suppressed ? (
              <span className="r-suppressed" title={`Скрыто: меньше ${table.minCellSize} человек`}>
                {SUPPRESSED_MARK}
              </span>
            ) : (
              formatValue(cell.value ?? null, column.unit ?? null)
            )}
          </td>
        );
      })}
    </tr>
  );
}

function Head({ table }: { table: Table }) {
  return (
    <thead>
      <tr>
        {table.columns.map((column) => (
          <th key={column.id} scope="col" className={column.kind === 'MEASURE' ? 'num' : undefined}>
            {column.title}
            {column.unit ? `, ${column.unit}` : ''}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/**
 * Why some cells read «к»: the server's note (the rule and k), and why — so that no child can be singled out;
 * the neighbours are hidden too, so the totals cannot give the hidden value back.
 */
export function SuppressionNote({ table }: { table: Table }) {
  if (!table.suppressed) return null;
  return (
    <p className="r-note" data-suppression-note>
      {table.note ?? `${SUPPRESSED_MARK} — значение скрыто.`} Порог k = {table.minCellSize}: по маленькой ячейке можно
      узнать конкретных детей, поэтому она не показывается, а вместе с ней — соседние ячейки, по которым её можно было
      бы вычислить из итогов.
    </p>
  );
}

export function ReportTableView({ table, caption }: { table: Table; caption: string }) {
  const [grandTotal, ...subtotals] = table.totals;
  const hasDimensions = table.columns.some((column) => column.kind === 'DIMENSION');
  return (
    <div className="r-table">
      <TableWrap label={caption}>
        <table className="table t-table" data-report-table>
          <caption className="visually-hidden">{caption}</caption>
          <Head table={table} />
          <tbody>
            {(hasDimensions ? table.rows : []).map((row, index) => (
              <Row key={index} table={table} row={row} />
            ))}
          </tbody>
          {grandTotal && (
            <tfoot>
              <Row table={table} row={grandTotal} className="t-total" />
            </tfoot>
          )}
        </table>
      </TableWrap>
      {table.rowCount > table.rows.length && (
        <p className="muted">
          Показаны {table.rows.length} строк из {table.rowCount}; итоги посчитаны по всем строкам.
        </p>
      )}
      <SuppressionNote table={table} />
      {table.factsAsOf && (
        <p className="muted" data-facts-as-of>
          Построено по предрасчитанной витрине данных на {formatDateTime(table.factsAsOf)}; изменения, внесённые позже,
          войдут после её следующего обновления.
        </p>
      )}
      {subtotals.length > 0 && (
        <details className="r-subtotals">
          <summary>Промежуточные итоги ({subtotals.length})</summary>
          <TableWrap label={`${caption}: промежуточные итоги`}>
            <table className="table t-table">
              <caption className="visually-hidden">{caption}: промежуточные итоги</caption>
              <Head table={table} />
              <tbody>
                {subtotals.map((row, index) => (
                  <Row key={index} table={table} row={row} />
                ))}
              </tbody>
            </table>
          </TableWrap>
        </details>
      )}
    </div>
  );
}
