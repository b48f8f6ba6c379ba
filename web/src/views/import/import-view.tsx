/**
 * Importing a company list (editors), in four steps: upload a .xlsx / .csv, map its columns to
 * fields, check every row in a dry run (deciding on possible duplicates, skipping bad rows), apply
 * it as one change set — revertible as a whole. Nothing is written before the last step.
 */
import { useState } from 'react';
import type { ColumnMappingInput, FeedChangeSetFieldsFragment, ImportDecision, RowDecision } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { ApplyStep, ImportDone } from './apply-step.js';
import type { ImportFile } from './import-queries.js';
import { MappingStep } from './mapping-step.js';
import { PlanStep, type Totals } from './plan-step.js';
import { UploadStep } from './upload-step.js';

const STEPS = ['upload', 'mapping', 'plan', 'apply'] as const;
type Step = (typeof STEPS)[number];

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

export function ImportView(_props: { onShowEntity: (id: string) => void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<ImportFile | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingInput[]>([]);
  const [decisions, setDecisions] = useState<RowDecision[]>([]);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [applied, setApplied] = useState<FeedChangeSetFieldsFragment | null>(null);

  const uploaded = (next: ImportFile) => {
    // A corrected file with the same columns keeps the mapping the person already checked.
    const keep = file && sameColumns(file.columns, next.columns) && mapping.length > 0;
    setMapping(keep ? mapping : next.suggestedMapping.map((m) => ({ column: m.column, field: m.field ?? null })));
    setFile(next);
    setDecisions([]);
    setStep('mapping');
  };
  const decide = (row: number, decision: ImportDecision | null, target?: string | null) =>
    setDecisions((ds) => {
      const rest = ds.filter((d) => d.row !== row);
      return decision ? [...rest, { row, decision, target: target ?? null }].sort((a, b) => a.row - b.row) : rest;
    });
  const startOver = () => {
    setFile(null);
    setMapping([]);
    setDecisions([]);
    setApplied(null);
    setStep('upload');
  };
  const reachable = (s: Step) =>
    !applied && (s === 'upload' || (file !== null && (s !== 'apply' || (step === 'apply' && totals !== null))));

  return (
    <div className="import-view pane" style={{ flex: 1 }}>
      <div className="canvas-toolbar import-toolbar">
        <h2 className="import-title">{t('import.title')}</h2>
        <ol className="stepper" data-testid="import-steps">
          {STEPS.map((s, i) => (
            <li
              key={s}
              className={`${s === step ? 'current' : ''} ${STEPS.indexOf(step) > i || applied ? 'done' : ''}`}
              aria-current={s === step ? 'step' : undefined}
            >
              <button type="button" disabled={!reachable(s) || s === step} onClick={() => setStep(s)}>
                <span className="step-no">{i + 1}</span>
                <span className="step-label">{t(`import.step.${s}`)}</span>
              </button>
            </li>
          ))}
        </ol>
      </div>
      <div className="pane-scroll">
        <div className="pane-section import-body">
          {!applied && (
            <p className="not-written" data-testid="import-not-written">
              {t('import.notWritten')}
            </p>
          )}
          {step === 'upload' && <UploadStep onUploaded={uploaded} />}
          {step === 'mapping' && file && (
            <MappingStep
              file={file}
              mapping={mapping}
              onChange={setMapping}
              onBack={() => setStep('upload')}
              onNext={() => setStep('plan')}
            />
          )}
          {step === 'plan' && file && (
            <PlanStep
              file={file}
              mapping={mapping}
              decisions={decisions}
              onDecide={decide}
              onBackToMapping={() => setStep('mapping')}
              onUploadAgain={() => setStep('upload')}
              onNext={(t) => {
                setTotals(t);
                setStep('apply');
              }}
            />
          )}
          {step === 'apply' && file && totals && !applied && (
            <ApplyStep
              file={file}
              mapping={mapping}
              decisions={decisions}
              totals={totals}
              onBack={() => setStep('plan')}
              onApplied={setApplied}
            />
          )}
          {applied && <ImportDone changeSet={applied} onAnother={startOver} />}
        </div>
      </div>
    </div>
  );
}
