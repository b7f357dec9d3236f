// Columns of the facts grids: the full Facts view and the article's side panel share them.
import type { ColDef, ICellRendererParams, ITooltipParams } from 'ag-grid-community';
import type { Fact } from '../../../electron/ipc/contract';
import { CREDIBILITY_MEANINGS, RELIABILITY_MEANINGS, STATUS_MEANINGS } from '../../../common/grading';

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

export const factColumns: ColDef<Fact>[] = [
  { field: 'subject', headerName: 'Subject', width: 170, pinned: 'left' },
  { field: 'relation', headerName: 'Did or said', width: 220, tooltipField: 'relation' },
  { field: 'object', headerName: 'Object', width: 240, tooltipField: 'object' },
  { field: 'time', headerName: 'When', width: 110 },
  { field: 'place', headerName: 'Where', width: 130 },
  { field: 'source', headerName: 'On whose authority', width: 200, tooltipField: 'source' },
  {
    colId: 'grade',
    headerName: 'Grade',
    width: 92,
    valueGetter: (p) => (p.data ? `${p.data.reliability}${p.data.credibility}` : ''),
    cellRenderer: GradeCell,
    tooltipValueGetter: (p: ITooltipParams<Fact>) => (p.data ? gradeTooltip(p.data) : ''),
  },
  {
    field: 'reliability',
    headerName: 'Reliability',
    width: 110,
    hide: true,
    tooltipValueGetter: (p) => (p.data ? RELIABILITY_MEANINGS[p.data.reliability] : ''),
  },
  {
    field: 'credibility',
    headerName: 'Credibility',
    width: 110,
    hide: true,
    tooltipValueGetter: (p) => (p.data ? CREDIBILITY_MEANINGS[p.data.credibility as 1] : ''),
  },
  {
    field: 'status',
    headerName: 'Status',
    width: 120,
    cellRenderer: StatusCell,
    tooltipValueGetter: (p) => (p.data ? STATUS_MEANINGS[p.data.status] : ''),
  },
  { field: 'evidenceExact', headerName: 'Evidence', flex: 1, minWidth: 280, tooltipField: 'evidenceExact' },
];
