// What the facts grids share: the full Facts view and the article's side panel show a fact's grade
// and status the same way, and name each grade and status with its meaning.
import type { ColDef, ICellRendererParams, ITooltipParams } from 'ag-grid-community';
import type { Fact } from '../../../electron/ipc/contract';
import { CREDIBILITY_MEANINGS, RELIABILITY_MEANINGS, STATUS_MEANINGS } from '../../../common/grading';

/** "C · Fairly reliable": a grade or status with what it means. */
export function meaning(meanings: Readonly<Record<string | number, string>>, value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = meanings[value as string];
  return text ? `${String(value)} · ${text}` : String(value);
}

export function gradeTooltip(fact: Fact): string {
  return `${fact.reliability}: ${RELIABILITY_MEANINGS[fact.reliability]} · ${fact.credibility}: ${CREDIBILITY_MEANINGS[fact.credibility as 1]}${fact.gradingNote ? `\n${fact.gradingNote}` : ''}`;
}

export function GradeCell({ data }: ICellRendererParams<Fact>) {
  if (!data) return null;
  return (
    <span className={`grade grade-${data.reliability}`} aria-label={gradeTooltip(data)}>
      {data.reliability}
      {data.credibility}
    </span>
  );
}

export function StatusCell({ data }: ICellRendererParams<Fact>) {
  if (!data) return null;
  return <span className={`status status-${data.status}`}>{data.status}</span>;
}

/** Reliability and credibility together ("B2"), with both meanings on hover. */
export const gradeColumn: ColDef<Fact> = {
  colId: 'grade',
  headerName: 'Grade',
  width: 92,
  valueGetter: (p) => (p.data ? `${p.data.reliability}${p.data.credibility}` : ''),
  cellRenderer: GradeCell,
  tooltipValueGetter: (p: ITooltipParams<Fact>) => (p.data ? gradeTooltip(p.data) : ''),
};

export const statusColumn: ColDef<Fact> = {
  field: 'status',
  headerName: 'Status',
  width: 120,
  cellRenderer: StatusCell,
  tooltipValueGetter: (p) => meaning(STATUS_MEANINGS, p.value),
};
