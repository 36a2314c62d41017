// The exported record's stylesheet: the only thing its Content Security
// Policy lets the page load (by this text's hash), so it is one constant.
// On screen long outputs scroll inside their box; printed, every line wraps
// and shows, rows and summaries are not cut across pages, colours are kept.

export const EXPORT_STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
  --ok: #1a7f37; --ok-bg: #dafbe1; --warning: #9a6700; --warning-bg: #fff8c5;
  --critical: #cf222e; --critical-bg: #ffebe9; --failed: #82071e; --failed-bg: #ffebe9; --other: #59636e; --other-bg: #eff2f5; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 32px 40px 64px; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.4em 0 0.6em; }
h1 { font-size: 2em; border-bottom: 1px solid var(--border); padding-bottom: 0.3em; }
h2 { font-size: 1.5em; border-bottom: 1px solid var(--border); padding-bottom: 0.3em; }
h3 { font-size: 1.25em; }
a { color: #0969da; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
:not(pre) > code { background: var(--panel); border-radius: 4px; padding: 0.1em 0.35em; }
pre { margin: 0; padding: 10px 14px; line-height: 1.45; overflow: auto; background: var(--panel); border-radius: 6px; }
table { border-collapse: collapse; margin: 0.8em 0; display: block; overflow: auto; max-width: 100%; }
th, td { border: 1px solid var(--border); padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
blockquote { margin: 0.8em 0; padding: 0 1em; color: var(--muted); border-left: 4px solid var(--border); }
.record-header { border: 1px solid var(--border); border-radius: 8px; padding: 4px 20px 16px; margin-bottom: 24px; }
.record-header h1 { border: 0; margin-bottom: 0.2em; }
.record-header dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0 0; }
.record-header dt { color: var(--muted); }
.record-header dd { margin: 0; overflow-wrap: anywhere; }
.status, .count { display: inline-block; border-radius: 999px; padding: 0 10px; font-weight: 600; font-size: 13px; }
.status-open { background: #ddf4ff; color: #0969da; }
.status-resolved { background: var(--ok-bg); color: var(--ok); }
.status-abandoned { background: var(--other-bg); color: var(--other); }
.count { margin-right: 6px; }
.record-timeline { margin-bottom: 32px; }
.record-timeline table { display: table; width: 100%; font-size: 13px; }
.record-timeline td:first-child { white-space: nowrap; }
.record-timeline td:nth-child(n+2):nth-child(-n+4) { overflow-wrap: anywhere; }
.runbook { border-top: 3px solid var(--border); }
.cell { margin: 0.8em 0; }
.code { border: 1px solid var(--border); border-radius: 6px; background: var(--panel); }
.code .language { display: block; padding: 4px 14px 0; color: var(--muted); font-size: 12px; }
.run { margin: 8px 0 0 0; border-left: 4px solid var(--other); padding: 2px 0 2px 12px; }
.run .summary { margin: 4px 0 6px; }
.run .summary strong { font-weight: 600; }
.run pre { max-height: 32em; background: #fff; border: 1px solid var(--border); }
.run pre.stderr { border-color: var(--critical); background: var(--critical-bg); color: var(--failed); }
.run .stream { color: var(--muted); font-size: 12px; margin: 6px 0 2px; }
.run .edited { color: var(--warning); background: var(--warning-bg); border-radius: 4px; padding: 2px 8px; margin: 4px 0; font-size: 13px; }
.run .note { margin: 4px 0; font-size: 13px; color: var(--muted); }
.run .summary strong:nth-of-type(2) { border-radius: 4px; padding: 0 6px; }
.outcome-ok { border-color: var(--ok); } .outcome-ok .summary strong:nth-of-type(2) { background: var(--ok-bg); color: var(--ok); }
.outcome-warning { border-color: var(--warning); } .outcome-warning .summary strong:nth-of-type(2) { background: var(--warning-bg); color: var(--warning); }
.outcome-critical { border-color: var(--critical); } .outcome-critical .summary strong:nth-of-type(2) { background: var(--critical-bg); color: var(--critical); }
.outcome-failed { border-color: var(--failed); } .outcome-failed .summary strong:nth-of-type(2) { background: var(--failed-bg); color: var(--failed); }
.outcome-other .summary strong:nth-of-type(2) { background: var(--other-bg); color: var(--other); }
.count-ok { background: var(--ok-bg); color: var(--ok); }
.count-warning { background: var(--warning-bg); color: var(--warning); }
.count-critical { background: var(--critical-bg); color: var(--critical); }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  pre, .run pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; max-height: none; }
  table { display: table; }
  tr, .run .summary, .code .language, .edited, .note { break-inside: avoid; }
  h1, h2, h3, h4, .run .summary, .code .language, .stream { break-after: avoid; }
  a { color: inherit; }
}
`;
