/** "Export table" buttons (CSV, XLSX) for a table on screen; headers as shown, in the UI's language. */
import { useState } from 'react';
import { downloadTable, type TableColumn, type TableFormat } from '../export/table-export.js';
import { useI18n } from '../i18n/i18n.js';

export interface TableExportProps<Row> {
  columns: TableColumn<Row>[];
  rows: Row[];
  /** The file name stem (e.g. "闵行区_缺口分析"); the date and extension are added. */
  name: string;
}

export function TableExport<Row>({ columns, rows, name }: TableExportProps<Row>) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<TableFormat | null>(null);
  const [failed, setFailed] = useState(false);
  const run = async (format: TableFormat) => {
    setBusy(format);
    setFailed(false);
    try {
      await downloadTable(columns, rows, format, name);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="table-export" role="group" aria-label={t('table.export')}>
      <span className="table-export-label">{t('table.export')}</span>
      {(['csv', 'xlsx'] as const).map((f) => (
        <button
          key={f}
          type="button"
          className="btn-small"
          disabled={busy !== null || rows.length === 0}
          onClick={() => void run(f)}
          data-testid={`table-export-${f}`}
        >
          {busy === f ? t('table.exporting') : f.toUpperCase()}
        </button>
      ))}
      {failed && (
        <span role="alert" className="table-export-error">
          {t('table.exportFailed')}
        </span>
      )}
    </span>
  );
}
