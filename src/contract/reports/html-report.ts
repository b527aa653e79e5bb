/**
 * The HTML report (`--report html=PATH`): one self-contained page (inline CSS, no script, no external asset)
 * to read in a browser or keep as a CI artifact. Everything that came from the target (messages, URLs,
 * values, bodies) is hostile input: it is escaped, never inserted as markup.
 */
import type { ContractReport } from '../runner.ts';
import { apiSummary, fmtMs, groupViolations, newViolationCount, short } from './group.ts';

export function htmlReport(report: ContractReport, exitCode?: 0 | 1 | 2): string {
  const fresh = newViolationCount(report);
  const verdict = report.aborted !== undefined && report.aborted.reason !== 'deadline'
    ? { cls: 'stopped', text: report.aborted.reason === 'unreachable' ? 'Target unreachable' : 'Target stopped answering' }
    : fresh === 0 ? { cls: 'pass', text: report.violationCount === 0 ? 'Every check holds' : 'No new violation' } : { cls: 'fail', text: `${fresh} violation${fresh === 1 ? '' : 's'}${report.baseline === undefined ? '' : ' new'}` };
  const groups = groupViolations(report);
  const apiRows = report.apis.map((api) => {
    const s = apiSummary(report, api);
    const state = !s.checked ? '<span class="tag stopped">not checked</span>' : s.failed === 0 ? '<span class="tag pass">holds</span>' : '<span class="tag fail">fails</span>';
    return `<tr><th scope="row"><a href="#api-${esc(api)}">${esc(api)}</a></th><td>${state}</td><td class="num">${s.held}/${s.ran}${s.knownOnly > 0 ? ` <small>(${s.knownOnly} known)</small>` : ''}</td><td>${esc(s.timing ?? '—')}</td></tr>`;
  }).join('\n');
  const violationSections = report.apis.map((api) => {
    const mine = groups.filter((g) => g.api === api);
    if (mine.length === 0) return '';
    return `<section id="api-${esc(api)}"><h3>${esc(api)}</h3>\n${mine.map((g) => `<details class="group ${g.known ? 'known' : 'new'}"${g.known ? '' : ' open'}>
<summary><span class="tag ${g.known ? 'known' : 'fail'}">${g.known ? 'known' : esc(g.kind)}</span> <code>${esc(g.check)}</code> <span class="count">${g.count} violation${g.count === 1 ? '' : 's'}</span></summary>
<ol>${g.violations.map((v) => v.more !== undefined
    ? `<li class="more">${esc(v.message)}</li>`
    : `<li${v.known === true ? ' class="known"' : ''}><p class="msg">${v.known === true ? '<span class="tag known">known</span> ' : ''}${esc(v.message)}</p>${v.request ? `<p class="req"><span class="method">${esc(v.request.method)}</span> <code>${esc(v.request.url)}</code>${v.request.body ? `<br><span class="label">body</span> <code>${esc(short(v.request.body, 300))}</code>` : ''}</p>` : ''}${v.expected !== undefined || v.actual !== undefined ? `<dl>${v.expected !== undefined ? `<dt>expected</dt><dd><code>${esc(short(v.expected))}</code></dd>` : ''}${v.actual !== undefined ? `<dt>actual</dt><dd><code>${esc(short(v.actual))}</code></dd>` : ''}</dl>` : ''}</li>`).join('\n')}</ol>
</details>`).join('\n')}</section>`;
  }).join('\n');
  const coverageRows = report.coverage.map((c) => `<tr><th scope="row">${esc(c.api)} <code>${esc(c.operation)}</code></th><td class="num">${c.requests}</td><td>${c.statusesDocumented.map((s) => c.statusesNeverSeen.includes(s) ? `<span class="st miss" title="never produced">${esc(s)}</span>` : `<span class="st hit">${esc(s)}</span>`).join(' ')}</td><td>${c.parametersNeverExercised.length === 0 ? '—' : c.parametersNeverExercised.map((p) => `<code>${esc(p)}</code>`).join(' ')}</td></tr>`).join('\n');
  const limits = report.limits;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>flowmock contract: ${esc(verdict.text)} (${esc(report.target)})</title>
<style>
:root { --fg: #1d2330; --muted: #5d6675; --line: #dde1e8; --bg: #f6f7f9; --pass: #177245; --fail: #b42318; --known: #8a6d00; --stopped: #6941c6; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
header { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.verdict { font-weight: 600; padding: 4px 12px; border-radius: 999px; color: #fff; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.stopped { background: var(--stopped); }
.meta { color: var(--muted); margin: 6px 0 0; word-break: break-all; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.diagnosis p { margin: 6px 0; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: #eef0f4; font-size: 13px; color: var(--muted); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tag { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 4px; color: #fff; }
.tag.pass { background: var(--pass); } .tag.fail { background: var(--fail); } .tag.known { background: var(--known); } .tag.stopped { background: var(--stopped); }
details.group { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; margin: 8px 0; }
details.group.known { border-left-color: var(--known); }
summary { cursor: pointer; padding: 8px 12px; }
.count { color: var(--muted); font-size: 13px; }
ol { margin: 0; padding: 0 16px 8px 40px; }
li { padding: 6px 0; border-top: 1px dashed var(--line); }
li.more { color: var(--muted); font-style: italic; }
.msg { margin: 0 0 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
.req { margin: 0 0 4px; color: var(--muted); overflow-wrap: anywhere; }
.method { font-weight: 600; color: var(--fg); }
.label { font-size: 12px; text-transform: uppercase; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: 80px 1fr; margin: 0; gap: 2px 8px; }
dt { color: var(--muted); font-size: 13px; } dd { margin: 0; }
.st { display: inline-block; font: 12px ui-monospace, monospace; padding: 0 5px; border-radius: 3px; margin: 1px 0; }
.st.hit { background: #e3f4ea; color: var(--pass); } .st.miss { background: #fde8e6; color: var(--fail); text-decoration: line-through; }
footer { color: var(--muted); font-size: 13px; margin-top: 28px; }
</style>
</head>
<body>
<main>
<header><h1>flowmock contract</h1><span class="verdict ${verdict.cls}">${esc(verdict.text)}</span>${exitCode === undefined ? '' : `<span class="meta">exit code ${exitCode}</span>`}</header>
<p class="meta">${esc(report.target)} · ${esc(report.apis.join(', '))} · started ${esc(report.startedAt)} · ${esc(fmtMs(report.durationMs))}</p>
<h2>Diagnosis</h2>
<div class="card diagnosis">${report.diagnosis.map((d) => `<p>${esc(d)}</p>`).join('\n')}</div>
<h2>APIs</h2>
<table><thead><tr><th>API</th><th>verdict</th><th class="num">checks that hold</th><th>response times</th></tr></thead>
<tbody>
${apiRows}
</tbody></table>
${groups.length === 0 ? '' : `<h2>Violations <span class="count">(${report.violationCount}${report.baseline === undefined ? '' : `, ${newViolationCount(report)} new, ${report.baseline.known} known`})</span></h2>\n${violationSections}`}
${report.baseline !== undefined && report.baseline.gone.length > 0 ? `<h2>Baseline entries not seen</h2><div class="card"><p>${report.baseline.gone.length} entries of <code>${esc(report.baseline.file)}</code> did not occur this time (fixed, or not reached).</p><ul>${report.baseline.gone.slice(0, 50).map((e) => `<li><code>${esc(e.check)}</code>: ${esc(short(e.message, 200))}</li>`).join('')}</ul></div>` : ''}
<h2>Coverage</h2>
<table><thead><tr><th>operation</th><th class="num">requests</th><th>documented statuses (struck out: never produced)</th><th>parameters never exercised</th></tr></thead>
<tbody>
${coverageRows}
</tbody></table>
<footer>Limits: each request ${esc(fmtMs(limits.requestTimeoutMs))}, bodies read up to ${limits.maxBodyBytes} bytes, the run ${esc(fmtMs(limits.deadlineMs))}${limits.maxResponseTimeMs === undefined ? '' : `, answers within ${esc(fmtMs(limits.maxResponseTimeMs))}`}. ${report.checks.length} checks ran.</footer>
</main>
</body>
</html>
`;
}

/** Text as HTML text or attribute value: the five significant characters and any control character. */
export function esc(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
