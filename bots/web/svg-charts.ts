import { esc } from './html.js';

export interface Series {
  name: string;
  color: string;
  values: readonly (number | null)[];
}

const W = 560;
const H = 180;
const PAD = { l: 44, r: 10, t: 10, b: 26 };

function axis(labels: readonly string[], max: number, min: number, format: (v: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = min + ((max - min) * i) / 4;
    const y = H - PAD.b - ((H - PAD.t - PAD.b) * i) / 4;
    out.push(`<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y}" y2="${y}" class="grid"/><text x="${PAD.l - 6}" y="${y + 4}" text-anchor="end">${esc(format(v))}</text>`);
  }
  const n = labels.length;
  const step = Math.max(1, Math.ceil(n / 6));
  labels.forEach((l, i) => {
    if (i % step !== 0 && i !== n - 1) return;
    const x = PAD.l + (n <= 1 ? 0 : ((W - PAD.l - PAD.r) * i) / (n - 1));
    out.push(`<text x="${x}" y="${H - 8}" text-anchor="middle">${esc(l)}</text>`);
  });
  return out.join('');
}

/** A line chart as inline SVG; gaps (null) break the line. */
export function lineChart(title: string, labels: readonly string[], series: readonly Series[], options: { format?: (v: number) => string; min?: number; max?: number } = {}): string {
  const format = options.format ?? ((v: number) => String(Math.round(v)));
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const min = options.min ?? 0;
  const max = options.max ?? Math.max(min + 1e-9, ...all) * 1.05;
  const n = labels.length;
  const x = (i: number) => PAD.l + (n <= 1 ? 0 : ((W - PAD.l - PAD.r) * i) / (n - 1));
  const y = (v: number) => H - PAD.b - ((H - PAD.t - PAD.b) * (v - min)) / (max - min || 1);
  const paths = series.map((s) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"><title>${esc(s.name)}</title></path>`;
  });
  const legend = series.map((s) => `<span class="key"><i style="background:${s.color}"></i>${esc(s.name)}</span>`).join('');
  return `<figure class="chart" data-chart="${esc(title)}"><figcaption>${esc(title)} ${legend}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${axis(labels, max, min, format)}${paths.join('')}${all.length ? '' : `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="empty">no data in this period</text>`}</svg></figure>`;
}

/** A bar chart as inline SVG. */
export function barChart(title: string, labels: readonly string[], values: readonly number[], color = '#4f7cff', format: (v: number) => string = (v) => String(Math.round(v))): string {
  const max = Math.max(1, ...values) * 1.05;
  const n = Math.max(labels.length, 1);
  const bw = (W - PAD.l - PAD.r) / n;
  const bars = values.map((v, i) => {
    const h = ((H - PAD.t - PAD.b) * v) / max;
    return `<rect x="${(PAD.l + i * bw + bw * 0.1).toFixed(1)}" y="${(H - PAD.b - h).toFixed(1)}" width="${(bw * 0.8).toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${esc(labels[i])}: ${esc(format(v))}</title></rect>`;
  });
  const ticks: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const yy = H - PAD.b - ((H - PAD.t - PAD.b) * i) / 4;
    ticks.push(`<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${yy}" y2="${yy}" class="grid"/><text x="${PAD.l - 6}" y="${yy + 4}" text-anchor="end">${esc(format(v))}</text>`);
  }
  const step = Math.max(1, Math.ceil(n / 8));
  const xl = labels.map((l, i) => (i % step === 0 ? `<text x="${(PAD.l + i * bw + bw / 2).toFixed(1)}" y="${H - 8}" text-anchor="middle">${esc(l)}</text>` : '')).join('');
  return `<figure class="chart" data-chart="${esc(title)}"><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${ticks.join('')}${bars.join('')}${xl}</svg></figure>`;
}
