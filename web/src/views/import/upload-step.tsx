/** Step 1: choose or drop a .xlsx / .csv file; it is read on the server, nothing is imported yet. */
import { useState } from 'react';
import { Spinner } from '../../components/status.js';
import { useI18n } from '../../i18n/i18n.js';
import { useUploadImportFile, type ImportFile, type UploadError } from './import-queries.js';
import { uploadErrorText } from './import-text.js';

export function UploadStep({ onUploaded }: { onUploaded: (file: ImportFile) => void }) {
  const { t } = useI18n();
  const upload = useUploadImportFile();
  const [dragging, setDragging] = useState(false);
  const [name, setName] = useState('');
  const send = (file: File | undefined) => {
    if (!file) return;
    setName(file.name);
    upload.mutate(file, { onSuccess: onUploaded });
  };
  return (
    <section className="import-step" data-testid="import-upload">
      <div
        className={`upload-zone ${dragging ? 'dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          send(e.dataTransfer.files[0]);
        }}
      >
        <p className="upload-hint">{t('import.uploadHint')}</p>
        <div className="upload-actions">
          <label className={`btn btn-primary ${upload.isPending ? 'is-disabled' : ''}`}>
            {t('import.chooseFile')}
            <input
              type="file"
              className="sr-only"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              disabled={upload.isPending}
              data-testid="import-file"
              onChange={(e) => {
                send(e.target.files?.[0]);
                // The same file chosen again (after fixing it) is a new choice.
                e.target.value = '';
              }}
            />
          </label>
          <span className="muted">{t('import.dropHere')}</span>
        </div>
        {upload.isPending && <Spinner label={t('import.uploading', { file: name })} />}
      </div>
      {upload.error && !upload.isPending && <UploadErrorBanner error={upload.error} />}
    </section>
  );
}

function UploadErrorBanner({ error }: { error: UploadError }) {
  const { t } = useI18n();
  const { text, detail } = uploadErrorText(error, t);
  return (
    <div className="error-banner" role="alert" data-code={error.code} data-testid="upload-error">
      <span className="error-icon" aria-hidden>
        !
      </span>
      <span className="error-text">
        {text}
        {detail && <span className="error-detail">{detail}</span>}
      </span>
    </div>
  );
}
