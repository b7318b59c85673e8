// Inline CSS: the pages load nothing from the network.
export const STYLE = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5b6478; --line: #d9dee8; --code: #f3f5f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, sans-serif; color: var(--fg); }
.layout { display: grid; grid-template-columns: 260px minmax(0, 1fr); }
nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 20px; border-right: 1px solid var(--line); background: #fafbfd; font-size: 14px; }
nav ul { list-style: none; padding-left: 0; } nav li { margin: 4px 0; } nav .tag { font-weight: 600; margin-top: 14px; }
main { padding: 24px 40px 80px; max-width: 1100px; }
h1 { margin-top: 0; } h3 { margin-bottom: 4px; }
code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
code { background: var(--code); padding: 1px 4px; border-radius: 3px; }
pre { background: #1f2430; color: #e6e9ef; padding: 12px; border-radius: 6px; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f5f7fb; } td.type { color: var(--muted); white-space: nowrap; }
td p { margin: 0 0 4px; }
.operation { border-top: 2px solid var(--line); padding-top: 12px; margin-top: 32px; }
.method { display: inline-block; min-width: 64px; text-align: center; border-radius: 4px; color: #fff; padding: 2px 8px; font-size: 13px; background: #556; }
.method-get { background: #2f7d32; } .method-post { background: #1565c0; } .method-put, .method-patch { background: #a65f00; } .method-delete { background: #b3261e; }
.status { display: inline-block; border-radius: 4px; padding: 0 8px; font-family: ui-monospace, monospace; color: #fff; }
.status-2xx { background: #2f7d32; } .status-3xx { background: #556; } .status-4xx { background: #a65f00; } .status-5xx { background: #b3261e; }
.required { color: #b3261e; font-size: 12px; }
.label { font-weight: 600; margin: 8px 0 4px; color: var(--muted); }
.constraints { margin: 4px 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
.response { margin-left: 12px; } .media { margin-left: 12px; }
.example figcaption { font-size: 13px; color: var(--muted); } figure.example { margin: 8px 0; }
.items, .variant { margin-left: 12px; padding-left: 8px; border-left: 3px solid var(--line); }
`;
