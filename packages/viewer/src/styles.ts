/** The page's only stylesheet, inlined: readable at 1280 px, tables become cards on a phone. */
export const STYLES = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #dde1e8; --bg: #f4f5f8; --card: #fff; --accent: #2f6fdf;
  --accent-soft: #dbe6fb; --bad: #b3261e; --bad-soft: #fdeceb; --warn: #8a5a00;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.45; font-size: 15px; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 48px; }
h1, h2 { overflow-wrap: anywhere; }
header.dataset h1 { font-size: 28px; margin: 2px 0 6px; }
.kind { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
.headline { font-size: 17px; margin: 0 0 6px; }
.description { color: var(--muted); max-width: 80ch; margin: 0 0 6px; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 12px 0; }
.counts li { background: var(--card); border: 1px solid var(--line); border-radius: 999px; padding: 3px 12px; font-size: 14px; }
.counts li.bad { border-color: var(--bad); color: var(--bad); background: var(--bad-soft); }
dl.metadata, dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px 24px; margin: 12px 0 0; }
dl div { min-width: 0; }
dl .wide { grid-column: 1 / -1; }
dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
dd { margin: 2px 0 0; overflow-wrap: anywhere; }
.chips { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px; }
.chips li { background: var(--accent-soft); color: #1b3f80; border-radius: 4px; padding: 1px 8px; font-size: 13px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin: 20px 0; }
.card h2 { font-size: 19px; margin: 0 0 4px; }
.toc ol { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 6px 8px; }
.toc a { display: inline-block; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; color: var(--accent); text-decoration: none; font-size: 14px; overflow-wrap: anywhere; }
.toc a.bad { color: var(--bad); border-color: var(--bad); background: var(--bad-soft); }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 12px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600;
  border-bottom: 2px solid var(--line); white-space: nowrap; }
tbody th { font-weight: 600; overflow-wrap: break-word; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.some { color: var(--warn); font-weight: 600; }
.hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; color: var(--muted); }
.path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; overflow-wrap: anywhere; }
.type { font-size: 12px; background: #eef0f4; border-radius: 4px; padding: 1px 6px; white-space: nowrap; }
.none { color: #a0a7b4; }
td.distribution { width: 220px; min-width: 180px; }
.histogram { margin: 0; }
.histogram svg { display: block; width: 100%; height: 60px; }
.bar { fill: var(--accent); }
.axis { stroke: var(--muted); stroke-width: 1; vector-effect: non-scaling-stroke; }
.histogram figcaption { display: flex; justify-content: space-between; gap: 6px; font-size: 11px; color: var(--muted); font-variant-numeric: tabular-nums; }
.top-values { list-style: none; margin: 0; padding: 0; font-size: 13px; }
.top-values li { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0 8px; padding: 1px 0; }
.top-values .value { position: relative; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; padding: 0 4px; }
.top-values .share { position: absolute; left: 0; top: 0; bottom: 0; background: var(--accent-soft); border-radius: 3px; }
.top-values .label { position: relative; }
.top-values .count { font-variant-numeric: tabular-nums; color: var(--muted); }
.error { background: var(--bad-soft); color: var(--bad); border-radius: 6px; padding: 10px 12px; margin: 0; overflow-wrap: anywhere; }
details.examples { margin-top: 12px; }
details.examples summary { cursor: pointer; color: var(--accent); }
details.examples td { white-space: nowrap; max-width: 28ch; overflow: hidden; text-overflow: ellipsis; }
footer { color: var(--muted); font-size: 12px; }
@media (max-width: 720px) {
  main { padding: 16px 12px 32px; }
  header.dataset h1 { font-size: 22px; }
  dl.metadata, dl.facts { grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px 16px; }
  .card { padding: 12px; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: auto; }
  table.stack tr { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 18px;
    border: 1px solid var(--line); border-radius: 8px; margin: 0 0 10px; padding: 6px 10px; }
  table.stack th[scope=row], table.stack td.distribution, table.stack td.path, table.stack td.hash { grid-column: 1 / -1; }
  table.stack th[scope=row] { font-size: 16px; border: none; padding: 2px 0 4px; }
  table.stack td { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; border: none; padding: 3px 0; text-align: right; white-space: normal; min-width: 0; }
  table.stack td::before { content: attr(data-label); color: var(--muted); font-size: 12px; text-transform: uppercase; text-align: left; flex: none; }
  table.stack td.distribution { display: block; text-align: left; }
  table.stack td.distribution::before { display: block; margin-bottom: 4px; }
}
`;
