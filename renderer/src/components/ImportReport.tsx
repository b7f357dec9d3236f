// What a W3C import did: the sentence the command line prints, and the three counts apart.
import { describeImportOutcome } from '../../../common/progress';
import type { W3cImportReport } from '../client';

export function ImportReport({ report }: { report: W3cImportReport }) {
  return (
    <div className="import-report" role="status" aria-label="Import result">
      <p>{describeImportOutcome(report)}</p>
      <dl>
        <dt>Anchored</dt>
        <dd>{report.anchored.toLocaleString()}</dd>
        <dt>Anchored approximately</dt>
        <dd>{report.fuzzy.toLocaleString()}</dd>
        <dt>Orphaned</dt>
        <dd>{report.orphaned.toLocaleString()}</dd>
      </dl>
      {report.orphaned > 0 && <p className="muted">Orphaned annotations keep their quote; the grid lists them with the anchor state “orphaned”.</p>}
    </div>
  );
}
