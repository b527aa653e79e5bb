/**
 * The dashboard's charts: Chart.js (canvas), only the parts used, registered once. Each chart is updated in
 * place when its panel's answer changes (no animation: a dragged timeline redraws at once), and each has a
 * text alternative: the canvas is an image with a summary for screen readers, and a table of the same
 * numbers follows it (in a <details>).
 */
import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend, Filler);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.font.size = 11;
Chart.defaults.color = '#374151';

export const COLORS = {
  succeeded: '#15803d',
  failed: '#dc2626',
  cancelled: '#9ca3af',
  inProgress: '#2563eb',
  primary: '#4f46e5',
  secondary: '#f59e0b',
} as const;

export interface Series {
  readonly label: string;
  readonly data: readonly number[];
  readonly color: string;
}

export interface ChartSpec {
  readonly kind: 'bar' | 'line';
  readonly labels: readonly string[];
  readonly series: readonly Series[];
  readonly stacked?: boolean;
  /** Bars along the y axis (names are long). */
  readonly horizontal?: boolean;
  /** What the chart shows, for its text alternative (its numbers are in the table). */
  readonly summary: string;
  readonly percent?: boolean;
}

/** A chart with its text alternative; `update` redraws it with new numbers. */
export class ChartView {
  readonly element: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #table: HTMLTableElement;
  readonly #caption: HTMLElement;
  #chart: Chart | undefined;
  #kind: string | undefined;

  constructor(readonly title: string, height = 180) {
    this.element = document.createElement('figure');
    this.element.className = 'chart';
    const box = document.createElement('div');
    box.className = 'chart-box';
    box.style.height = `${height}px`;
    this.#canvas = document.createElement('canvas');
    this.#canvas.setAttribute('role', 'img');
    box.append(this.#canvas);
    this.#caption = document.createElement('figcaption');
    this.#caption.className = 'visually-hidden';
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = `${title}: as a table`;
    this.#table = document.createElement('table');
    this.#table.className = 'data-table';
    details.append(summary, this.#table);
    this.element.append(box, this.#caption, details);
  }

  update(spec: ChartSpec): void {
    this.#canvas.setAttribute('aria-label', `${this.title}. ${spec.summary}`);
    this.#caption.textContent = spec.summary;
    this.#fillTable(spec);
    const datasets = spec.series.map((s): ChartDataset<'bar' | 'line', number[]> => ({
      label: s.label,
      data: [...s.data],
      backgroundColor: s.color,
      borderColor: s.color,
      borderWidth: spec.kind === 'line' ? 2 : 0,
      pointRadius: 0,
      fill: false,
      ...(spec.kind === 'bar' ? { barPercentage: 0.95, categoryPercentage: 0.95 } : {}),
    }));
    const key = `${spec.kind}:${spec.horizontal === true}:${spec.stacked === true}:${spec.series.length}`;
    if (this.#chart !== undefined && this.#kind === key) {
      this.#chart.data.labels = [...spec.labels];
      this.#chart.data.datasets = datasets as never;
      this.#chart.update('none');
      return;
    }
    this.#chart?.destroy();
    this.#kind = key;
    const valueAxis = { stacked: spec.stacked === true, beginAtZero: true, ticks: spec.percent === true ? { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` } : { precision: 0 }, ...(spec.percent === true ? { max: 1 } : {}) };
    // Names along a horizontal chart are all shown, cut to fit (the table has them whole); time labels thin out.
    const labelAxis = spec.horizontal === true
      ? { stacked: spec.stacked === true, ticks: { autoSkip: false, callback(this: { getLabelForValue(v: number): string }, v: string | number) { return shorten(this.getLabelForValue(Number(v)), 22); } }, grid: { display: false } }
      : { stacked: spec.stacked === true, ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 8 }, grid: { display: false } };
    const config: ChartConfiguration<'bar' | 'line', number[], string> = {
      type: spec.kind,
      data: { labels: [...spec.labels], datasets: datasets as never },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal === true ? 'y' : 'x',
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { display: spec.series.length > 1, position: 'bottom', labels: { boxWidth: 10, boxHeight: 10 } } },
        scales: spec.horizontal === true ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      },
    };
    this.#chart = new Chart(this.#canvas, config as ChartConfiguration);
  }

  #fillTable(spec: ChartSpec): void {
    const head = document.createElement('tr');
    for (const text of ['', ...spec.series.map((s) => s.label)]) head.append(cell('th', text, 'col'));
    const rows = spec.labels.map((label, i) => {
      const row = document.createElement('tr');
      row.append(cell('th', label, 'row'));
      for (const s of spec.series) row.append(cell('td', formatNumber(s.data[i] ?? 0, spec.percent === true)));
      return row;
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...rows);
    this.#table.replaceChildren(thead, tbody);
  }

  destroy(): void {
    this.#chart?.destroy();
    this.#chart = undefined;
  }
}

function cell(tag: 'th' | 'td', text: string, scope?: 'row' | 'col'): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (scope !== undefined) element.setAttribute('scope', scope);
  return element;
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function formatNumber(value: number, percent: boolean): string {
  return percent ? `${(value * 100).toFixed(1)}%` : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
