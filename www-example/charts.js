// Three small SVG charts for the Analytics view: stacked columns, horizontal bars and a
// histogram. Each is a <figure> whose SVG has a title and a description, each mark its own
// <title> (the value on hover and for screen readers), and a table of the same numbers.
// Every number is also in the marks' data-* attributes, which the tests read.
import { el } from "./ui.js";

const SVG = "http://www.w3.org/2000/svg";
let ids = 0;

/** An SVG element; text children become text nodes. */
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) if (value != null) node.setAttribute(key, value);
  node.append(...children.flat(Infinity).filter((c) => c != null));
  return node;
}

/** A mark with its <title> and its numbers as data-* attributes. */
const mark = (tag, attrs, title, data) =>
  svg(tag, { ...attrs, ...Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v])) }, svg("title", {}, title));

/** Round axis maximum at or above `max` (1, 2 or 5 times a power of ten). */
function niceMax(max) {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= max);
}

/** The figure around a chart: caption, SVG (title, desc), legend, a table of the same numbers. */
function figure({ caption, description, width, height, marks, table, legend = null, wide = false }) {
  const id = `chart-${++ids}`;
  return el("figure", { class: wide ? "chart wide" : "chart" },
    el("figcaption", { id: `${id}-caption`, text: caption }),
    svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": `${id}-title ${id}-desc` },
      svg("title", { id: `${id}-title` }, caption),
      svg("desc", { id: `${id}-desc` }, description),
      marks),
    legend,
    el("details", { class: "chart-table" }, el("summary", { text: "Numbers" }),
      el("table", {}, el("thead", {}, el("tr", {}, table.head.map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, table.rows.map((r) => el("tr", {}, r.map((c, i) => el(i ? "td" : "th", i ? { class: "num", text: c } : { scope: "row", text: c }))))))));
}

/** A y axis: gridlines and labels at 0, half and the maximum. */
function yAxis(max, { left, top, plot, width, format }) {
  return [0, 0.5, 1].map((f) => {
    const y = top + plot - f * plot;
    return svg("g", { class: "axis" },
      svg("line", { x1: left, x2: width, y1: y, y2: y }),
      svg("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, format(max * f)));
  });
}

/**
 * Columns stacked by series: `columns` are { key, label, values: { series: n } }, drawn in
 * the order of `series` ({ key, label, className }), with a legend.
 */
export function stackedColumns({ caption, columns, series, format = String }) {
  const width = 1080, height = 260, left = 44, top = 12, bottom = 36, plot = height - top - bottom;
  const totals = columns.map((c) => series.reduce((s, { key }) => s + (c.values[key] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = (width - left) / Math.max(columns.length, 1);
  const barWidth = Math.max(2, Math.min(40, step * 0.7));
  const every = Math.ceil(columns.length / 12); // at most 12 labels under the columns
  const marks = [yAxis(max, { left, top, plot, width, format })];
  columns.forEach((column, i) => {
    const x = left + i * step + (step - barWidth) / 2;
    let y = top + plot;
    for (const { key, label, className } of series) {
      const n = column.values[key] ?? 0;
      if (!n) continue;
      const h = (n / max) * plot;
      y -= h;
      marks.push(mark("rect", { x, y, width: barWidth, height: h, class: className },
        `${column.label}: ${format(n)} ${label}`, { column: column.key, series: key, value: n }));
    }
    if (i % every === 0) {
      marks.push(svg("text", { class: "tick", x: x + barWidth / 2, y: height - bottom + 16, "text-anchor": "middle" }, column.label));
    }
  });
  const legend = el("div", { class: "legend", "aria-hidden": "true" }, series.map((s) => el("span", { class: `chip ${s.className}`, text: s.label })));
  return figure({
    caption, width, height, marks, legend, wide: true,
    description: `${columns.length} columns; the tallest is ${format(Math.max(0, ...totals))}.`,
    table: { head: ["", ...series.map((s) => s.label), "total"], rows: columns.map((c, i) => [c.label, ...series.map((s) => format(c.values[s.key] ?? 0)), format(totals[i])]) },
  });
}

/** Horizontal bars: `bars` are { label, value }, in the order given. */
export function horizontalBars({ caption, bars, format = String }) {
  const rowHeight = 26, left = 150, width = 720, right = 70, top = 6;
  const height = top + bars.length * rowHeight + 6;
  const max = Math.max(0, ...bars.map((b) => b.value)) || 1;
  const marks = bars.map((bar, i) => {
    const y = top + i * rowHeight;
    const w = ((width - left - right) * bar.value) / max;
    return svg("g", {},
      svg("text", { class: "label", x: left - 8, y: y + 16, "text-anchor": "end" }, bar.label),
      mark("rect", { x: left, y: y + 4, width: Math.max(w, 1), height: rowHeight - 10, class: "bar" },
        `${bar.label}: ${format(bar.value)}`, { label: bar.label, value: bar.value }),
      svg("text", { class: "value", x: left + w + 6, y: y + 16 }, format(bar.value)));
  });
  return figure({
    caption, width, height, marks,
    description: bars.length ? `${bars.length} bars; the longest is ${bars[0] && format(max)}.` : "No data.",
    table: { head: ["", "value"], rows: bars.map((b) => [b.label, format(b.value)]) },
  });
}

/** A histogram: `bins` are { label, count }, left to right. */
export function histogram({ caption, bins, format = String }) {
  const width = 720, height = 220, left = 44, top = 12, bottom = 36, plot = height - top - bottom;
  const max = niceMax(Math.max(0, ...bins.map((b) => b.count)));
  const step = (width - left) / Math.max(bins.length, 1);
  const marks = [yAxis(max, { left, top, plot, width, format })];
  bins.forEach((bin, i) => {
    const h = (bin.count / max) * plot;
    const x = left + i * step + 1;
    marks.push(mark("rect", { x, y: top + plot - h, width: step - 2, height: h, class: "bar" },
      `${bin.label}: ${format(bin.count)} calls`, { bin: bin.label, value: bin.count }));
    marks.push(svg("text", { class: "tick", x: x + step / 2, y: height - bottom + 16, "text-anchor": "middle" }, bin.label));
  });
  return figure({
    caption, width, height, marks,
    description: `${bins.length} bins of call durations.`,
    table: { head: ["", "calls"], rows: bins.map((b) => [b.label, format(b.count)]) },
  });
}
