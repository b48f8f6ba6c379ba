/**
 * Step 2: which field each column holds. Each column has a picker, prefilled from the server's
 * suggestion (or this user's saved mapping for these headers), with the first rows under the headers
 * and what reading the sheet noticed (formulas, merged cells, long numbers, a skipped title row).
 */
import type { ColumnMappingInput, ImportField } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { IMPORT_FIELDS, IMPORT_FIELD_LABELS } from '../../../../shared/model/curation.js';
import type { ImportFile } from './import-queries.js';

/** Fields chosen for more than one column, with those columns. */
export function doubleFields(mapping: readonly ColumnMappingInput[]): Map<ImportField, string[]> {
  const byField = new Map<ImportField, string[]>();
  for (const m of mapping) if (m.field) byField.set(m.field, [...(byField.get(m.field) ?? []), m.column]);
  return new Map([...byField].filter(([, cols]) => cols.length > 1));
}

export const mappingProblems = (mapping: readonly ColumnMappingInput[]) => ({
  doubles: doubleFields(mapping),
  noName: !mapping.some((m) => m.field === 'name'),
});

export function FileSummary({ file, onReplace }: { file: ImportFile; onReplace: () => void }) {
  const { t } = useI18n();
  return (
    <p className="file-summary">
      <span data-testid="import-file-info">
        {t('import.fileInfo', { file: file.fileName, rows: file.rowCount, columns: file.columns.length })}
      </span>
      {file.sheetName && <span className="muted"> · {t('import.sheetName', { sheet: file.sheetName })}</span>}
      {file.encoding && <span className="muted"> · {t('import.encoding', { encoding: file.encoding })}</span>}{' '}
      <button type="button" className="link-btn" onClick={onReplace}>
        {t('import.replaceFile')}
      </button>
    </p>
  );
}

export function SheetWarnings({ file }: { file: ImportFile }) {
  const { t } = useI18n();
  if (file.warnings.length === 0) return null;
  return (
    <details className="sheet-warnings" open={file.warnings.length <= 8} data-testid="sheet-warnings">
      <summary>
        {t('import.sheetWarnings')} <span className="count-pill">{file.warnings.length}</span>
      </summary>
      <ul className="plain-list">
        {file.warnings.map((w, i) => (
          <li key={i} data-code={w.code}>
            <span className="warn-where">
              {t('import.warningRow', { row: w.row })}
              {w.cell && ` · ${t('import.warningCell', { cell: w.cell })}`}
              {w.column && ` · ${t('import.issueColumn', { column: w.column })}`}
            </span>{' '}
            {w.value && <span className="cell-value">{t('import.issueValue', { value: w.value })}</span>} {t(`sheetWarning.${w.code}`)}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function MappingStep({
  file,
  mapping,
  onChange,
  onBack,
  onNext,
}: {
  file: ImportFile;
  mapping: ColumnMappingInput[];
  onChange: (mapping: ColumnMappingInput[]) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t, lang } = useI18n();
  const { doubles, noName } = mappingProblems(mapping);
  const fieldOf = new Map(mapping.map((m) => [m.column, m.field ?? null]));
  const set = (column: string, field: ImportField | null) => onChange(mapping.map((m) => (m.column === column ? { column, field } : m)));
  return (
    <section className="import-step" data-testid="import-mapping">
      <FileSummary file={file} onReplace={onBack} />
      <p className="muted small" data-testid="mapping-origin">
        {file.mappingSaved ? t('import.mappingSaved') : t('import.mappingSuggested')}
      </p>
      <SheetWarnings file={file} />
      <div className="table-scroll">
        <table className="data-table mapping-table" data-testid="mapping-table">
          <thead>
            <tr>
              {file.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
            <tr className="mapping-pickers">
              {file.columns.map((c) => {
                const field = fieldOf.get(c) ?? null;
                return (
                  <td key={c} className={field && doubles.has(field) ? 'is-double' : ''}>
                    <select
                      className="inline"
                      aria-label={`${t('import.field')}: ${c}`}
                      value={field ?? ''}
                      data-column={c}
                      data-testid="mapping-select"
                      onChange={(e) => set(c, (e.target.value || null) as ImportField | null)}
                    >
                      <option value="">{t('import.notImported')}</option>
                      {IMPORT_FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {IMPORT_FIELD_LABELS[f][lang]}
                        </option>
                      ))}
                    </select>
                  </td>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {file.sample.map((row, i) => (
              <tr key={i} className="sample-row">
                {file.columns.map((c, j) => (
                  <td key={c} className={fieldOf.get(c) ? '' : 'unmapped'}>
                    {row[j] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('import.sample', { count: file.sample.length })}</p>
      {[...doubles].map(([field, columns]) => (
        <p key={field} className="form-problem" role="alert">
          {t('import.fieldTwice', { field: IMPORT_FIELD_LABELS[field][lang], columns: columns.join(t('changes.listSep')) })}
        </p>
      ))}
      {noName && (
        <p className="form-problem" role="alert">
          {t('import.nameMissing')}
        </p>
      )}
      <div className="step-actions">
        <button type="button" className="btn" onClick={onBack}>
          {t('import.backToUpload')}
        </button>
        <button type="button" className="btn btn-primary" disabled={doubles.size > 0 || noName} onClick={onNext} data-testid="mapping-next">
          {t('import.toPlan')}
        </button>
      </div>
    </section>
  );
}
