/**
 * The trends tab as small line charts, one per pattern, grouped as in the template: the share of
 * each year's studies that have the pattern, every chart on the same scale, each year's study
 * count printed under its axis. SVG drawn here (a few dozen elements per chart: no chart library
 * is worth its bytes for that), coloured by the theme's variables in the stylesheet, and described
 * for screen readers: each chart is an image with a summary, beside a table of its numbers.
 */
import { percent, type TrendsResult, type TrendsRow } from "../core/compare";
import { formatCount } from "./comparison-render";

/** Chart geometry in CSS pixels. */
const LEFT = 36;
const RIGHT = 10;
const TOP = 10;
const PLOT_HEIGHT = 64;
/** Below the plot: the year, then the year's study count. */
const BOTTOM = 34;
const YEAR_WIDTH = 40;
const MIN_PLOT_WIDTH = 120;
/** Year labels at most this many per chart; more years label every k-th (the table has them all). */
const MAX_YEAR_LABELS = 12;

/** The top of the shared scale: the largest share rounded up to a tenth (a twentieth below 20%). */
export function trendsScaleTop(rows: readonly TrendsRow[]): number {
  let max = 0;
  for (const r of rows) for (const s of r.shares) if (s !== null && s > max) max = s;
  if (max <= 0) return 0.1;
  const step = max < 0.2 ? 0.05 : 0.1;
  return Math.min(1, Math.ceil(max / step - 1e-9) * step);
}

/** One sentence for a screen reader: where the pattern starts and ends, and its peak. */
export function trendSummary(row: TrendsRow, years: readonly number[]): string {
  const n = years.length;
  if (n === 0) return `${row.pattern.label}: no study has a year.`;
  const at = (i: number): string => `${percent(row.shares[i] ?? null)} in ${years[i]}`;
  if (n === 1) return `${row.pattern.label}: ${at(0)} (${row.counts[0] ?? 0} studies).`;
  let peak = 0;
  row.shares.forEach((s, i) => { if (s !== null && s > (row.shares[peak] ?? 0)) peak = i; });
  return `${row.pattern.label}: ${at(0)}, ${at(n - 1)}; highest ${at(peak)}.`;
}

function svgEl<K extends keyof SVGElementTagNameMap>(parent: SVGElement, tag: K, cls: string, attr: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = parent.createSvg(tag, { cls });
  for (const [k, v] of Object.entries(attr)) el.setAttribute(k, String(v));
  return el;
}

function renderChart(parent: HTMLElement, row: TrendsRow, result: TrendsResult, top: number): void {
  const { years, studies } = result;
  const plotWidth = Math.max(MIN_PLOT_WIDTH, (years.length - 1) * YEAR_WIDTH);
  const width = LEFT + plotWidth + RIGHT;
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const x = (i: number): number => LEFT + (years.length === 1 ? plotWidth / 2 : (i * plotWidth) / (years.length - 1));
  const y = (share: number): number => TOP + PLOT_HEIGHT - (Math.min(share, top) / top) * PLOT_HEIGHT;

  const figure = parent.createEl("figure", { cls: "uca-trend" });
  const caption = figure.createEl("figcaption", { cls: "uca-trend-title" });
  caption.createSpan({ text: row.pattern.label });
  caption.createSpan({ cls: "uca-head-count", text: `${formatCount(row.pattern.count)} ${row.pattern.count === 1 ? "study" : "studies"}` });

  const svg = figure.createSvg("svg", { cls: "uca-trend-chart" });
  for (const [k, v] of Object.entries({ viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": trendSummary(row, years) })) {
    svg.setAttribute(k, String(v));
  }
  // Scale: 0, half and top, as faint lines with their share on the left.
  for (const share of [0, top / 2, top]) {
    svgEl(svg, "line", share === 0 ? "uca-trend-axis" : "uca-trend-grid", { x1: LEFT, x2: LEFT + plotWidth, y1: y(share), y2: y(share) });
    const label = svgEl(svg, "text", "uca-trend-scale", { x: LEFT - 4, y: y(share), "text-anchor": "end", "dominant-baseline": "middle" });
    label.textContent = percent(share);
  }
  const step = Math.ceil(years.length / MAX_YEAR_LABELS);
  years.forEach((year, i) => {
    if (i % step !== 0 && i !== years.length - 1) return;
    const yearText = svgEl(svg, "text", "uca-trend-year", { x: x(i), y: TOP + PLOT_HEIGHT + 14, "text-anchor": "middle" });
    yearText.textContent = String(year);
    const count = svgEl(svg, "text", "uca-trend-n", { x: x(i), y: TOP + PLOT_HEIGHT + 28, "text-anchor": "middle" });
    count.textContent = `n=${formatCount(studies[i] ?? 0)}`;
  });
  if (years.length > 1) {
    // A year where no study was asked about the pattern has no point: the line skips it.
    const points = row.shares.flatMap((s, i) => (s === null ? [] : [`${x(i).toFixed(1)},${y(s).toFixed(1)}`]));
    svgEl(svg, "polyline", "uca-trend-line", { points: points.join(" ") });
  }
  row.shares.forEach((s, i) => {
    if (s === null) return;
    const dot = svgEl(svg, "circle", "uca-trend-point", { cx: x(i).toFixed(1), cy: y(s).toFixed(1), r: 2.5 });
    // A pointer's tooltip; screen readers get the table below.
    const title = dot.createSvg("title");
    title.textContent = `${years[i]}: ${formatCount(row.counts[i] ?? 0)} of ${formatCount(studies[i] ?? 0)} studies (${percent(s)})`;
  });

  // In a hidden box: a table keeps its width whatever width it is given.
  const table = figure.createDiv({ cls: "uca-visually-hidden" }).createEl("table");
  table.createEl("caption", { text: `${row.pattern.label} by year` });
  const head = table.createTHead().insertRow();
  for (const h of ["Year", "Studies", `With ${row.pattern.label}`, "Share"]) head.createEl("th", { text: h, attr: { scope: "col" } });
  const body = table.createTBody();
  years.forEach((year, i) => {
    const tr = body.insertRow();
    tr.createEl("th", { text: String(year), attr: { scope: "row" } });
    tr.createEl("td", { text: formatCount(studies[i] ?? 0) });
    tr.createEl("td", { text: formatCount(row.counts[i] ?? 0) });
    tr.createEl("td", { text: percent(row.shares[i] ?? null) });
  });
}

/** Small multiples of the result, one group heading per template group. */
export function renderTrends(parent: HTMLElement, result: TrendsResult): HTMLElement {
  const root = parent.createDiv({ cls: "uca-trends" });
  if (result.years.length === 0) {
    root.createEl("p", { cls: "uca-empty", text: "None of the visible studies has a year." });
    return root;
  }
  const top = trendsScaleTop(result.rows);
  const years = result.years;
  root.createEl("p", {
    cls: "uca-caption",
    text: `Share of each year's studies that have the pattern, ${years[0]}–${years[years.length - 1]}, on one scale (0–${percent(top)}); n is the year's number of studies.`
      + (result.undated > 0 ? ` ${formatCount(result.undated)} ${result.undated === 1 ? "study has" : "studies have"} no year and ${result.undated === 1 ? "is" : "are"} not counted.` : ""),
  });
  let grid: HTMLElement | null = null;
  let group: string | null = null;
  for (const row of result.rows) {
    if (grid === null || row.pattern.group !== group) {
      group = row.pattern.group;
      const section = root.createEl("section", { cls: "uca-trends-group" });
      section.createEl("h4", { text: group });
      grid = section.createDiv({ cls: "uca-trends-grid" });
    }
    renderChart(grid, row, result, top);
  }
  return root;
}
