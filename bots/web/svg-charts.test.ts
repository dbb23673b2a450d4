import { describe, expect, it } from 'vitest';
import { durationScale, fixedScale } from './chart-scale.js';
import { EMPTY_TEXT, barChart, lineChart } from './svg-charts.js';

const yTicks = (svg: string) => [...svg.matchAll(/<text class="tick y"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const xTicks = (svg: string) =>
  [...svg.matchAll(/<text class="tick x" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    anchor: m[2],
    text: m[3],
  }));
const days = (n: number) => Array.from({ length: n }, (_, i) => `Jun ${i + 1}`);

describe('lineChart', () => {
  it('without data says so, with no axis numbers and no lone target line', () => {
    const svg = lineChart(
      'SLA compliance',
      days(30),
      [{ name: 'compliance', color: '#2f9e44', values: Array(30).fill(null) }],
      {
        scale: () => fixedScale(0, 1, 4, (x) => `${x * 100}%`),
        references: [{ name: 'target 95%', color: '#c92a2a', value: 0.95 }],
      },
    );
    expect(svg).toContain(EMPTY_TEXT);
    expect(svg).toContain('class="chart no-data"');
    expect(yTicks(svg)).toEqual([]);
    expect(svg).not.toContain('class="reference"');
    expect(svg).toContain('target 95%'); // still in the legend
  });

  it('draws the series and the reference line when there is data', () => {
    const values = [0.9, 1, null, 0.8, 0.95, null, 0.7];
    const svg = lineChart('SLA compliance', days(7), [{ name: 'compliance', color: '#2f9e44', values }], {
      scale: () => fixedScale(0, 1, 4, (x) => `${Math.round(x * 100)}%`),
      references: [{ name: 'target 95%', color: '#c92a2a', value: 0.95 }],
    });
    expect(svg).not.toContain(EMPTY_TEXT);
    expect(yTicks(svg)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    const d = /data-series="compliance"><title>compliance<\/title><path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(d.match(/[ML]/g)).toEqual(['M', 'L', 'M', 'L', 'M']); // two runs of two points, and the lone last day…
    expect(svg.match(/<circle /g)).toHaveLength(1); // …which a path alone would not show: a dot
    expect(svg).toMatch(/class="reference" data-series="target 95%"/);
  });

  it('labels a duration axis with distinct, readable ticks', () => {
    const svg = lineChart(
      'First response time',
      days(5),
      [{ name: 'p50', color: '#000', values: [4 * 60_000, 9 * 60_000, null, 12 * 60_000, 2 * 60_000] }],
      { scale: (v) => durationScale(v) },
    );
    expect(yTicks(svg)).toEqual(['0', '5m', '10m', '15m']);
  });

  it('keeps the first and the last date label inside the picture', () => {
    const svg = lineChart('x', days(30), [
      { name: 's', color: '#000', values: Array.from({ length: 30 }, (_, i) => i) },
    ]);
    const ticks = xTicks(svg);
    const last = ticks[ticks.length - 1];
    expect(last).toMatchObject({ text: 'Jun 30', anchor: 'end' });
    expect(last!.x).toBeLessThanOrEqual(560);
    expect(ticks[0]!.x).toBeGreaterThanOrEqual(0);
    // No label crowds the last one.
    expect(last!.x - ticks[ticks.length - 2]!.x).toBeGreaterThan(40);
  });
});

describe('barChart', () => {
  it('counts on a whole-number axis, never "1, 1, 1, 0, 0"', () => {
    const svg = barChart('CSAT distribution', ['1', '2', '3', '4', '5'], [0, 0, 1, 0, 1]);
    expect(yTicks(svg)).toEqual(['0', '1']);
    expect(svg.match(/<rect /g)).toHaveLength(5);
  });

  it('without data says so instead of drawing an axis of nothing', () => {
    const svg = barChart('Ticket volume per day', days(30), Array(30).fill(0), '#4f7cff', {
      emptyText: 'no tickets in this period',
    });
    expect(svg).toContain('no tickets in this period');
    expect(yTicks(svg)).toEqual([]);
    expect(svg).not.toContain('<rect ');
  });

  it('prints date labels that do not overlap (the one before the last dropped when too close)', () => {
    const ticks = xTicks(
      barChart(
        'v',
        days(31),
        Array.from({ length: 31 }, (_, i) => i % 7),
      ),
    );
    const gaps = ticks.slice(1).map((t, i) => t.x - ticks[i]!.x);
    expect(Math.min(...gaps)).toBeGreaterThan(40);
    expect(ticks[ticks.length - 1]!.text).toBe('Jun 31');
  });
});
