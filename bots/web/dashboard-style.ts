/** Inline CSS for the dashboard and login page (no build step, no CDN). */
export const DASHBOARD_CSS = `
:root{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2433;background:#f4f6fb}
body{margin:0}header{display:flex;justify-content:space-between;align-items:center;padding:12px 24px;background:#1d2433;color:#fff}
header h1{font-size:18px;margin:0}nav a{color:#cbd3e6;margin:0 4px;text-decoration:none}nav a.on{color:#fff;font-weight:600;border-bottom:2px solid #4f7cff}
nav form{display:inline;margin-left:12px}nav button{background:none;border:1px solid #cbd3e6;color:#cbd3e6;border-radius:4px;cursor:pointer}
main{padding:16px 24px}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px}
.card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px #0001}.card.warn{border-left:4px solid #e8590c}
.card .label{font-size:12px;color:#5c6784;text-transform:uppercase;letter-spacing:.04em}.card .value{font-size:26px;font-weight:600;margin:4px 0}.card .note{font-size:12px;color:#5c6784}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:12px;margin-top:16px}
.chart{background:#fff;border-radius:8px;margin:0;padding:10px;box-shadow:0 1px 2px #0001}.chart figcaption{font-size:13px;font-weight:600;margin-bottom:4px}
.chart svg{width:100%;height:auto}.chart text{font-size:10px;fill:#5c6784}.chart .grid{stroke:#e6e9f2}.chart .empty{font-size:13px;fill:#7a849e}
.key{font-weight:400;font-size:11px;margin-left:8px;color:#5c6784}.key i{display:inline-block;width:10px;height:3px;margin-right:4px;vertical-align:middle}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:12px;margin-top:16px}
.panel{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 2px #0001}.panel.wide{grid-column:1/-1}.panel h2{font-size:15px;margin:0 0 8px}
.panel h3{font-size:13px;margin:12px 0 4px}#getting-started{margin-bottom:16px;border-left:4px solid #4f7cff}#getting-started p{font-size:13px;margin:4px 0}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}pre{background:#f4f6fb;padding:8px 10px;border-radius:4px;margin:6px 0 0;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eef0f6}th{color:#5c6784;font-weight:600}
.muted{color:#7a849e;font-weight:400;font-size:12px}.overdue{color:#c92a2a;font-weight:600}.countdown{font-variant-numeric:tabular-nums}
.p-critical{color:#c92a2a;font-weight:600}.p-high{color:#e8590c}.badge{font-size:11px;padding:1px 6px;border-radius:10px;background:#eee}
.badge.at-risk{background:#ffe3e3;color:#c92a2a}.badge.watch{background:#fff3bf;color:#8f5d00}.chip{display:inline-block;background:#edf2ff;border-radius:10px;padding:2px 8px;margin:2px;font-size:12px}
.opp{margin-bottom:8px}footer{margin-top:16px;font-size:12px}
.login{max-width:360px;margin:10vh auto;background:#fff;padding:24px;border-radius:8px;box-shadow:0 1px 3px #0002}
.login input{width:100%;box-sizing:border-box;padding:8px;margin:8px 0;font-size:14px}.login button{padding:8px 16px;background:#4f7cff;color:#fff;border:0;border-radius:4px;font-size:14px}
.error{color:#c92a2a}.login .flash{background:#ebfbee;color:#2b8a3e;padding:8px;border-radius:6px}.login hr{border:0;border-top:1px solid #eef0f6;margin:16px 0}.login .muted{font-size:12px}
`;
