import { numberScale } from './chart-scale.js';
import type { Scale } from './chart-scale.js';
import { esc } from './html.js';

export interface Series {
  name: string;
  color: string;
  values: readonly (number | null)[];
}

/** A horizontal line to compare the data with (a target); it is not data, so a chart with only this is empty. */
export interface Reference {
  name: string;
  color: string;
  value: number;
}

const W = 560;
const H = 190;
const PAD = { l: 48, r: 14, t: 10, b: 24 };
const PLOT_H = H - PAD.t - PAD.b;
/** Rough width of one character of the 10px axis text, to keep labels inside the picture. */
const CHAR_W = 5.6;
export const EMPTY_TEXT = 'no data in this period';

/** A label under the x axis at `x`, moved (by its anchor) so that it is not cut off at either edge. */
function xLabel(x: number, text: string): string {
  const half = (text.length * CHAR_W) / 2;
  const anchor = x - half < 1 ? 'start' : x + half > W - 1 ? 'end' : 'middle';
  const at = anchor === 'start' ? Math.max(1, x - half) : anchor === 'end' ? Math.min(W - 1, x + half) : x;
  return `<text class="tick x" x="${at.toFixed(1)}" y="${H - 7}" text-anchor="${anchor}">${esc(text)}</text>`;
}

/** Which x labels to print: about `most` of them, evenly, always the last (the one before it dropped when closer than a step). */
function labelIndexes(n: number, most: number): number[] {
  const step = Math.max(1, Math.ceil(n / most));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  const last = n - 1;
  if (last > 0 && out[out.length - 1] !== last) {
    if (last - (out[out.length - 1] as number) < step) out.pop();
    out.push(last);
  }
  return out;
}

/** Grid lines with their labels; with no data only the base line (a scale of nothing is no information). */
function yAxis(scale: Scale, y: (v: number) => number, labelled: boolean): string {
  return (labelled ? scale.ticks : scale.ticks.slice(0, 1))
    .map((v) => {
      const yy = y(v).toFixed(1);
      const line = `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${yy}" y2="${yy}" class="grid"/>`;
      return labelled
        ? `${line}<text class="tick y" x="${PAD.l - 6}" y="${(Number(yy) + 3.5).toFixed(1)}" text-anchor="end">${esc(scale.format(v))}</text>`
        : line;
    })
    .join('');
}

const emptyNote = (text: string) =>
  `<text x="${(PAD.l + W - PAD.r) / 2}" y="${PAD.t + PLOT_H / 2}" text-anchor="middle" class="empty">${esc(text)}</text>`;

function figure(title: string, legend: string, body: string, empty: boolean): string {
  return `<figure class="chart${empty ? ' no-data' : ''}" data-chart="${esc(title)}"><figcaption>${esc(title)}${legend ? ` ${legend}` : ''}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${body}</svg></figure>`;
}

export interface LineChartOptions {
  /** The y axis for the data's values; defaults to a plain number axis from 0. */
  scale?: (values: readonly number[]) => Scale;
  references?: readonly Reference[];
  emptyText?: string;
}

/**
 * A line chart as inline SVG. Gaps (null) break a line; a point with no neighbour is drawn as a dot, so a day
 * between gaps still shows. Without any value the chart says so instead of drawing an axis of nothing.
 */
export function lineChart(
  title: string,
  labels: readonly string[],
  series: readonly Series[],
  options: LineChartOptions = {},
): string {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const empty = values.length === 0;
  const refs = empty ? [] : (options.references ?? []);
  const scale = (options.scale ?? ((v) => numberScale(v)))([...values, ...refs.map((r) => r.value)]);
  const n = labels.length;
  const x = (i: number) => PAD.l + (n <= 1 ? (W - PAD.l - PAD.r) / 2 : ((W - PAD.l - PAD.r) * i) / (n - 1));
  const y = (v: number) =>
    H - PAD.b - (PLOT_H * (Math.min(Math.max(v, scale.min), scale.max) - scale.min)) / (scale.max - scale.min || 1);
  const lines = series.map((s) => {
    let d = '';
    const dots: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null) return;
      const joined = i > 0 && s.values[i - 1] != null;
      d += `${joined ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      if (!joined && s.values[i + 1] == null)
        dots.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
    });
    return d
      ? `<g class="series" data-series="${esc(s.name)}"><title>${esc(s.name)}</title><path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>${dots.join('')}</g>`
      : '';
  });
  const refLines = refs.map(
    (r) =>
      `<path class="reference" data-series="${esc(r.name)}" d="M${PAD.l},${y(r.value).toFixed(1)}H${W - PAD.r}" stroke="${r.color}" stroke-width="1.5" stroke-dasharray="5 3"><title>${esc(r.name)}</title></path>`,
  );
  const legend = [...series, ...(options.references ?? [])]
    .map((s) => `<span class="key"><i style="background:${s.color}"></i>${esc(s.name)}</span>`)
    .join('');
  const xl = labelIndexes(n, 6).map((i) => xLabel(x(i), labels[i] as string));
  return figure(
    title,
    legend,
    `${yAxis(scale, y, !empty)}${xl.join('')}${refLines.join('')}${lines.join('')}${empty ? emptyNote(options.emptyText ?? EMPTY_TEXT) : ''}`,
    empty,
  );
}

/** A bar chart of counts as inline SVG: whole-number axis, and an empty state when every bar is 0. */
export function barChart(
  title: string,
  labels: readonly string[],
  values: readonly number[],
  color = '#4f7cff',
  options: { emptyText?: string; maxLabels?: number } = {},
): string {
  const empty = values.every((v) => v === 0);
  const scale = numberScale(values, { integer: true });
  const n = Math.max(labels.length, 1);
  const bw = (W - PAD.l - PAD.r) / n;
  const y = (v: number) => H - PAD.b - (PLOT_H * v) / (scale.max || 1);
  const bars = empty
    ? []
    : values.map(
        (v, i) =>
          `<rect x="${(PAD.l + i * bw + bw * 0.1).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(bw * 0.8).toFixed(1)}" height="${(H - PAD.b - y(v)).toFixed(1)}" fill="${color}"><title>${esc(labels[i])}: ${v}</title></rect>`,
      );
  const xl = labelIndexes(labels.length, options.maxLabels ?? 8).map((i) =>
    xLabel(PAD.l + i * bw + bw / 2, labels[i] as string),
  );
  return figure(
    title,
    '',
    `${yAxis(scale, y, !empty)}${bars.join('')}${xl.join('')}${empty ? emptyNote(options.emptyText ?? EMPTY_TEXT) : ''}`,
    empty,
  );
}
