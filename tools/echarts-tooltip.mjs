// Chart tooltips that the Content-Security-Policy allows, bundled into the
// custom ECharts build (tools/echarts-bundle.mjs) as `echarts.cspwTooltips`, so
// the app and the board pack share one copy.
//
// Why: ECharts' own tooltip content is HTML markup full of `style="…"`
// attributes (the colour dot, the gap between a name and its value). The
// policy's `style-src 'self'` blocks those attributes, so every hover logged a
// violation and the tooltip ran the name into the value ("Kent24.06"). Loosening
// `style-src` with 'unsafe-inline' is not an option.
//
// How: `cspwTooltips(option)` gives every tooltip of an option a formatter that
// builds the content as DOM nodes: classes (styled by the page's stylesheet and
// the board pack's) and text nodes, never markup, so a name from a partner's file
// cannot inject anything and no style attribute is written. The colour dot is an
// SVG circle with a `fill` attribute, a presentation attribute the policy does
// not govern. Name and value are separated in the text itself ("Kent: 24.06").
// The Rust side (core::charts::option_json) sets `renderMode: 'html'`,
// `confine: true` (an unconfined item tooltip draws an arrow as styled markup),
// `className` and an empty `extraCssText`. ECharts still sizes and places the
// tooltip box through `element.style` (the CSSOM), which the policy allows.

const SVG_NS = 'http://www.w3.org/2000/svg';
const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

function block(className, text) {
  const el = document.createElement('div');
  el.className = className;
  if (text != null) el.textContent = text;
  return el;
}

function inline(className, text) {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

/** The series' colour as a dot, or nothing when the colour is not a plain string (a gradient). */
function marker(colour) {
  if (typeof colour !== 'string' || colour === '') return null;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'cspw-tooltip-marker');
  svg.setAttribute('width', '10');
  svg.setAttribute('height', '10');
  svg.setAttribute('viewBox', '0 0 10 10');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const dot = document.createElementNS(SVG_NS, 'circle');
  dot.setAttribute('cx', '5');
  dot.setAttribute('cy', '5');
  dot.setAttribute('r', '5');
  dot.setAttribute('fill', colour);
  svg.appendChild(dot);
  return svg;
}

/** A figure en-GB ("1,319", "−18.5"), or null for a missing one. */
function figure(value) {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? NUMBER.format(value).replace('-', '\u2212') : null;
  }
  if (typeof value === 'string' && value !== '' && value !== '-') return value;
  return null;
}

/** One line: the colour dot, "name: " and the value. */
function row(colour, name, value) {
  const el = block('cspw-tooltip-row');
  const dot = marker(colour);
  if (dot) el.appendChild(dot);
  if (name) {
    el.appendChild(inline('cspw-tooltip-name', name));
    el.appendChild(document.createTextNode(': '));
  }
  el.appendChild(inline('cspw-tooltip-value', value));
  return el;
}

/** Every series at one category ("2014/15", "Ashford"), missing figures left out. */
function axisContent(list) {
  const box = block('cspw-tooltip-content');
  const first = list[0] || {};
  const title = first.axisValueLabel || first.name;
  if (title) box.appendChild(block('cspw-tooltip-title', String(title)));
  list.forEach((p) => {
    const raw = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
    const value = figure(raw);
    if (value !== null) box.appendChild(row(p.color, p.seriesName, value));
  });
  return box;
}

/** One point: its name, its series, and its value (or each coordinate, named by its axis). */
function itemContent(p, axisNames) {
  const box = block('cspw-tooltip-content');
  const title = p.name || p.seriesName;
  if (title) box.appendChild(block('cspw-tooltip-title', String(title)));
  if (Array.isArray(p.value)) {
    if (p.name && p.seriesName) {
      const series = block('cspw-tooltip-row');
      const dot = marker(p.color);
      if (dot) series.appendChild(dot);
      series.appendChild(inline('cspw-tooltip-name', p.seriesName));
      box.appendChild(series);
    }
    p.value.slice(0, axisNames.length).forEach((v, i) => {
      const value = figure(v);
      if (value !== null) box.appendChild(row(null, axisNames[i], value));
    });
  } else {
    const value = figure(p.value);
    if (value !== null) box.appendChild(row(p.color, p.name ? p.seriesName : '', value));
  }
  return box;
}

function axisName(axis, fallback) {
  const first = Array.isArray(axis) ? axis[0] : axis;
  return first && typeof first.name === 'string' && first.name !== '' ? first.name : fallback;
}

/**
 * A label formatter writing the template's `{c}` (the value) en-GB, `{b}` (the
 * category) and `{a}` (the series): ECharts itself writes `{c}` as the bare
 * number ("1786"), unlike the axes and the tables ("1,786").
 */
function labelFormatter(template) {
  return (p) => {
    const raw = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
    return template
      .replace(/\{c\}/g, () => figure(raw) ?? '')
      .replace(/\{b\}/g, () => p.name ?? '')
      .replace(/\{a\}/g, () => p.seriesName ?? '');
  };
}

/** A shown label with no formatter, or a template one, writes its figures en-GB. */
function enGbLabel(label) {
  if (!label || typeof label !== 'object') return;
  if (label.formatter == null && label.show === true) label.formatter = labelFormatter('{c}');
  else if (typeof label.formatter === 'string' && label.formatter.includes('{c}')) label.formatter = labelFormatter(label.formatter);
}

/** Every label of every series (its own, its points' and its mark lines') en-GB. */
function enGbLabels(option) {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  series.forEach((s) => {
    if (!s || typeof s !== 'object') return;
    enGbLabel(s.label);
    (Array.isArray(s.data) ? s.data : []).forEach((d) => d && typeof d === 'object' && enGbLabel(d.label));
    if (s.markLine && typeof s.markLine === 'object') {
      enGbLabel(s.markLine.label);
      (Array.isArray(s.markLine.data) ? s.markLine.data : []).forEach((d) => d && typeof d === 'object' && enGbLabel(d.label));
    }
  });
}

/**
 * Gives every tooltip in `option` the formatter above, and every value label
 * an en-GB one; returns the option.
 */
export function cspwTooltips(option) {
  if (!option || typeof option !== 'object') return option;
  enGbLabels(option);
  if (option.tooltip == null) return option;
  const axisNames = [axisName(option.xAxis, 'Across'), axisName(option.yAxis, 'Up')];
  const formatter = (params) =>
    Array.isArray(params) ? axisContent(params) : itemContent(params || {}, axisNames);
  const tooltips = Array.isArray(option.tooltip) ? option.tooltip : [option.tooltip];
  tooltips.forEach((t) => {
    if (t && typeof t === 'object') t.formatter = formatter;
  });
  return option;
}
