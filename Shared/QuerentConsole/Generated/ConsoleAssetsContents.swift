// Generated from Shared/QuerentConsole/Assets by Shared/QuerentConsole/embed-assets.py. Do not edit.

enum ConsoleAssetsContents {
    /// Every file of the console: its path under Assets/ and its text.
    static let files: [(path: String, text: String)] = [
        ("console.css", file0),
        ("favicon.svg", file1),
        ("index.html", file2),
        ("js/api.js", file3),
        ("js/app.js", file4),
        ("js/ask.js", file5),
        ("js/chart.js", file6),
        ("js/dom.js", file7),
        ("js/history.js", file8),
        ("js/knowledge.js", file9),
        ("js/sources.js", file10),
        ("js/sql.js", file11),
        ("js/state.js", file12),
        ("js/table.js", file13),
        ("js/tables.js", file14),
    ]

    static let file0 = ##"""
        /* Querent console — hand-written, no framework. */
        :root {
          --bg: #f5f6f8;
          --surface: #ffffff;
          --surface-2: #f9fafb;
          --border: #e2e5ea;
          --border-strong: #cfd4dc;
          --text: #1d2530;
          --text-2: #4a5565;
          --muted: #6b7585;
          --accent: #2f5d8a;
          --accent-hover: #264d74;
          --accent-soft: #e8eff7;
          --good: #1f7a4d;
          --good-soft: #e4f4eb;
          --warn: #8a5a00;
          --warn-soft: #fbf1dc;
          --bad: #b3261e;
          --bad-soft: #fbe9e7;
          --blue-soft: #e6eef9;
          --teal: #13706b;
          --teal-soft: #e0f2f0;
          --focus: #3b82c4;
          --radius: 8px;
          --radius-sm: 6px;
          --shadow: 0 1px 2px rgba(16, 24, 40, .05), 0 1px 3px rgba(16, 24, 40, .06);
          --mono: ui-monospace, "SF Mono", "Cascadia Mono", "Roboto Mono", Menlo, Consolas, monospace;
          --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          --side: 232px;
        }

        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.5 var(--sans); }
        h1, h2, h3 { line-height: 1.25; margin: 0 0 .5rem; color: var(--text); }
        h1 { font-size: 1.5rem; font-weight: 650; letter-spacing: -.01em; }
        h2 { font-size: 1.1rem; font-weight: 620; }
        h3 { font-size: .8rem; font-weight: 650; text-transform: uppercase; letter-spacing: .05em; color: var(--text-2); margin-top: 1.25rem; }
        p { margin: 0 0 .5rem; }
        a { color: var(--accent); }
        code, pre, .mono { font-family: var(--mono); font-size: .86em; }
        [hidden] { display: none !important; }

        :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
        .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .offscreen { position: fixed; left: -9999px; top: 0; }
        .skip-link { position: absolute; left: -9999px; top: 8px; z-index: 100; background: var(--surface); padding: .5rem .75rem; border-radius: var(--radius-sm); box-shadow: var(--shadow); }
        .skip-link:focus { left: 8px; }
        .boot { padding: 2rem; color: var(--muted); }

        .muted { color: var(--muted); }
        .small { font-size: .85rem; }
        .strong { font-weight: 600; }
        .center { text-align: center; }
        .nowrap { white-space: nowrap; }
        .wrap { overflow-wrap: anywhere; }
        .spacer { flex: 1; }
        .error-text { color: var(--bad); }
        .warn-text { color: var(--warn); }

        /* ---------------------------------------------------------------- buttons & inputs */
        .btn {
          display: inline-flex; align-items: center; justify-content: center; gap: .4rem;
          min-height: 36px; padding: .4rem .9rem; border: 1px solid var(--border-strong); border-radius: var(--radius-sm);
          background: var(--surface); color: var(--text); font: inherit; font-weight: 550; font-size: .92rem;
          cursor: pointer; text-decoration: none; white-space: nowrap; transition: background .12s, border-color .12s, color .12s;
        }
        .btn:hover:not(:disabled) { background: var(--surface-2); border-color: #b9c0cb; }
        .btn:disabled { opacity: .55; cursor: not-allowed; }
        .btn.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
        .btn.primary:hover:not(:disabled) { background: var(--accent-hover); border-color: var(--accent-hover); }
        .btn.danger { background: var(--bad); border-color: var(--bad); color: #fff; }
        .btn.danger:hover:not(:disabled) { background: #931f18; }
        .btn.ghost { background: transparent; border-color: transparent; color: var(--text-2); }
        .btn.ghost:hover:not(:disabled) { background: #eceff3; }
        .btn.danger-ghost { background: transparent; border-color: transparent; color: var(--bad); }
        .btn.danger-ghost:hover:not(:disabled) { background: var(--bad-soft); }
        .btn.small { min-height: 30px; padding: .2rem .6rem; font-size: .85rem; }
        .btn.wide { width: 100%; min-height: 42px; }
        .btn[aria-busy="true"] { cursor: progress; }
        .btn.vote[aria-pressed="true"][data-verdict="up"] { background: var(--good-soft); border-color: var(--good); color: var(--good); }
        .btn.vote[aria-pressed="true"][data-verdict="down"] { background: var(--bad-soft); border-color: var(--bad); color: var(--bad); }
        button.link { background: none; border: 0; padding: 0; font: inherit; font-weight: 600; color: var(--accent); cursor: pointer; text-align: left; }
        button.link:hover { text-decoration: underline; }

        input[type="text"], input[type="password"], select, textarea {
          width: 100%; padding: .5rem .65rem; border: 1px solid var(--border-strong); border-radius: var(--radius-sm);
          background: var(--surface); color: var(--text); font: inherit; font-size: .95rem;
        }
        textarea { resize: vertical; min-height: 2.5rem; }
        input.mono, textarea.mono { font-family: var(--mono); font-size: .88rem; }
        input:focus, select:focus, textarea:focus { outline: none; border-color: var(--focus); box-shadow: 0 0 0 3px rgba(59, 130, 196, .18); }
        input[type="checkbox"] { width: 16px; height: 16px; accent-color: var(--accent); margin: 0; vertical-align: middle; }
        .field { display: flex; flex-direction: column; gap: .3rem; margin-bottom: .9rem; min-width: 0; }
        .field label { font-weight: 600; font-size: .88rem; color: var(--text-2); }
        .hint { font-size: .8rem; color: var(--muted); margin: 0; }
        .check-row { display: flex; align-items: center; gap: .5rem; margin-bottom: 1rem; font-size: .9rem; }
        .row2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1rem; }
        .actions { display: flex; gap: .5rem; justify-content: flex-end; align-items: center; flex-wrap: wrap; }
        .actions.left { justify-content: flex-start; }

        /* ---------------------------------------------------------------- notices, badges, toasts */
        .notice { padding: .6rem .85rem; border-radius: var(--radius-sm); border: 1px solid; margin: .5rem 0; font-size: .92rem; overflow-wrap: anywhere; }
        .notice.error { background: var(--bad-soft); border-color: #f0c4bf; color: #8c1d17; }
        .notice.warn { background: var(--warn-soft); border-color: #ecd7a8; color: var(--warn); }
        .notice.success { background: var(--good-soft); border-color: #b9e0c9; color: var(--good); }
        .notice.info { background: var(--accent-soft); border-color: #c9d9ea; color: var(--accent); }
        .badge {
          display: inline-flex; align-items: center; gap: .25rem; padding: .08rem .5rem; border-radius: 999px;
          font-size: .75rem; font-weight: 600; background: #eef0f3; color: var(--text-2); white-space: nowrap; margin-right: .25rem;
        }
        .badge.good { background: var(--good-soft); color: var(--good); }
        .badge.warn { background: var(--warn-soft); color: var(--warn); }
        .badge.bad { background: var(--bad-soft); color: var(--bad); }
        .badge.accent { background: var(--accent-soft); color: var(--accent); }
        .badge.blue { background: var(--blue-soft); color: #2a5a9a; }
        .badge.teal { background: var(--teal-soft); color: var(--teal); }
        .badge.muted { background: #f0f1f4; color: var(--muted); }
        .toasts { position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; gap: .5rem; z-index: 50; max-width: min(380px, calc(100vw - 32px)); }
        .toast { background: #1f2733; color: #fff; padding: .65rem .9rem; border-radius: var(--radius-sm); box-shadow: 0 6px 20px rgba(0, 0, 0, .18); font-size: .9rem; transition: opacity .4s, transform .4s; }
        .toast.error { background: #8c1d17; }
        .toast.success { background: #17603c; }
        .toast.leaving { opacity: 0; transform: translateY(6px); }

        /* ---------------------------------------------------------------- dialog */
        .dialog { border: 0; border-radius: 12px; padding: 1.4rem 1.5rem 1.2rem; max-width: 440px; width: calc(100vw - 32px); box-shadow: 0 20px 50px rgba(0, 0, 0, .25); color: var(--text); }
        .dialog::backdrop { background: rgba(20, 28, 40, .45); }
        .dialog p { color: var(--text-2); margin-bottom: 1.2rem; }

        /* ---------------------------------------------------------------- sign-in */
        .signin { min-height: 100vh; display: grid; place-items: center; padding: 1.5rem; background: linear-gradient(160deg, #eef2f7 0%, #f7f8fa 60%); }
        .signin-card { width: 100%; max-width: 420px; background: var(--surface); border: 1px solid var(--border); border-radius: 14px; padding: 2rem; box-shadow: 0 10px 30px rgba(16, 24, 40, .08); }
        .signin-card h1 { font-size: 1.35rem; margin-top: 1.25rem; }
        .signin-card textarea { font-family: var(--mono); font-size: .8rem; }
        .local-box { margin-top: 1.25rem; }
        .local-box .hint { margin: .5rem 0 0; }
        .divider { display: flex; align-items: center; gap: .75rem; color: var(--muted); font-size: .8rem; margin: 1.25rem 0; }
        .divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid var(--border); }
        .signin-form { margin-top: 1rem; }

        /* ---------------------------------------------------------------- layout */
        .brand { display: flex; align-items: center; gap: .6rem; font-weight: 700; font-size: 1.1rem; letter-spacing: -.01em; color: var(--text); }
        .brand.large { font-size: 1.25rem; }
        .logo { width: 28px; height: 28px; border-radius: 7px; background: var(--accent); position: relative; flex: none; }
        .logo::before { content: ""; position: absolute; left: 6px; top: 5px; width: 12px; height: 12px; border: 2.5px solid #fff; border-radius: 50%; }
        .logo::after { content: ""; position: absolute; left: 17px; top: 17px; width: 7px; height: 2.5px; background: #fff; transform: rotate(45deg); border-radius: 2px; }

        .layout { display: grid; grid-template-columns: var(--side) minmax(0, 1fr); min-height: 100vh; }
        .sidebar { background: #1f2a37; color: #d8dee7; padding: 1.1rem .85rem; display: flex; flex-direction: column; gap: 1.2rem; position: sticky; top: 0; height: 100vh; }
        .sidebar .brand { color: #fff; padding: 0 .4rem; }
        .sidebar .logo { background: #4a7fb3; }
        .source-pick { display: flex; flex-direction: column; gap: .3rem; padding: 0 .4rem; }
        .source-pick label { font-size: .72rem; text-transform: uppercase; letter-spacing: .06em; color: #98a4b5; font-weight: 650; }
        .source-pick select { background: #2a3748; border-color: #3a4a5e; color: #fff; font-size: .9rem; }
        .nav { display: flex; flex-direction: column; gap: 2px; }
        .nav-link { display: flex; align-items: center; gap: .65rem; padding: .55rem .7rem; border-radius: var(--radius-sm); color: #c9d2de; text-decoration: none; font-weight: 550; }
        .nav-link:hover { background: #2a3748; color: #fff; }
        .nav-link[aria-current="page"] { background: #34506f; color: #fff; }
        .nav-icon { width: 20px; text-align: center; opacity: .85; }
        .side-foot { margin-top: auto; padding: 0 .4rem; }
        .sidebar .sign-out { color: #c9d2de; width: 100%; justify-content: flex-start; }
        .sidebar .sign-out:hover:not(:disabled) { background: #2a3748; color: #fff; }
        .sidebar :focus-visible { outline-color: #8fbef0; }

        .main { min-width: 0; padding: 1.75rem 2rem 3rem; outline: none; }
        .page { max-width: 1120px; margin: 0 auto; }
        .page-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 1rem; margin-bottom: 1.25rem; }
        .page-head p { margin: .2rem 0 0; }
        .card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 1.1rem 1.25rem; margin-bottom: 1.25rem; }
        .card > h2:first-child { margin-bottom: .9rem; }
        .toolbar { display: flex; align-items: center; gap: .5rem; flex-wrap: wrap; margin-bottom: .85rem; }
        .empty-state { text-align: center; padding: 3rem 1rem; background: var(--surface); border: 1px dashed var(--border-strong); border-radius: var(--radius); }
        .two-col { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
        ul.plain { list-style: none; margin: 0; padding: 0; }
        ul.plain li { padding: .3rem 0; border-bottom: 1px solid var(--border); font-size: .9rem; }
        ul.plain li:last-child { border-bottom: 0; }

        /* ---------------------------------------------------------------- tables */
        .table-scroll { overflow-x: auto; border: 1px solid var(--border); border-radius: var(--radius-sm); }
        table.grid { width: 100%; border-collapse: collapse; font-size: .9rem; background: var(--surface); }
        table.grid th, table.grid td { padding: .5rem .7rem; text-align: left; border-bottom: 1px solid var(--border); vertical-align: middle; }
        table.grid thead th { background: var(--surface-2); font-size: .78rem; font-weight: 650; color: var(--text-2); text-transform: uppercase; letter-spacing: .04em; white-space: nowrap; }
        table.grid tbody tr:last-child > * { border-bottom: 0; }
        table.grid tbody tr:hover { background: #fafbfc; }
        table.grid tbody th { font-weight: 500; }
        table.grid tbody th .badge { margin-left: .4rem; }
        table.grid .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.grid td.check, table.grid th.check { width: 36px; }
        table.grid td.actions { white-space: nowrap; text-align: right; display: table-cell; }
        table.grid.compact th, table.grid.compact td { padding: .35rem .6rem; }
        table.grid td.empty { text-align: center; color: var(--muted); padding: 1.2rem; }
        table.grid .null { color: #a0a7b3; font-style: italic; font-size: .8rem; }
        .data-table table.grid thead th { text-transform: none; letter-spacing: 0; font-size: .82rem; }
        tr.is-open { background: var(--accent-soft) !important; }
        button.sort { all: unset; cursor: pointer; display: inline-flex; gap: .3rem; align-items: center; }
        button.sort:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
        th.num button.sort { flex-direction: row-reverse; }
        .sort-ind { font-size: .65rem; color: #a0a7b3; }
        th[aria-sort="ascending"] .sort-ind, th[aria-sort="descending"] .sort-ind { color: var(--accent); }
        .table-foot { display: flex; align-items: center; gap: .5rem; flex-wrap: wrap; padding: .5rem .1rem 0; font-size: .85rem; color: var(--muted); }
        .pager { display: inline-flex; align-items: center; gap: .4rem; }
        .page-no { min-width: 3.5rem; text-align: center; }
        .kind { text-transform: capitalize; color: var(--text-2); }

        /* training progress */
        .tables-table td.status { width: 34%; min-width: 200px; }
        .progress-cell { display: flex; flex-direction: column; gap: .2rem; }
        .progress { height: 8px; background: #e7eaef; border-radius: 999px; overflow: hidden; }
        .progress-bar { height: 100%; width: 0; background: var(--accent); border-radius: 999px; transition: width .35s ease; }
        .progress-bar.done { background: var(--good); }
        .progress-bar.failed { background: var(--bad); }
        .progress-text { display: flex; justify-content: space-between; font-size: .78rem; color: var(--muted); }
        .progress-error { font-size: .8rem; color: var(--bad); overflow-wrap: anywhere; }
        .stream-state { font-size: .8rem; color: var(--muted); white-space: nowrap; padding-top: .4rem; }
        .stream-state.live { color: var(--good); }
        .sel-count { font-size: .85rem; }

        /* schema detail */
        .schema-detail .detail-head { display: flex; justify-content: space-between; gap: 1rem; align-items: flex-start; }
        .schema-detail .detail-head h2 { font-family: var(--mono); font-size: 1.05rem; margin: 0; }
        .table-comment { color: var(--text-2); font-style: italic; }
        .desc-edit { background: var(--surface-2); border: 1px solid var(--border); border-radius: var(--radius-sm); padding: .85rem; margin-top: 1rem; }
        .desc-edit .field { margin-bottom: .5rem; }
        .save-status { font-size: .85rem; color: var(--good); }

        /* ---------------------------------------------------------------- sources */
        .form-grid h2 { margin-bottom: 1rem; }
        .form-status:empty { display: none; }
        .sources-table td.mono { font-size: .8rem; color: var(--text-2); max-width: 360px; }

        /* ---------------------------------------------------------------- ask */
        .ask-page { max-width: 980px; display: flex; flex-direction: column; min-height: calc(100vh - 5rem); }
        .ask-empty { text-align: center; padding: 3rem 1rem 2rem; }
        .ask-empty h2 { font-size: 1.3rem; }
        .suggestions { display: flex; flex-wrap: wrap; gap: .5rem; justify-content: center; margin-top: 1rem; }
        .chip { border: 1px solid var(--border-strong); background: var(--surface); border-radius: 999px; padding: .35rem .85rem; font: inherit; font-size: .88rem; color: var(--text-2); cursor: pointer; }
        .chip:hover { border-color: var(--accent); color: var(--accent); }
        .chat-log { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 1.5rem; flex: 1; }
        .turn { display: flex; flex-direction: column; gap: .6rem; scroll-margin-top: 1rem; }
        .question { align-self: flex-end; max-width: 80%; background: var(--accent); color: #fff; padding: .6rem .95rem; border-radius: 14px 14px 4px 14px; font-weight: 500; overflow-wrap: anywhere; }
        .answer { background: var(--surface); border: 1px solid var(--border); border-radius: 4px 14px 14px 14px; padding: 1rem 1.15rem; box-shadow: var(--shadow); min-width: 0; }
        .answer-head { display: flex; align-items: center; flex-wrap: wrap; gap: .35rem; margin-bottom: .5rem; }
        .answer-head:empty { display: none; }
        .explanation { color: var(--text-2); font-size: .92rem; }
        .explanation:empty { display: none; }
        .answer-text { margin: .75rem 0 0; padding-top: .6rem; border-top: 1px dashed var(--border); color: var(--text-2); font-size: .9rem; }
        .answer-status { display: flex; align-items: center; gap: .5rem; color: var(--muted); font-size: .88rem; margin-top: .4rem; }
        .spinner { width: 14px; height: 14px; border: 2px solid #cfd6e0; border-top-color: var(--accent); border-radius: 50%; animation: spin .8s linear infinite; }
        @keyframes spin { to { transform: rotate(360deg); } }
        @media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } .progress-bar { transition: none; } }
        .result { margin-top: .75rem; }
        .result-meta { font-size: .82rem; color: var(--muted); margin-bottom: .5rem; }
        .feedback { margin-top: .85rem; padding-top: .75rem; border-top: 1px solid var(--border); }
        .feedback-row { display: flex; align-items: center; gap: .4rem; flex-wrap: wrap; }
        .feedback-state { font-size: .85rem; color: var(--text-2); margin-left: .25rem; }
        .sql-editor { margin-top: .75rem; background: var(--surface-2); border: 1px solid var(--border); border-radius: var(--radius-sm); padding: .85rem; }
        .composer { position: sticky; bottom: 0; display: flex; gap: .6rem; align-items: flex-end; margin-top: 1.5rem; padding: .75rem; background: var(--surface); border: 1px solid var(--border-strong); border-radius: 12px; box-shadow: 0 -4px 24px rgba(245, 246, 248, .9), var(--shadow); }
        .composer textarea { border: 0; box-shadow: none; resize: none; padding: .45rem .3rem; min-height: 2.4rem; }
        .composer textarea:focus { box-shadow: none; }
        .composer:focus-within { border-color: var(--focus); box-shadow: 0 0 0 3px rgba(59, 130, 196, .18); }
        .ask-send { min-width: 80px; min-height: 40px; }

        /* sql */
        .sql-block { border: 1px solid var(--border); border-radius: var(--radius-sm); overflow: hidden; margin: .5rem 0; }
        .sql-head { display: flex; align-items: center; justify-content: space-between; background: var(--surface-2); border-bottom: 1px solid var(--border); padding: .15rem .35rem .15rem .75rem; }
        .sql-label { font-size: .72rem; font-weight: 650; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
        pre.sql { margin: 0; padding: .7rem .85rem; background: #fbfcfd; overflow-x: auto; white-space: pre-wrap; word-break: break-word; line-height: 1.55; font-size: .85rem; color: #24303e; }
        pre.sql.small { font-size: .8rem; padding: .45rem .6rem; border: 1px solid var(--border); border-radius: var(--radius-sm); margin: .35rem 0; }
        .tok-keyword { color: #2f5d8a; font-weight: 650; }
        .tok-function { color: #7a3e9d; }
        .tok-string { color: #1f7a4d; }
        .tok-number { color: #a35200; }
        .tok-comment { color: #8a94a3; font-style: italic; }
        .tok-ident { color: #6b4e16; }

        /* chart */
        .chart-panel { margin: .5rem 0 1rem; border: 1px solid var(--border); border-radius: var(--radius-sm); padding: .6rem .75rem .4rem; background: var(--surface); }
        .chart-head { display: flex; align-items: center; justify-content: space-between; gap: .5rem; margin-bottom: .25rem; }
        .chart-head figcaption { font-size: .85rem; color: var(--text-2); }
        .segmented { display: inline-flex; border: 1px solid var(--border-strong); border-radius: var(--radius-sm); overflow: hidden; }
        .seg { border: 0; background: var(--surface); font: inherit; font-size: .8rem; padding: .25rem .7rem; cursor: pointer; color: var(--text-2); }
        .seg + .seg { border-left: 1px solid var(--border-strong); }
        .seg[aria-pressed="true"] { background: var(--accent-soft); color: var(--accent); font-weight: 650; }
        .seg:focus-visible { outline-offset: -2px; }
        svg.chart { width: 100%; height: auto; display: block; max-height: 300px; }
        svg.chart .grid { stroke: #edf0f3; stroke-width: 1; }
        svg.chart .axis { stroke: #b8c0cc; stroke-width: 1; }
        svg.chart .tick { fill: #6b7585; font-size: 11px; font-family: var(--sans); }
        svg.chart .value { fill: #4a5565; font-size: 11px; font-weight: 600; font-family: var(--sans); }
        svg.chart .axis-title { fill: #6b7585; font-size: 11.5px; font-weight: 600; font-family: var(--sans); }
        svg.chart .bar { fill: #4a7fb3; }
        svg.chart .bar:hover { fill: #2f5d8a; }
        svg.chart .line { fill: none; stroke: #2f5d8a; stroke-width: 2.25; stroke-linejoin: round; stroke-linecap: round; }
        svg.chart .area { fill: rgba(74, 127, 179, .12); stroke: none; }
        svg.chart .dot { fill: #fff; stroke: #2f5d8a; stroke-width: 2; }

        /* ---------------------------------------------------------------- history */
        .history-entry { border-bottom: 1px solid var(--border); }
        .history-entry:last-child { border-bottom: 0; }
        .history-entry summary { display: grid; grid-template-columns: 150px 1fr auto; gap: .75rem; align-items: center; padding: .65rem .25rem; cursor: pointer; list-style: none; }
        .history-entry summary::-webkit-details-marker { display: none; }
        .history-entry summary:hover { background: var(--surface-2); }
        .history-entry[open] summary { background: var(--surface-2); }
        .h-when { font-size: .8rem; color: var(--muted); }
        .h-what { font-weight: 550; min-width: 0; overflow-wrap: anywhere; }
        .h-tags { display: flex; gap: .2rem; flex-wrap: wrap; justify-content: flex-end; }
        .history-body { padding: .25rem .25rem 1rem; }
        .history-body pre.sql { border: 1px solid var(--border); border-radius: var(--radius-sm); margin-bottom: .5rem; }

        /* ---------------------------------------------------------------- knowledge */
        .tabs { display: flex; gap: .25rem; border-bottom: 1px solid var(--border-strong); margin-bottom: 1rem; }
        .tab { background: none; border: 0; border-bottom: 2px solid transparent; padding: .55rem .9rem; font: inherit; font-weight: 600; color: var(--text-2); cursor: pointer; margin-bottom: -1px; }
        .tab:hover { color: var(--text); }
        .tab[aria-selected="true"] { color: var(--accent); border-bottom-color: var(--accent); }
        .k-items { list-style: none; margin: 0 0 1rem; padding: 0; }
        .k-item { display: flex; gap: 1rem; justify-content: space-between; padding: .8rem 0; border-bottom: 1px solid var(--border); }
        .k-item:last-child { border-bottom: 0; }
        .k-main { min-width: 0; flex: 1; }
        .k-title { font-weight: 600; margin-bottom: .25rem; }
        .k-form { border-top: 1px solid var(--border); padding-top: 1rem; margin-top: .5rem; }
        .tab-panel > .k-form:first-child { border-top: 0; padding-top: 0; margin-top: 0; }
        .empty-line { padding: .5rem 0 1rem; }

        /* ---------------------------------------------------------------- phone width */
        @media (max-width: 760px) {
          body { font-size: 14.5px; }
          .layout { grid-template-columns: minmax(0, 1fr); }
          .sidebar { position: sticky; top: 0; z-index: 20; height: auto; flex-direction: row; flex-wrap: wrap; align-items: center; gap: .5rem .75rem; padding: .6rem .75rem; }
          .sidebar .brand { font-size: 1rem; padding: 0; }
          .sidebar .logo { width: 24px; height: 24px; }
          .sidebar .logo::before { left: 5px; top: 4px; width: 10px; height: 10px; }
          .sidebar .logo::after { left: 14px; top: 14px; width: 6px; }
          .source-pick { flex: 1; flex-direction: row; align-items: center; padding: 0; min-width: 0; }
          .source-pick label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          .source-pick select { padding: .3rem .5rem; }
          .side-foot { margin: 0; padding: 0; }
          .sidebar .sign-out { width: auto; }
          .nav { order: 4; flex-direction: row; width: 100%; overflow-x: auto; gap: .25rem; scrollbar-width: none; }
          .nav-link { padding: .4rem .65rem; white-space: nowrap; font-size: .9rem; }
          .nav-icon { display: none; }
          .main { padding: 1rem .75rem 2rem; }
          .page-head { flex-direction: column; gap: .5rem; }
          .card { padding: .9rem; }
          .row2, .two-col { grid-template-columns: 1fr; gap: 0; }
          .question { max-width: 92%; }
          .turn { scroll-margin-top: 110px; }
          .answer { padding: .8rem; }
          .history-entry summary { grid-template-columns: 1fr; gap: .3rem; }
          .h-tags { justify-content: flex-start; }
          .tables-table td.status { min-width: 150px; }
          .signin-card { padding: 1.4rem; }
          .ask-page { min-height: calc(100vh - 8rem); }
        }

        """##

    static let file1 = ##"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2f5d8a"/><circle cx="15" cy="14" r="7" fill="none" stroke="#fff" stroke-width="3"/><path d="M19.5 18.5l6 6" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>

        """##

    static let file2 = ##"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="color-scheme" content="light">
          <title>Querent console</title>
          <link rel="stylesheet" href="{{ASSETS}}/console.css">
          <link rel="icon" href="{{ASSETS}}/favicon.svg" type="image/svg+xml">
          <script type="module" src="{{ASSETS}}/js/app.js"></script>
        </head>
        <body>
          <a class="skip-link" href="#main">Skip to content</a>
          <div id="app" class="app" aria-live="polite">
            <noscript>The Querent console needs JavaScript.</noscript>
            <p class="boot">Loading the Querent console…</p>
          </div>
          <div id="toasts" class="toasts" role="status" aria-live="polite"></div>
        </body>
        </html>

        """##

    static let file3 = ##"""
        // The same-origin JSON API: bearer token, JSON errors, Server-Sent Events over fetch.

        const TOKEN_KEY = 'querent.token';
        const BASE = '/api/v1/sources/database';

        export class ApiError extends Error {
          constructor(status, code, message) {
            super(message || `Request failed (${status})`);
            this.status = status;
            this.code = code || 'error';
          }
        }

        let onUnauthorized = () => {};
        export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

        export function getToken() {
          return sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY) || '';
        }

        export function setToken(token, remember) {
          clearToken();
          (remember ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
        }

        export function clearToken() {
          sessionStorage.removeItem(TOKEN_KEY);
          localStorage.removeItem(TOKEN_KEY);
        }

        async function errorFrom(response) {
          let code = 'error';
          let message = `${response.status} ${response.statusText || 'error'}`.trim();
          try {
            const text = await response.text();
            if (text) {
              const body = JSON.parse(text);
              const err = body && (body.error || body);
              if (err && err.message) { message = err.message; code = err.code || code; }
            }
          } catch (_) { /* not JSON: keep the status line */ }
          if (response.status === 429) {
            const retry = response.headers.get('Retry-After');
            if (retry && !/retry/i.test(message)) message += ` (retry in ${retry} s)`;
          }
          return new ApiError(response.status, code, message);
        }

        function headers(extra = {}, auth = true) {
          const h = { Accept: 'application/json', ...extra };
          const token = getToken();
          if (auth && token) h.Authorization = `Bearer ${token}`;
          return h;
        }

        export async function request(method, path, body, { auth = true, signal, accept } = {}) {
          const init = { method, headers: headers(body !== undefined ? { 'Content-Type': 'application/json' } : {}, auth), signal };
          if (accept) init.headers.Accept = accept;
          if (body !== undefined) init.body = JSON.stringify(body);
          let response;
          try {
            response = await fetch(path, init);
          } catch (e) {
            if (e.name === 'AbortError') throw e;
            throw new ApiError(0, 'network', 'The Querent server could not be reached. Check that it is running.');
          }
          if (!response.ok) {
            const err = await errorFrom(response);
            if (response.status === 401 && auth) onUnauthorized(err);
            throw err;
          }
          if (response.status === 204) return null;
          if (accept === 'text/event-stream') return response;
          const text = await response.text();
          return text ? JSON.parse(text) : null;
        }

        // Reads a text/event-stream body and calls onEvent(name, data) for each event; `data` is parsed
        // JSON when it is JSON. Resolves when the stream ends; rejects on network errors (not on abort).
        export async function readEvents(response, onEvent) {
          const reader = response.body.getReader();
          const decoder = new TextDecoder();
          let buffer = '';
          const dispatch = (block) => {
            let name = 'message';
            const data = [];
            for (const line of block.split(/\r\n|\r|\n/)) {
              if (!line || line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              let value = colon < 0 ? '' : line.slice(colon + 1);
              if (value.startsWith(' ')) value = value.slice(1);
              if (field === 'event') name = value;
              else if (field === 'data') data.push(value);
            }
            if (!data.length) return;
            const raw = data.join('\n');
            let parsed = raw;
            try { parsed = JSON.parse(raw); } catch (_) { /* keep text */ }
            onEvent(name, parsed);
          };
          for (;;) {
            let chunk;
            try {
              chunk = await reader.read();
            } catch (e) {
              if (e.name === 'AbortError') return;
              throw e;
            }
            if (chunk.done) break;
            buffer += decoder.decode(chunk.value, { stream: true });
            let m;
            while ((m = /\r\n\r\n|\n\n|\r\r/.exec(buffer))) {
              const block = buffer.slice(0, m.index);
              buffer = buffer.slice(m.index + m[0].length);
              dispatch(block);
            }
          }
          buffer += decoder.decode();
          if (buffer.trim()) dispatch(buffer);
        }

        const enc = encodeURIComponent;
        const src = (id) => `${BASE}/${enc(id)}`;

        export const api = {
          consoleConfig: () => request('GET', '/console/config', undefined, { auth: false }),
          localSignIn: () => request('POST', '/console/local-sign-in', undefined, { auth: false }),

          listSources: () => request('GET', `${BASE}`),
          getSource: (id) => request('GET', src(id)),
          createSource: (body) => request('POST', `${BASE}`, body),
          testConnection: (body) => request('POST', `${BASE}/test-connection`, body),
          deleteSource: (id) => request('DELETE', src(id)),

          listTables: (id) => request('GET', `${src(id)}/tables`),
          tableSchema: (id, table, refresh = false) =>
            request('GET', `${src(id)}/tables/${enc(table)}/schema${refresh ? '?refresh=true' : ''}`),
          setBusinessContext: (id, table, text) =>
            request('PUT', `${src(id)}/tables/${enc(table)}/context`, { business_description: text }),
          train: (id, tables) => request('POST', `${src(id)}/train`, { tables }),
          untrain: (id, table) => request('DELETE', `${src(id)}/tables/${enc(table)}/train`),
          trainingStatus: (id, table) => request('GET', `${src(id)}/tables/${enc(table)}/training-status`),
          trainingEvents: (id, signal) =>
            request('GET', `${src(id)}/training-events`, undefined, { signal, accept: 'text/event-stream' }),

          query: (id, question) => request('POST', `${src(id)}/query`, { question }),
          runSQL: (id, sql) => request('POST', `${src(id)}/sql`, { sql }),
          history: (id, cursor, limit = 25) =>
            request('GET', `${src(id)}/query-history?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`),
          feedback: (id, historyId, verdict, sql) =>
            request('POST', `${src(id)}/query-history/${enc(historyId)}/feedback`, sql ? { verdict, sql } : { verdict }),
          chat: (sourceId, message, signal) =>
            request('POST', '/api/v1/chat', { message, source_id: sourceId || null }, { signal, accept: 'text/event-stream' }),

          listExamples: (id) => request('GET', `${src(id)}/examples`),
          addExample: (id, question, sql) => request('POST', `${src(id)}/examples`, { question, sql }),
          deleteExample: (id, exampleId) => request('DELETE', `${src(id)}/examples/${enc(exampleId)}`),
          listGlossary: (id) => request('GET', `${src(id)}/glossary`),
          addTerm: (id, term) => request('POST', `${src(id)}/glossary`, term),
          deleteTerm: (id, termId) => request('DELETE', `${src(id)}/glossary/${enc(termId)}`),
          getInstructions: (id) => request('GET', `${src(id)}/instructions`),
          setInstructions: (id, instructions) => request('PUT', `${src(id)}/instructions`, { instructions }),
        };

        """##

    static let file4 = ##"""
        // The console shell: sign-in, navigation, source picker and the hash router.
        import { api, getToken, setToken, clearToken, setUnauthorizedHandler } from './api.js';
        import { h, replace, field, notice, messageOf, busy, toast } from './dom.js';
        import { state, loadSources, selectSource, onSourcesChanged } from './state.js';
        import { sourcesView } from './sources.js';
        import { tablesView } from './tables.js';
        import { askView } from './ask.js';
        import { historyView } from './history.js';
        import { knowledgeView } from './knowledge.js';

        const ROUTES = [
          { path: 'ask', label: 'Ask', icon: '?', view: askView, needsSource: true },
          { path: 'tables', label: 'Tables', icon: '▦', view: tablesView, needsSource: true },
          { path: 'history', label: 'History', icon: '↺', view: historyView, needsSource: true },
          { path: 'knowledge', label: 'Knowledge', icon: '✎', view: knowledgeView, needsSource: true },
          { path: 'sources', label: 'Sources', icon: '⛁', view: sourcesView, needsSource: false },
        ];

        const root = document.getElementById('app');
        let cleanup = null;
        let signInMessage = null;

        setUnauthorizedHandler((err) => {
          if (!getToken()) return;
          clearToken();
          signInMessage = `You were signed out: ${err.message}`;
          renderSignIn();
        });

        function currentRoute() {
          const path = (location.hash.replace(/^#\/?/, '').split('/')[0]) || 'ask';
          return ROUTES.find((r) => r.path === path) || ROUTES[0];
        }

        // ---------------------------------------------------------------- sign-in

        async function renderSignIn() {
          if (cleanup) { cleanup(); cleanup = null; }
          document.title = 'Sign in · Querent';
          const status = h('div.signin-status');
          const tokenInput = h('textarea', { rows: '4', spellcheck: 'false', autocomplete: 'off', placeholder: 'eyJhbGciOiJIUzI1NiIs…', required: true });
          const remember = h('input', { type: 'checkbox', id: 'remember' });
          const submit = h('button.btn.primary.wide', { type: 'submit' }, 'Sign in with token');
          const form = h('form.signin-form', { novalidate: true },
            field('Access token', tokenInput, 'A bearer token (JWT) for your user and agent, such as one printed by querent token.'),
            h('div.check-row', remember, h('label', { for: 'remember' }, 'Keep me signed in on this device')),
            submit);
          const localBox = h('div.local-box');
          const card = h('main.signin-card', { id: 'main' },
            h('div.brand.large', h('span.logo', { 'aria-hidden': 'true' }), h('span', 'Querent')),
            h('h1', 'Sign in to the console'),
            h('p.muted', 'Ask questions about your databases in plain language.'),
            status, localBox, form);
          replace(root, h('div.signin', card));
          root.classList.add('is-signin');
          if (signInMessage) { status.append(notice('warn', signInMessage)); signInMessage = null; }

          const finish = async (token, rememberIt) => {
            setToken(token, rememberIt);
            try {
              await loadSources();
            } catch (err) {
              clearToken();
              replace(status, notice('error', messageOf(err)));
              return;
            }
            root.classList.remove('is-signin');
            if (!location.hash) location.hash = '#/ask';
            renderShell();
          };

          form.addEventListener('submit', (e) => {
            e.preventDefault();
            const token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
            if (!token) { replace(status, notice('error', 'Paste a token first.')); tokenInput.focus(); return; }
            busy(submit, 'Signing in…', () => finish(token, remember.checked));
          });

          try {
            const config = await api.consoleConfig();
            if (config && config.local_sign_in) {
              const btn = h('button.btn.primary.wide.local-sign-in', { type: 'button' }, 'Sign in locally');
              btn.addEventListener('click', () => busy(btn, 'Signing in…', async () => {
                try {
                  const { token } = await api.localSignIn();
                  await finish(token, false);
                } catch (err) { replace(status, notice('error', messageOf(err))); }
              }));
              submit.classList.remove('primary');
              replace(localBox, btn,
                h('p.hint.center', 'This server runs locally with a demo tenant; no token needed.'),
                h('div.divider', h('span', 'or use a token')));
            }
          } catch (_) { /* no local sign-in offered */ }
        }

        // ---------------------------------------------------------------- shell

        let shell = null;

        function renderShell() {
          const picker = h('select', { id: 'source-picker' });
          const nav = h('nav.nav', { 'aria-label': 'Main' });
          const signOut = h('button.btn.ghost.small.sign-out', { type: 'button' }, 'Sign out');
          signOut.addEventListener('click', () => {
            clearToken();
            toast('Signed out');
            renderSignIn();
          });
          picker.addEventListener('change', () => selectSource(picker.value));
          const main = h('main.main', { id: 'main', tabindex: '-1' });
          const side = h('aside.sidebar',
            h('div.brand', h('span.logo', { 'aria-hidden': 'true' }), h('span', 'Querent')),
            h('div.source-pick', h('label', { for: 'source-picker' }, 'Source'), picker),
            nav,
            h('div.side-foot', signOut));
          replace(root, h('div.layout', side, main));
          shell = { picker, nav, main };
          renderPicker();
          route();
        }

        function renderPicker() {
          if (!shell) return;
          const { picker } = shell;
          replace(picker, state.sources.length
            ? state.sources.map((s) => h('option', { value: s.id, selected: s.id === state.sourceId }, `${s.name} (${s.dialect})`))
            : h('option', { value: '' }, 'No sources yet'));
          picker.disabled = !state.sources.length;
        }

        function renderNav(active) {
          replace(shell.nav, ROUTES.map((r) => h('a.nav-link', {
            href: `#/${r.path}`,
            'aria-current': r === active ? 'page' : null,
          }, h('span.nav-icon', { 'aria-hidden': 'true' }, r.icon), h('span', r.label))));
        }

        function route() {
          if (!getToken()) { renderSignIn(); return; }
          if (!shell || !document.body.contains(shell.main)) { renderShell(); return; }
          const r = currentRoute();
          renderNav(r);
          if (cleanup) { cleanup(); cleanup = null; }
          const { main } = shell;
          routedSource = state.sourceId;
          replace(main);
          document.title = `${r.label} · Querent`;
          if (r.needsSource && !state.source) {
            main.append(h('div.page',
              h('header.page-head', h('h1', r.label)),
              h('div.empty-state', h('h2', 'No source selected'),
                h('p', 'Add a database on the Sources page to get started.'),
                h('a.btn.primary', { href: '#/sources' }, 'Go to Sources'))));
            return;
          }
          try {
            const result = r.view(main, state.source);
            cleanup = typeof result === 'function' ? result : null;
          } catch (err) {
            main.append(notice('error', messageOf(err)));
          }
        }

        // A refreshed list (trained counts…) only redraws the picker; another source, or the Sources
        // page itself, redraws the view.
        let routedSource = null;
        onSourcesChanged(() => {
          if (!shell) return;
          renderPicker();
          const r = currentRoute();
          if (r.path === 'sources' || (r.needsSource && state.sourceId !== routedSource)) route();
        });

        window.addEventListener('hashchange', () => {
          route();
          shell?.main?.focus({ preventScroll: true });
        });

        window.addEventListener('unhandledrejection', (e) => {
          const err = e.reason;
          if (err && err.name === 'AbortError') return;
          toast(messageOf(err), 'error');
        });

        async function start() {
          if (!getToken()) { renderSignIn(); return; }
          try {
            await loadSources();
            renderShell();
          } catch (err) {
            if (getToken()) {
              replace(root, h('main.page', { id: 'main' }, notice('error', messageOf(err)),
                h('button.btn', { type: 'button', onclick: () => location.reload() }, 'Retry')));
            }
          }
        }

        start();

        """##

    static let file5 = ##"""
        // Ask: a chat that streams answers (SQL, rows, text), with charts, feedback and SQL editing.
        import { api, readEvents } from './api.js';
        import { h, replace, append, notice, busy, badge, toast, messageOf, fmtNumber, field } from './dom.js';
        import { sqlBlock } from './sql.js';
        import { dataTable } from './table.js';
        import { chartPanel } from './chart.js';

        const conversations = new Map(); // source id → <ol> of turns, kept while the page lives

        const SUGGESTIONS = {
          sample: ['How many orders per status?', 'Revenue per category', 'Revenue per month', 'Top 5 customers by revenue'],
        };

        export function confidenceBadge(c) {
          if (c === null || c === undefined) return null;
          const pct = Math.round(c * 100);
          const level = c >= 0.75 ? 'good' : c >= 0.5 ? 'warn' : 'bad';
          const word = c >= 0.75 ? 'High' : c >= 0.5 ? 'Medium' : 'Low';
          return h(`span.badge.confidence.${level}`, { title: `The generator's confidence: ${pct}%`, dataset: { confidence: String(c) } }, `${word} confidence · ${pct}%`);
        }

        export function resultView(result, { filename = 'result.csv' } = {}) {
          if (!result) return null;
          if (!result.success) return notice('error', result.error || 'The SQL did not run.');
          const columns = result.columns || [];
          const rows = result.data || [];
          const meta = h('p.result-meta',
            `${fmtNumber(result.row_count)} row${result.row_count === 1 ? '' : 's'} · ${fmtNumber(Math.round(result.execution_time_ms * 100) / 100)} ms`,
            result.truncated ? h('span.warn-text', ' · cut at 1,000 rows') : null);
          const chart = chartPanel(columns, rows);
          return h('div.result', meta, chart, dataTable({ columns, rows, pageSize: 10, filename, caption: 'Result rows' }));
        }

        export function askView(main, source) {
          let log = conversations.get(source.id);
          if (!log) {
            log = h('ol.chat-log', { 'aria-label': 'Conversation' });
            conversations.set(source.id, log);
          }
          const input = h('textarea.ask-input', { rows: '2', maxlength: '2000', placeholder: 'Ask a question about your data…', required: true });
          const send = h('button.btn.primary.ask-send', { type: 'submit' }, 'Ask');
          const form = h('form.composer', { novalidate: true },
            h('label.visually-hidden', { for: 'ask-input' }, 'Your question'),
            input, send);
          input.id = 'ask-input';
          const trained = source.trained_tables?.length || 0;
          const empty = h('div.ask-empty',
            h('h2', 'What would you like to know?'),
            h('p.muted', trained
              ? `Querent answers from the ${trained} trained table${trained === 1 ? '' : 's'} of “${source.name}”, shows the SQL it ran, and charts grouped results.`
              : 'No table of this source is trained yet: train some on the Tables page first.'),
            h('div.suggestions', (SUGGESTIONS[source.name] || []).map((q) => {
              const b = h('button.chip', { type: 'button' }, q);
              b.addEventListener('click', () => { input.value = q; input.focus(); });
              return b;
            })));
          const clearBtn = h('button.btn.ghost.small', { type: 'button' }, 'Clear conversation');
          clearBtn.addEventListener('click', () => { replace(log); syncEmpty(); input.focus(); });
          const syncEmpty = () => { empty.hidden = log.children.length > 0; clearBtn.hidden = log.children.length === 0; };

          main.append(h('div.page.ask-page',
            h('header.page-head',
              h('div', h('h1', 'Ask'), h('p.muted', `Questions about “${source.name}” in plain language.`)),
              clearBtn),
            empty, log, form));
          syncEmpty();

          input.addEventListener('keydown', (e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
          });
          form.addEventListener('submit', async (e) => {
            e.preventDefault();
            const q = input.value.trim();
            if (!q) { input.focus(); return; }
            input.value = '';
            send.disabled = true;
            const turn = h('li.turn');
            log.append(turn);
            syncEmpty();
            try { await ask(source, q, turn); } finally {
              send.disabled = false;
              input.focus();
            }
          });
          setTimeout(() => input.focus(), 0);
          if (log.lastElementChild) log.lastElementChild.scrollIntoView({ block: 'end' });
        }

        async function ask(source, question, turn) {
          const answer = h('article.answer', { 'aria-busy': 'true', 'aria-label': `Answer to: ${question}` });
          const head = h('div.answer-head');
          const explanation = h('p.explanation');
          const sqlBox = h('div.answer-sql');
          const resultBox = h('div.answer-result');
          const text = h('p.answer-text');
          const actions = h('div.answer-actions');
          const status = h('div.answer-status', h('span.spinner', { 'aria-hidden': 'true' }), 'Thinking…');
          append(answer, head, explanation, sqlBox, resultBox, text, actions, status);
          append(turn, h('div.question', h('span.visually-hidden', 'You asked: '), question), answer);
          turn.scrollIntoView({ block: 'end', behavior: 'smooth' });

          let generation = null;
          let result = null;
          let historyId = null;
          let failed = false;
          try {
            const response = await api.chat(source.id, question);
            await readEvents(response, (name, data) => {
              if (name === 'sql') {
                generation = data;
                replace(head, confidenceBadge(data.confidence),
                  data.generator ? badge(data.generator, 'muted') : null,
                  (data.table_used || []).length ? h('span.muted.small', `Tables: ${data.table_used.join(', ')}`) : null);
                explanation.textContent = data.explanation || '';
                if (data.sql) replace(sqlBox, sqlBlock(data.sql));
                else replace(sqlBox, notice('warn', 'Querent could not write SQL for this question from the trained tables. Try naming a table or column, or train more tables.'));
                (data.safety_warnings || []).forEach((w) => sqlBox.append(notice('warn', w)));
                status.lastChild.textContent = 'Running the SQL…';
              } else if (name === 'rows') {
                result = data;
                replace(resultBox, resultView(data, { filename: `${slug(question)}.csv` }));
                status.lastChild.textContent = 'Writing the answer…';
              } else if (name === 'done') {
                if (data && data.history_id != null) historyId = data.history_id;
              } else if (name === 'token') {
                text.append(typeof data === 'object' ? data.text || '' : String(data));
              } else if (name === 'error') {
                failed = true;
                const err = data && (data.error || data);
                resultBox.append(notice('error', (err && err.message) || 'The answer failed.'));
              }
            });
          } catch (err) {
            failed = true;
            resultBox.append(notice('error', messageOf(err)));
          }
          answer.removeAttribute('aria-busy');
          status.remove();
          if (!text.textContent.trim()) text.remove();
          answer.dataset.state = failed ? 'error' : 'done';
          if (!generation || !generation.sql) return;

          // The chat's `done` event names the history entry that records this answer (what feedback names).
          const entry = historyId != null ? { id: historyId } : null;
          if (entry) answer.dataset.historyId = String(entry.id);
          replace(actions, feedbackBar(source, entry, generation, result, question));
        }

        function slug(s) {
          return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50) || 'result';
        }

        function feedbackBar(source, entry, generation, result, question) {
          const up = h('button.btn.small.vote', { type: 'button', 'aria-pressed': 'false', dataset: { verdict: 'up' }, disabled: !entry || !result?.success }, '▲ Correct');
          const down = h('button.btn.small.vote', { type: 'button', 'aria-pressed': 'false', dataset: { verdict: 'down' }, disabled: !entry }, '▼ Wrong');
          const edit = h('button.btn.small.ghost', { type: 'button', 'aria-expanded': 'false', dataset: { action: 'edit-sql' } }, 'Edit / correct SQL');
          const state = h('span.feedback-state', { 'aria-live': 'polite' });
          const panel = h('div.sql-editor', { hidden: true });
          up.title = 'The answer is right: keep it as a verified example';
          down.title = 'The answer is wrong';

          const mark = (verdict) => {
            up.setAttribute('aria-pressed', String(verdict === 'up'));
            down.setAttribute('aria-pressed', String(verdict === 'down'));
          };
          const vote = async (btn, verdict, sql) => {
            const r = await busy(btn, 'Sending…', () => api.feedback(source.id, entry.id, verdict, sql));
            mark(verdict);
            return r;
          };
          up.addEventListener('click', async () => {
            try {
              await vote(up, 'up');
              state.textContent = 'Thanks: kept as a verified example for this question.';
            } catch (err) { toast(messageOf(err), 'error'); }
          });
          down.addEventListener('click', async () => {
            try {
              await vote(down, 'down');
              state.textContent = 'Marked as wrong. Correct the SQL to teach Querent the right answer.';
              if (panel.hidden) edit.click();
            } catch (err) { toast(messageOf(err), 'error'); }
          });

          // The SQL editor: run edited SQL, or save it as the correction of this answer.
          const sqlInput = h('textarea.mono.sql-input', { rows: String(Math.min(10, Math.max(3, generation.sql.split('\n').length + 1))), spellcheck: 'false' });
          sqlInput.value = generation.sql;
          const run = h('button.btn.small', { type: 'button', dataset: { action: 'run-sql' } }, 'Run SQL');
          const save = h('button.btn.small.primary', { type: 'button', dataset: { action: 'save-correction' }, disabled: !entry }, 'Save as correction');
          const out = h('div.editor-out', { 'aria-live': 'polite' });
          append(panel,
            field('SQL', sqlInput, 'One read-only SELECT over trained tables. Run it to check, then save it as the right answer to this question.'),
            h('div.actions', run, save), out);
          edit.addEventListener('click', () => {
            panel.hidden = !panel.hidden;
            edit.setAttribute('aria-expanded', String(!panel.hidden));
            if (!panel.hidden) sqlInput.focus();
          });
          run.addEventListener('click', async () => {
            const sql = sqlInput.value.trim();
            if (!sql) { sqlInput.focus(); return; }
            try {
              const r = await busy(run, 'Running…', () => api.runSQL(source.id, sql));
              replace(out, resultView(r, { filename: `${slug(question)}-edited.csv` }));
            } catch (err) { replace(out, notice('error', messageOf(err))); }
          });
          save.addEventListener('click', async () => {
            const sql = sqlInput.value.trim();
            if (!sql) { sqlInput.focus(); return; }
            try {
              const r = await vote(save, 'down', sql);
              const exampleId = r?.feedback?.example_id;
              const msg = h('span', 'Correction saved. Querent is learning it…');
              replace(out, notice('success', msg));
              state.textContent = 'Corrected.';
              if (exampleId) watchExample(source, exampleId, msg, out);
            } catch (err) { replace(out, notice('error', messageOf(err))); }
          });

          return h('div.feedback',
            h('div.feedback-row', h('span.muted.small', 'Was this right?'), up, down, edit, state),
            panel);
        }

        // Follows a taught example until it is trained (or failed).
        async function watchExample(source, exampleId, msg, out) {
          for (let i = 0; i < 60 && out.isConnected; i += 1) {
            await new Promise((r) => setTimeout(r, i < 5 ? 500 : 1500));
            try {
              const { examples } = await api.listExamples(source.id);
              const ex = (examples || []).find((x) => x.id === exampleId);
              if (!ex) return;
              if (ex.state === 'trained') {
                replace(out, notice('success', 'Learned: asking this question again uses your SQL.'));
                out.firstChild.dataset.learned = 'true';
                return;
              }
              if (ex.state === 'failed') {
                replace(out, notice('error', `The correction could not be trained: ${ex.error || 'unknown error'}`));
                return;
              }
            } catch (_) { /* try again */ }
          }
          msg.textContent = 'Correction saved. It will be used once it is trained.';
        }

        """##

    static let file6 = ##"""
        // Hand-written SVG charts: a bar chart for a measure over a category, a line chart for a time series.
        import { h, fmtNumber } from './dom.js';

        const SVG = 'http://www.w3.org/2000/svg';
        function s(tag, attrs = {}, ...children) {
          const el = document.createElementNS(SVG, tag);
          for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
          for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
          return el;
        }

        const TIME_NAME = /(^|_)(date|day|week|month|year|quarter|time|period|at|hour)$|^(date|day|week|month|year|quarter|period)/i;
        const TIME_VALUE = /^\d{4}(-\d{2}(-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?|-Q[1-4]|-W\d{2})?$/;

        const num = (v) => (typeof v === 'number' ? v : (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null));

        // What chart fits a result: {kind: 'bar'|'line', label, value} or null.
        export function chooseChart(columns, rows) {
          if (!rows || rows.length < 2 || rows.length > 200 || columns.length < 2) return null;
          const numeric = columns.filter((c) => rows.every((r) => r[c] === null || num(r[c]) !== null) && rows.some((r) => num(r[c]) !== null));
          const isTime = (c) => rows.every((r) => r[c] === null || TIME_VALUE.test(String(r[c])));
          // The label: the first column that is not a measure, or a time-like numeric column (a year).
          let label = columns.find((c) => !numeric.includes(c));
          if (!label) label = columns.find((c) => TIME_NAME.test(c) && isTime(c));
          if (!label) return null;
          const value = columns.find((c) => c !== label && numeric.includes(c) && !/(^|_)id$/i.test(c));
          if (!value) return null;
          const timeSeries = isTime(label) && (TIME_NAME.test(label) || rows.some((r) => /-/.test(String(r[label]))));
          if (!timeSeries && rows.length > 40) return null;
          return { kind: timeSeries ? 'line' : 'bar', label, value, timeSeries };
        }

        function niceStep(span, ticks, integer) {
          const raw = span / ticks;
          const exp = Math.pow(10, Math.floor(Math.log10(raw)));
          let step = exp;
          for (const f of [1, 2, 2.5, 5, 10]) { if (f * exp >= raw) { step = f * exp; break; } }
          return integer ? Math.max(1, Math.round(step)) : step;
        }

        function shortNumber(v) {
          const a = Math.abs(v);
          if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}B`;
          if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
          if (a >= 1e4) return `${+(v / 1e3).toFixed(1)}k`;
          return fmtNumber(Math.round(v * 100) / 100);
        }

        function truncate(text, n) {
          const t = String(text ?? 'NULL');
          return t.length > n ? `${t.slice(0, n - 1)}…` : t;
        }

        export function renderChart(kind, { label, value }, rows, { title, width = 720 } = {}) {
          const points = rows.map((r) => ({ x: r[label] === null || r[label] === undefined ? 'NULL' : String(r[label]), y: num(r[value]) ?? 0 }));
          // Drawn at the width it is shown at (between 320 and 760 units), so text keeps its size on a phone.
          const W = Math.max(320, Math.min(760, Math.round(width)));
          const H = W < 500 ? 240 : 300;
          const m = { top: 18, right: 16, bottom: kind === 'bar' && (points.length > 8 || (W < 500 && points.length > 4)) ? 72 : 44, left: 52 };
          const iw = W - m.left - m.right;
          const ih = H - m.top - m.bottom;
          const integer = points.every((p) => Number.isInteger(p.y));
          const rawMin = Math.min(0, ...points.map((p) => p.y));
          const rawMax = Math.max(0, ...points.map((p) => p.y));
          const step = rawMax - rawMin > 0 ? niceStep(rawMax - rawMin, 4, integer) : 1;
          const lowY = Math.floor(rawMin / step) * step;
          const maxY = Math.max(lowY + step, Math.ceil(rawMax / step) * step);
          const ticks = Math.round((maxY - lowY) / step);
          const y = (v) => m.top + ih - ((v - lowY) / (maxY - lowY)) * ih;
          const desc = `${kind === 'bar' ? 'Bar' : 'Line'} chart of ${value} by ${label}, ${points.length} points.`;
          const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: `chart chart-${kind}`, role: 'img', 'aria-label': title || desc, preserveAspectRatio: 'xMidYMid meet' },
            s('title', {}, title || desc));

          // Grid and Y axis labels.
          for (let i = 0; i <= ticks; i += 1) {
            const v = lowY + step * i;
            const yy = y(v);
            svg.append(s('line', { x1: m.left, x2: W - m.right, y1: yy, y2: yy, class: i === 0 && lowY === 0 ? 'axis' : 'grid' }));
            svg.append(s('text', { x: m.left - 8, y: yy + 4, class: 'tick', 'text-anchor': 'end' }, shortNumber(v)));
          }
          if (lowY < 0) svg.append(s('line', { x1: m.left, x2: W - m.right, y1: y(0), y2: y(0), class: 'axis' }));

          const slot = iw / points.length;
          const labelEvery = Math.max(1, Math.ceil(points.length / (kind === 'bar' ? 24 : 10)));
          if (kind === 'bar') {
            const bw = Math.max(2, Math.min(56, slot * 0.7));
            points.forEach((p, i) => {
              const cx = m.left + slot * i + slot / 2;
              const top = y(Math.max(0, p.y));
              const bottom = y(Math.min(0, p.y));
              svg.append(s('rect', { x: cx - bw / 2, y: top, width: bw, height: Math.max(1, bottom - top), rx: 3, class: 'bar' },
                s('title', {}, `${p.x}: ${fmtNumber(p.y)}`)));
              if (points.length <= 12) {
                svg.append(s('text', { x: cx, y: top - 5, class: 'value', 'text-anchor': 'middle' }, shortNumber(p.y)));
              }
              if (i % labelEvery === 0) {
                const rotate = points.length > 8 || (W < 500 && points.length > 4);
                svg.append(s('text', {
                  x: cx, y: H - m.bottom + 16, class: 'tick',
                  'text-anchor': rotate ? 'end' : 'middle',
                  transform: rotate ? `rotate(-35 ${cx} ${H - m.bottom + 16})` : null,
                }, truncate(p.x, rotate ? 14 : Math.max(4, Math.floor(slot / 7)))));
              }
            });
          } else {
            const px = (i) => m.left + (points.length === 1 ? iw / 2 : (iw * i) / (points.length - 1));
            const d = points.map((p, i) => `${i ? 'L' : 'M'}${px(i).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
            const area = `${d} L${px(points.length - 1).toFixed(1)},${y(Math.max(lowY, 0)).toFixed(1)} L${px(0).toFixed(1)},${y(Math.max(lowY, 0)).toFixed(1)} Z`;
            svg.append(s('path', { d: area, class: 'area' }));
            svg.append(s('path', { d, class: 'line' }));
            points.forEach((p, i) => {
              svg.append(s('circle', { cx: px(i), cy: y(p.y), r: points.length > 40 ? 2 : 3.5, class: 'dot' },
                s('title', {}, `${p.x}: ${fmtNumber(p.y)}`)));
              if (i % labelEvery === 0 || i === points.length - 1) {
                if (i === points.length - 1 && i % labelEvery !== 0 && i - Math.floor(i / labelEvery) * labelEvery < labelEvery / 2) return;
                svg.append(s('text', { x: px(i), y: H - m.bottom + 18, class: 'tick', 'text-anchor': 'middle' }, truncate(p.x, 12)));
              }
            });
          }
          svg.append(s('text', { x: m.left + iw / 2, y: H - 4, class: 'axis-title', 'text-anchor': 'middle' }, label));
          return svg;
        }

        // A chart panel with a Bar / Line switch.
        export function chartPanel(columns, rows) {
          const choice = chooseChart(columns, rows);
          if (!choice) return null;
          let kind = choice.kind;
          const body = h('div.chart-body');
          const buttons = {};
          let drawnWidth = 0;
          const draw = () => {
            drawnWidth = body.clientWidth || 720;
            body.replaceChildren(renderChart(kind, choice, rows, { width: drawnWidth }));
            for (const [k, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(k === kind));
          };
          for (const k of ['bar', 'line']) {
            buttons[k] = h('button.seg', { type: 'button', 'aria-pressed': 'false', dataset: { kind: k } }, k === 'bar' ? 'Bar' : 'Line');
            buttons[k].addEventListener('click', () => { kind = k; draw(); });
          }
          const panel = h('figure.chart-panel',
            h('div.chart-head',
              h('figcaption', h('strong', choice.value), ' by ', h('strong', choice.label)),
              h('div.segmented', { role: 'group', 'aria-label': 'Chart type' }, buttons.bar, buttons.line)),
            body);
          draw();
          // Redrawn when it is first laid out, and when its width changes much (a phone turned, a window resized).
          new ResizeObserver(() => {
            const w = body.clientWidth;
            if (w && Math.abs(w - drawnWidth) > 40) draw();
          }).observe(body);
          return panel;
        }

        """##

    static let file7 = ##"""
        // Small DOM helpers: element builder, notices, toasts, confirmation dialog, formatting.

        // h('button.btn.primary', {type: 'button', onclick}, 'Text', child…)
        export function h(tag, attrs, ...children) {
          const [name, ...classes] = tag.split('.');
          const el = document.createElement(name || 'div');
          if (classes.length) el.className = classes.join(' ');
          if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
            children.unshift(attrs);
            attrs = null;
          }
          for (const [k, v] of Object.entries(attrs || {})) {
            if (v === undefined || v === null || v === false) continue;
            if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
            else if (k === 'class') el.className += (el.className ? ' ' : '') + v;
            else if (k === 'dataset') Object.assign(el.dataset, v);
            else if (k === 'value') el.value = v;
            else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'required') el[k] = !!v;
            else if (k === 'text') el.textContent = v;
            else el.setAttribute(k, v === true ? '' : String(v));
          }
          append(el, children);
          return el;
        }

        export function append(el, ...children) {
          for (const c of children.flat(Infinity)) {
            if (c === null || c === undefined || c === false) continue;
            el.append(c instanceof Node ? c : document.createTextNode(String(c)));
          }
          return el;
        }

        export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

        export function replace(el, ...children) { clear(el); return append(el, children); }

        let uid = 0;
        export const nextId = (prefix = 'q') => `${prefix}-${++uid}`;

        // A labelled form field: returns {wrap, input}.
        export function field(label, input, hint) {
          if (!input.id) input.id = nextId('f');
          const wrap = h('div.field', h('label', { for: input.id }, label), input);
          if (hint) {
            const hid = nextId('hint');
            wrap.append(h('p.hint', { id: hid }, hint));
            input.setAttribute('aria-describedby', hid);
          }
          return wrap;
        }

        export function notice(kind, message) {
          return h(`div.notice.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, message);
        }

        export function errorNotice(err) {
          return notice('error', messageOf(err));
        }

        export function messageOf(err) {
          if (!err) return 'Something went wrong.';
          return err.message || String(err);
        }

        export function toast(message, kind = 'info') {
          const box = document.getElementById('toasts');
          if (!box) return;
          const t = h(`div.toast.${kind}`, message);
          box.append(t);
          setTimeout(() => t.classList.add("leaving"), 3200);
          setTimeout(() => t.remove(), 3700);
        }

        // A modal confirmation; resolves true or false. Escape and Cancel say no.
        export function confirmDialog({ title, message, confirm = 'Delete', danger = true }) {
          return new Promise((resolve) => {
            const ok = h(`button.btn.${danger ? 'danger' : 'primary'}`, { type: 'button' }, confirm);
            const cancel = h('button.btn', { type: 'button' }, 'Cancel');
            const titleId = nextId('dlg');
            const dlg = h('dialog.dialog', { 'aria-labelledby': titleId },
              h('h2', { id: titleId }, title),
              h('p', message),
              h('div.actions', cancel, ok));
            const done = (v) => { dlg.close(); dlg.remove(); resolve(v); };
            ok.addEventListener('click', () => done(true));
            cancel.addEventListener('click', () => done(false));
            dlg.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
            document.body.append(dlg);
            dlg.showModal();
            cancel.focus();
          });
        }

        // Runs an async action with a button disabled and a busy label.
        export async function busy(button, label, fn) {
          const old = button.textContent;
          button.disabled = true;
          button.setAttribute('aria-busy', 'true');
          if (label) button.textContent = label;
          try { return await fn(); } finally {
            button.disabled = false;
            button.removeAttribute('aria-busy');
            button.textContent = old;
          }
        }

        export function fmtNumber(v) {
          if (v === null || v === undefined || v === '') return '';
          const n = Number(v);
          if (!Number.isFinite(n)) return String(v);
          if (Number.isInteger(n)) return n.toLocaleString('en-US');
          return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) >= 100 ? 2 : 4 });
        }

        export function fmtCell(v) {
          if (v === null || v === undefined) return null;
          if (typeof v === 'number') return fmtNumber(v);
          if (typeof v === 'object') return JSON.stringify(v);
          return String(v);
        }

        export function fmtDate(iso) {
          if (!iso) return '';
          const d = new Date(iso);
          if (Number.isNaN(d.getTime())) return iso;
          return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
        }

        export function badge(text, kind = '') {
          return h(`span.badge${kind ? '.' + kind : ''}`, text);
        }

        export async function copyText(text) {
          try {
            await navigator.clipboard.writeText(text);
          } catch (_) {
            const ta = h('textarea.offscreen', { 'aria-hidden': 'true' });
            ta.value = text;
            document.body.append(ta);
            ta.select();
            document.execCommand('copy');
            ta.remove();
          }
        }

        """##

    static let file8 = ##"""
        // History: past questions and SQL of the source, newest first, with their feedback.
        import { api } from './api.js';
        import { h, replace, append, errorNotice, busy, badge, fmtDate, fmtNumber, toast, messageOf } from './dom.js';
        import { highlight } from './sql.js';
        import { confidenceBadge, resultView } from './ask.js';

        function feedbackBadge(fb) {
          if (!fb) return h('span.muted.small', '—');
          if (fb.verdict === 'up') return badge('▲ Up-voted', 'good');
          return badge(fb.sql ? '▼ Corrected' : '▼ Down-voted', 'bad');
        }

        export function historyView(main, source) {
          const body = h('div.history-list');
          const more = h('button.btn', { type: 'button', hidden: true }, 'Load older');
          const refresh = h('button.btn.ghost.small', { type: 'button' }, 'Refresh');
          let cursor = null;
          let count = 0;

          main.append(h('div.page',
            h('header.page-head',
              h('div', h('h1', 'History'), h('p.muted', `Questions and SQL run on “${source.name}”, newest first.`)),
              refresh),
            h('section.card', body, h('div.center', more))));

          function entryView(e) {
            const details = h('details.history-entry', { dataset: { historyId: String(e.id) } });
            const summary = h('summary',
              h('span.h-when', fmtDate(e.created_at)),
              h('span.h-what', e.question ? e.question : h('span.mono.small', e.sql.length > 90 ? `${e.sql.slice(0, 90)}…` : e.sql)),
              h('span.h-tags',
                e.generator === 'sql' ? badge('SQL', 'muted') : confidenceBadge(e.confidence),
                e.success ? badge(`${fmtNumber(e.row_count)} row${e.row_count === 1 ? '' : 's'}`, 'muted') : badge('failed', 'bad'),
                e.generator === 'sql' ? null : feedbackBadge(e.feedback)));
            const rerun = h('button.btn.small', { type: 'button' }, 'Run again');
            const out = h('div');
            rerun.addEventListener('click', async () => {
              try {
                const r = await busy(rerun, 'Running…', () => api.runSQL(source.id, e.sql));
                replace(out, resultView(r, { filename: `history-${e.id}.csv` }));
              } catch (err) { toast(messageOf(err), 'error'); }
            });
            append(details, summary, h('div.history-body',
              h('pre.sql', h('code', highlight(e.sql))),
              e.error ? h('p.error-text', e.error) : null,
              e.feedback?.sql ? h('div', h('p.small.muted', 'Corrected SQL:'), h('pre.sql', h('code', highlight(e.feedback.sql)))) : null,
              h('p.small.muted', `${e.generator} · ${fmtNumber(Math.round(e.execution_time_ms * 100) / 100)} ms · #${e.id}`),
              h('div.actions.left', rerun), out));
            return details;
          }

          async function load(reset) {
            if (reset) { cursor = null; count = 0; replace(body, h('p.muted', 'Loading…')); }
            try {
              const page = await api.history(source.id, cursor, 25);
              if (reset) replace(body);
              (page.history || []).forEach((e) => body.append(entryView(e)));
              count += (page.history || []).length;
              if (!count) replace(body, h('p.muted', 'Nothing asked yet. Questions asked on the Ask page appear here.'));
              cursor = page.next_cursor || null;
              more.hidden = !cursor || !(page.history || []).length;
            } catch (err) {
              if (reset) replace(body, errorNotice(err)); else toast(messageOf(err), 'error');
            }
          }
          more.addEventListener('click', () => busy(more, 'Loading…', () => load(false)));
          refresh.addEventListener('click', () => busy(refresh, 'Refreshing…', () => load(true)));
          load(true);
        }

        """##

    static let file9 = ##"""
        // Knowledge: what the source was taught — examples, glossary, instructions.
        import { api } from './api.js';
        import { h, replace, field, notice, errorNotice, busy, badge, confirmDialog, toast, messageOf, fmtDate } from './dom.js';
        import { highlight } from './sql.js';

        const STATE_KIND = { trained: 'good', queued: 'warn', failed: 'bad' };

        export function knowledgeView(main, source) {
          const tabs = [
            { id: 'examples', label: 'Examples', render: examplesPanel },
            { id: 'glossary', label: 'Glossary', render: glossaryPanel },
            { id: 'instructions', label: 'Instructions', render: instructionsPanel },
          ];
          const wanted = location.hash.split('/')[2];
          let active = tabs.find((t) => t.id === wanted) || tabs[0];
          const tablist = h('div.tabs', { role: 'tablist', 'aria-label': 'Knowledge' });
          const panel = h('section.card.tab-panel', { role: 'tabpanel', tabindex: '0' });
          let stop = null;

          const show = (t, focus) => {
            active = t;
            if (stop) { stop(); stop = null; }
            replace(tablist, tabs.map((x) => {
              const b = h('button.tab', { type: 'button', role: 'tab', id: `tab-${x.id}`, 'aria-selected': String(x === t), tabindex: x === t ? '0' : '-1', 'aria-controls': 'knowledge-panel' }, x.label);
              b.addEventListener('click', () => show(x, true));
              b.addEventListener('keydown', (e) => {
                const i = tabs.indexOf(x);
                if (e.key === 'ArrowRight') show(tabs[(i + 1) % tabs.length], true);
                if (e.key === 'ArrowLeft') show(tabs[(i + tabs.length - 1) % tabs.length], true);
              });
              return b;
            }));
            panel.id = 'knowledge-panel';
            panel.setAttribute('aria-labelledby', `tab-${t.id}`);
            replace(panel);
            stop = t.render(panel, source) || null;
            if (focus) tablist.querySelector('[aria-selected="true"]')?.focus();
          };

          main.append(h('div.page',
            h('header.page-head', h('div', h('h1', 'Knowledge'),
              h('p.muted', `What “${source.name}” was taught beyond its schema: verified examples, business terms and instructions.`))),
            tablist, panel));
          show(active, false);
          return () => { if (stop) stop(); };
        }

        function examplesPanel(panel, source) {
          const list = h('div.k-list', h('p.muted', 'Loading…'));
          const question = h('input', { type: 'text', maxlength: '2000', placeholder: 'How many orders were cancelled?' });
          const sql = h('textarea.mono', { rows: '3', spellcheck: 'false', placeholder: "SELECT count(*) FROM orders WHERE status = 'cancelled'" });
          const add = h('button.btn.primary', { type: 'submit' }, 'Add example');
          const status = h('div', { 'aria-live': 'polite' });
          const form = h('form.k-form', { novalidate: true },
            h('h3', 'Teach an example'),
            field('Question', question), field('SQL that answers it', sql, 'Checked by the safety gate and run once before it is stored.'),
            status, h('div.actions', add));
          panel.append(h('p.muted', 'Verified question → SQL pairs. Querent answers similar questions with them once they are trained. Up-votes and corrections from the Ask page land here too.'), list, form);
          let timer = null;

          async function load() {
            clearTimeout(timer);
            try {
              const { examples } = await api.listExamples(source.id);
              if (!panel.isConnected) return;
              if (!examples.length) { replace(list, h('p.muted.empty-line', 'No examples yet.')); return; }
              replace(list, h('ul.k-items', examples.map((ex) => {
                const del = h('button.btn.small.danger-ghost', { type: 'button', 'aria-label': `Delete example: ${ex.question}` }, 'Delete');
                del.addEventListener('click', async () => {
                  if (!await confirmDialog({ title: 'Delete this example?', message: `“${ex.question}” will no longer guide answers.`, confirm: 'Delete example' })) return;
                  try { await api.deleteExample(source.id, ex.id); toast('Example deleted'); load(); } catch (err) { toast(messageOf(err), 'error'); }
                });
                return h('li.k-item', { dataset: { exampleId: ex.id, state: ex.state } },
                  h('div.k-main',
                    h('p.k-title', ex.question),
                    h('pre.sql.small', h('code', highlight(ex.sql))),
                    ex.error ? h('p.error-text.small', ex.error) : null,
                    h('p.small.muted', badge(ex.state, STATE_KIND[ex.state] || 'muted'), ' ', badge(ex.origin, 'muted'),
                      ex.history_id ? ` from history #${ex.history_id}` : '', ` · ${fmtDate(ex.created_at)}`)),
                  h('div.k-actions', del));
              })));
              if (examples.some((e) => e.state === 'queued')) timer = setTimeout(load, 2000);
            } catch (err) { replace(list, errorNotice(err)); }
          }
          form.addEventListener('submit', async (e) => {
            e.preventDefault();
            if (!question.value.trim() || !sql.value.trim()) { replace(status, notice('error', 'Enter both a question and its SQL.')); return; }
            replace(status);
            try {
              await busy(add, 'Checking…', () => api.addExample(source.id, question.value.trim(), sql.value.trim()));
              question.value = ''; sql.value = '';
              toast('Example added; it is being trained.', 'success');
              load();
            } catch (err) { replace(status, errorNotice(err)); }
          });
          load();
          return () => clearTimeout(timer);
        }

        function glossaryPanel(panel, source) {
          const list = h('div.k-list', h('p.muted', 'Loading…'));
          const term = h('input', { type: 'text', maxlength: '100', placeholder: 'active customer' });
          const definition = h('textarea', { rows: '2', maxlength: '2000', placeholder: 'A customer who ordered in the last 90 days.' });
          const sql = h('input.mono', { type: 'text', maxlength: '2000', spellcheck: 'false', placeholder: "customers.status = 'active'" });
          const add = h('button.btn.primary', { type: 'submit' }, 'Add term');
          const status = h('div', { 'aria-live': 'polite' });
          const form = h('form.k-form', { novalidate: true },
            h('h3', 'Define a term'),
            h('div.row2', field('Term', term), field('SQL (optional)', sql, 'An aggregate, a condition, a table or table.column.')),
            field('Definition', definition),
            status, h('div.actions', add));
          panel.append(h('p.muted', 'Business words and what they mean on this source. Terms with SQL become measures, filters or synonyms.'), list, form);

          async function load() {
            try {
              const { glossary } = await api.listGlossary(source.id);
              if (!glossary.length) { replace(list, h('p.muted.empty-line', 'No terms yet.')); return; }
              replace(list, h('ul.k-items', glossary.map((t) => {
                const del = h('button.btn.small.danger-ghost', { type: 'button', 'aria-label': `Delete term ${t.term}` }, 'Delete');
                del.addEventListener('click', async () => {
                  if (!await confirmDialog({ title: `Delete “${t.term}”?`, message: 'Questions will no longer use this term.', confirm: 'Delete term' })) return;
                  try { await api.deleteTerm(source.id, t.id); toast('Term deleted'); load(); } catch (err) { toast(messageOf(err), 'error'); }
                });
                return h('li.k-item',
                  h('div.k-main', h('p.k-title', t.term), h('p', t.definition),
                    t.sql ? h('pre.sql.small', h('code', highlight(t.sql))) : null),
                  h('div.k-actions', del));
              })));
            } catch (err) { replace(list, errorNotice(err)); }
          }
          form.addEventListener('submit', async (e) => {
            e.preventDefault();
            if (!term.value.trim() || !definition.value.trim()) { replace(status, notice('error', 'Enter a term and its definition.')); return; }
            replace(status);
            const body = { term: term.value.trim(), definition: definition.value.trim() };
            if (sql.value.trim()) body.sql = sql.value.trim();
            try {
              await busy(add, 'Checking…', () => api.addTerm(source.id, body));
              term.value = ''; definition.value = ''; sql.value = '';
              toast('Term added', 'success');
              load();
            } catch (err) { replace(status, errorNotice(err)); }
          });
          load();
        }

        function instructionsPanel(panel, source) {
          const text = h('textarea', { rows: '8', maxlength: '10000', placeholder: 'Amounts are in EUR, VAT included. Weeks start on Monday.' });
          const save = h('button.btn.primary', { type: 'submit' }, 'Save instructions');
          const status = h('div', { 'aria-live': 'polite' });
          const form = h('form.k-form', { novalidate: true },
            field('Instructions for the LLM generator', text, 'Free text added to the prompt of every question on this source (up to 10,000 characters). Leave empty to clear.'),
            status, h('div.actions', save));
          panel.append(form);
          text.disabled = true;
          api.getInstructions(source.id)
            .then((r) => { text.value = r.instructions || ''; text.disabled = false; })
            .catch((err) => replace(status, errorNotice(err)));
          form.addEventListener('submit', async (e) => {
            e.preventDefault();
            try {
              const r = await busy(save, 'Saving…', () => api.setInstructions(source.id, text.value));
              text.value = r.instructions || '';
              replace(status, notice('success', r.instructions ? 'Instructions saved.' : 'Instructions cleared.'));
            } catch (err) { replace(status, errorNotice(err)); }
          });
        }

        """##

    static let file10 = ##"""
        // Sources: list, add (with a connection test), delete.
        import { api } from './api.js';
        import { h, replace, field, notice, errorNotice, busy, confirmDialog, fmtDate, badge, toast, messageOf } from './dom.js';
        import { state, loadSources, selectSource } from './state.js';

        const PLACEHOLDER = {
          sqlite: '/absolute/path/to/database.sqlite',
          postgres: 'postgres://readonly:secret@db.internal:5432/shop?sslmode=require',
          mysql: 'mysql://readonly:secret@db.internal:3306/shop?sslmode=require',
        };
        const HINT = {
          sqlite: 'The absolute path of the SQLite file, as the Querent server sees it.',
          postgres: 'A postgres:// URL or a libpq key=value string. A read-only user is best.',
          mysql: 'A mysql:// URL (MySQL or MariaDB) or key=value pairs (host, port, user, password, dbname, sslmode). A read-only user is best.',
        };

        export function sourcesView(main) {
          const list = h('div.source-list');
          const page = h('div.page',
            h('header.page-head',
              h('div', h('h1', 'Sources'), h('p.muted', 'The databases Querent may read. Credentials are stored encrypted and never shown again.'))),
            h('section.card', { 'aria-labelledby': 'src-list-h' },
              h('h2', { id: 'src-list-h' }, 'Your sources'),
              list),
            addForm());
          main.append(page);
          renderList(list);
        }

        function renderList(list) {
          if (!state.sources.length) {
            replace(list, h('p.muted', 'No sources yet. Add one below.'));
            return;
          }
          const rows = state.sources.map((s) => {
            const use = h('button.btn.small', { type: 'button', disabled: s.id === state.sourceId }, s.id === state.sourceId ? 'Selected' : 'Use');
            use.addEventListener('click', () => { selectSource(s.id); toast(`Now working on “${s.name}”`); });
            const del = h('button.btn.small.danger-ghost', { type: 'button', 'aria-label': `Delete source ${s.name}` }, 'Delete');
            del.addEventListener('click', async () => {
              const yes = await confirmDialog({
                title: `Delete “${s.name}”?`,
                message: 'Querent forgets this source: its cached schemas, training, semantic model, examples, glossary and instructions. The database itself is not touched.',
                confirm: 'Delete source',
              });
              if (!yes) return;
              try {
                await busy(del, 'Deleting…', () => api.deleteSource(s.id));
                toast(`Deleted “${s.name}”`);
                await loadSources();
              } catch (err) { toast(messageOf(err), 'error'); }
            });
            const trained = s.trained_tables?.length || 0;
            return h('tr', { dataset: { sourceId: s.id } },
              h('th', { scope: 'row' }, h('span.strong', s.name), s.id === state.sourceId ? badge('current', 'accent') : null),
              h('td', badge(s.dialect, { postgres: 'blue', mysql: 'accent' }[s.dialect] || 'teal')),
              h('td.mono.wrap', s.connection_summary),
              h('td.num', `${trained} trained`),
              h('td.nowrap', fmtDate(s.created_at)),
              h('td.actions', use, del));
          });
          replace(list, h('div.table-scroll', h('table.grid.sources-table',
            h('thead', h('tr', ['Name', 'Dialect', 'Connection', 'Tables', 'Added', ''].map((t, i) =>
              h(`th${i === 3 ? '.num' : ''}`, { scope: 'col' }, t ? t : h('span.visually-hidden', 'Actions'))))),
            h('tbody', rows))));
        }

        function addForm() {
          const name = h('input', { type: 'text', name: 'name', required: true, maxlength: '200', autocomplete: 'off', placeholder: 'e.g. shop' });
          const dialect = h('select', { name: 'dialect' },
            h('option', { value: 'sqlite' }, 'SQLite'),
            h('option', { value: 'postgres' }, 'PostgreSQL'),
            h('option', { value: 'mysql' }, 'MySQL / MariaDB'));
          const conn = h('input', { type: 'text', name: 'connection', required: true, spellcheck: 'false', autocomplete: 'off', class: 'mono' });
          const connField = field('Connection', conn, HINT.sqlite);
          const hint = connField.querySelector('.hint');
          const syncDialect = () => {
            conn.placeholder = PLACEHOLDER[dialect.value];
            hint.textContent = HINT[dialect.value];
          };
          dialect.addEventListener('change', syncDialect);
          syncDialect();
          const status = h('div.form-status', { 'aria-live': 'polite' });
          const test = h('button.btn', { type: 'button' }, 'Test connection');
          const add = h('button.btn.primary', { type: 'submit' }, 'Add source');
          const form = h('form.card.form-grid', { 'aria-labelledby': 'src-add-h', novalidate: true },
            h('h2', { id: 'src-add-h' }, 'Add a source'),
            h('div.row2', field('Name', name), field('Dialect', dialect)),
            connField,
            status,
            h('div.actions', test, add));

          const body = () => ({ name: name.value.trim(), dialect: dialect.value, connection: conn.value.trim() });
          const check = (needName) => {
            if (needName && !name.value.trim()) { replace(status, notice('error', 'Give the source a name.')); name.focus(); return false; }
            if (!conn.value.trim()) { replace(status, notice('error', 'Enter the connection.')); conn.focus(); return false; }
            return true;
          };
          test.addEventListener('click', async () => {
            if (!check(false)) return;
            replace(status);
            try {
              const { dialect: d, connection } = body();
              const r = await busy(test, 'Testing…', () => api.testConnection({ dialect: d, connection }));
              replace(status, notice('success', `Connection works: ${r.table_count} table${r.table_count === 1 ? '' : 's'} and views visible.`));
            } catch (err) { replace(status, errorNotice(err)); }
          });
          form.addEventListener('submit', async (e) => {
            e.preventDefault();
            if (!check(true)) return;
            replace(status);
            try {
              const created = await busy(add, 'Adding…', () => api.createSource(body()));
              toast(`Added “${created.name}”. Train its tables next.`, 'success');
              localStorage.setItem('querent.source', created.id);
              state.sourceId = created.id;
              await loadSources();
              location.hash = '#/tables';
            } catch (err) { replace(status, errorNotice(err)); }
          });
          return form;
        }

        """##

    static let file11 = ##"""
        // Simple SQL highlighting: keywords, functions, strings, numbers and comments as spans.
        import { h, copyText, toast } from './dom.js';

        const KEYWORDS = new Set(`select from where group by order having limit offset join left right inner outer full cross on
        as and or not in is null like ilike between case when then else end distinct union all intersect except with
        asc desc exists over partition rows range filter true false cast interval using natural lateral recursive
        nulls first last window`.split(/\s+/));
        const FUNCTIONS = new Set(`count sum avg min max coalesce round strftime date_trunc extract lower upper length substr
        substring trim abs cast date datetime julianday ifnull nullif row_number rank dense_rank lag lead string_agg
        group_concat to_char now current_date total`.split(/\s+/));

        const TOKEN = /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*')|("(?:[^"]|"")*")|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)|(\s+|[^\sA-Za-z0-9_'"-]+|-)/g;

        export function highlight(sql) {
          const frag = document.createDocumentFragment();
          let m;
          TOKEN.lastIndex = 0;
          let last = 0;
          while ((m = TOKEN.exec(sql))) {
            if (m.index > last) frag.append(sql.slice(last, m.index));
            last = TOKEN.lastIndex;
            const [text, comment, str, ident, num, word] = m;
            if (comment) frag.append(h('span.tok-comment', comment));
            else if (str) frag.append(h('span.tok-string', str));
            else if (ident) frag.append(h('span.tok-ident', ident));
            else if (num) frag.append(h('span.tok-number', num));
            else if (word && KEYWORDS.has(word.toLowerCase())) frag.append(h('span.tok-keyword', word));
            else if (word && FUNCTIONS.has(word.toLowerCase()) && sql[TOKEN.lastIndex] === '(') frag.append(h('span.tok-function', word));
            else frag.append(text);
          }
          if (last < sql.length) frag.append(sql.slice(last));
          return frag;
        }

        // A highlighted, copyable SQL block.
        export function sqlBlock(sql, { label = 'SQL' } = {}) {
          const copy = h('button.btn.small.ghost.copy', { type: 'button', 'aria-label': `Copy ${label}` }, 'Copy');
          copy.addEventListener('click', async () => {
            await copyText(sql);
            copy.textContent = 'Copied';
            toast('SQL copied to the clipboard');
            setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
          });
          return h('div.sql-block',
            h('div.sql-head', h('span.sql-label', label), copy),
            h('pre.sql', { tabindex: '0', 'aria-label': label }, h('code', highlight(sql))));
        }

        """##

    static let file12 = ##"""
        // Shared console state: the tenant's sources and the one being worked on.
        import { api } from './api.js';

        const SOURCE_KEY = 'querent.source';
        const listeners = new Set();

        export const state = {
          sources: [],
          sourceId: localStorage.getItem(SOURCE_KEY) || '',
          get source() { return this.sources.find((s) => s.id === this.sourceId) || null; },
        };

        export function onSourcesChanged(fn) { listeners.add(fn); return () => listeners.delete(fn); }
        const emit = () => listeners.forEach((fn) => fn(state));

        export function selectSource(id) {
          state.sourceId = id || '';
          if (id) localStorage.setItem(SOURCE_KEY, id); else localStorage.removeItem(SOURCE_KEY);
          emit();
        }

        export async function loadSources() {
          const { sources } = await api.listSources();
          state.sources = sources || [];
          if (!state.sources.some((s) => s.id === state.sourceId)) {
            const sample = state.sources.find((s) => s.name === 'sample') || state.sources[0];
            state.sourceId = sample ? sample.id : '';
            if (state.sourceId) localStorage.setItem(SOURCE_KEY, state.sourceId); else localStorage.removeItem(SOURCE_KEY);
          }
          emit();
          return state.sources;
        }

        """##

    static let file13 = ##"""
        // Result table: sortable headers (buttons), pagination, CSV download.
        import { h, replace, fmtCell } from './dom.js';

        function compare(a, b) {
          if (a === b) return 0;
          if (a === null || a === undefined) return 1;
          if (b === null || b === undefined) return -1;
          const na = typeof a === 'number' ? a : Number(a);
          const nb = typeof b === 'number' ? b : Number(b);
          if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
          return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
        }

        export function toCSV(columns, rows) {
          const cell = (v) => {
            if (v === null || v === undefined) return '';
            const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
            return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
          };
          return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
        }

        export function downloadCSV(columns, rows, filename) {
          const blob = new Blob([toCSV(columns, rows)], { type: 'text/csv;charset=utf-8' });
          const url = URL.createObjectURL(blob);
          const a = h('a', { href: url, download: filename });
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 5000);
        }

        const isNumeric = (rows, c) => rows.some((r) => typeof r[c] === 'number') &&
          rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number');

        export function dataTable({ columns, rows, pageSize = 10, filename = 'result.csv', caption, csv = true }) {
          let sortCol = null;
          let sortDir = 1;
          let page = 0;
          // Years and ids read wrong with thousands separators, and are labels rather than amounts.
          const plainCols = new Set(columns.filter((c) => /year|(^|_)id$|^id$/i.test(c)));
          const numericCols = new Set(columns.filter((c) => !plainCols.has(c) && isNumeric(rows, c)));
          const wrap = h('div.data-table');
          const scroller = h('div.table-scroll', { tabindex: '0', role: 'region', 'aria-label': caption || 'Result rows' });
          const footer = h('div.table-foot');
          wrap.append(scroller, footer);

          const sorted = () => {
            if (sortCol === null) return rows;
            return rows.slice().sort((a, b) => sortDir * compare(a[sortCol], b[sortCol]));
          };

          function render() {
            const all = sorted();
            const pages = Math.max(1, Math.ceil(all.length / pageSize));
            page = Math.min(page, pages - 1);
            const slice = all.slice(page * pageSize, page * pageSize + pageSize);
            const head = h('tr', columns.map((c) => {
              const dir = sortCol === c ? (sortDir > 0 ? 'ascending' : 'descending') : 'none';
              const btn = h('button.sort', { type: 'button', title: `Sort by ${c}` }, c,
                h('span.sort-ind', { 'aria-hidden': 'true' }, dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'));
              btn.addEventListener('click', () => {
                if (sortCol === c) sortDir = -sortDir; else { sortCol = c; sortDir = 1; }
                render();
                wrap.querySelector(`th[data-col="${CSS.escape(c)}"] button`)?.focus();
              });
              return h(`th${numericCols.has(c) ? '.num' : ''}`, { scope: 'col', 'aria-sort': dir, dataset: { col: c } }, btn);
            }));
            const body = slice.map((r) => h('tr', columns.map((c) => {
              const v = plainCols.has(c) && r[c] !== null && r[c] !== undefined ? String(r[c]) : fmtCell(r[c]);
              return h(`td${numericCols.has(c) ? '.num' : ''}`, v === null ? h('span.null', 'NULL') : v);
            })));
            if (!rows.length) body.push(h('tr', h('td.empty', { colspan: String(Math.max(1, columns.length)) }, 'No rows.')));
            replace(scroller, h('table.grid', caption ? h('caption.visually-hidden', caption) : null, h('thead', head), h('tbody', body)));

            const from = all.length ? page * pageSize + 1 : 0;
            const to = Math.min(all.length, (page + 1) * pageSize);
            const prev = h('button.btn.small', { type: 'button', disabled: page === 0, 'aria-label': 'Previous page' }, '‹ Prev');
            const next = h('button.btn.small', { type: 'button', disabled: page >= pages - 1, 'aria-label': 'Next page' }, 'Next ›');
            prev.addEventListener('click', () => { page -= 1; render(); });
            next.addEventListener('click', () => { page += 1; render(); });
            const dl = csv ? h('button.btn.small.ghost', { type: 'button' }, 'Download CSV') : null;
            dl?.addEventListener('click', () => downloadCSV(columns, sorted(), filename));
            replace(footer,
              h('span.range', `${from}–${to} of ${rows.length.toLocaleString('en-US')} row${rows.length === 1 ? '' : 's'}`),
              h('span.spacer'),
              dl,
              pages > 1 ? h('span.pager', prev, h('span.page-no', `${page + 1} / ${pages}`), next) : null);
          }
          render();
          return wrap;
        }

        """##

    static let file14 = ##"""
        // Tables: the live listing with training state, training with live progress, a table's schema.
        import { api, readEvents } from './api.js';
        import { h, replace, notice, errorNotice, busy, badge, toast, messageOf, fmtNumber, fmtDate, field, confirmDialog } from './dom.js';
        import { dataTable } from './table.js';
        import { loadSources } from './state.js';

        const STAGE_LABEL = {
          queued: 'Queued', started: 'Started', fetch: 'Reading schema', analyze: 'Analysing',
          vectorize: 'Indexing', model: 'Updating model', complete: 'Trained', failed: 'Failed',
        };

        export function tablesView(main, source) {
          const controller = new AbortController();
          let tables = [];
          const selected = new Set();
          const progress = new Map(); // table → {progress, stage, state, error, job, at}
          let openTable = null;
          let pollTimer = null;

          const listBox = h('div.tables-box', h('p.muted', 'Loading tables…'));
          const detail = h('section.card.schema-detail', { hidden: true, 'aria-live': 'polite' });
          const trainBtn = h('button.btn.primary', { type: 'button', disabled: true }, 'Train selected');
          const untrainBtn = h('button.btn', { type: 'button', disabled: true }, 'Untrain selected');
          const refreshBtn = h('button.btn.ghost', { type: 'button' }, 'Refresh');
          const selCount = h('span.muted.sel-count', '');
          const streamState = h('span.stream-state', { title: 'Live training events' });

          main.append(h('div.page',
            h('header.page-head',
              h('div', h('h1', 'Tables'), h('p.muted', `Pick the tables of “${source.name}” Querent should learn. Training reads their schemas, never their data.`)),
              streamState),
            h('section.card', { 'aria-label': 'Tables of the source' },
              h('div.toolbar', trainBtn, untrainBtn, selCount, h('span.spacer'), refreshBtn),
              listBox),
            detail));

          const syncToolbar = () => {
            trainBtn.disabled = selected.size === 0;
            untrainBtn.disabled = ![...selected].some((t) => tables.find((x) => x.name === t)?.trained);
            selCount.textContent = selected.size ? `${selected.size} selected` : '';
          };

          function progressCell(t) {
            const p = progress.get(t.name);
            if (!p) {
              return t.trained ? badge('Trained', 'good') : badge('Not trained', 'muted');
            }
            const pct = Math.max(0, Math.min(100, p.progress ?? 0));
            const failed = p.state === 'failed' || p.stage === 'failed';
            const done = !failed && pct >= 100;
            const bar = h(`div.progress-bar${failed ? '.failed' : done ? '.done' : ''}`);
            bar.style.width = `${failed ? Math.max(pct, 4) : pct}%`;
            const label = failed ? 'Failed' : (STAGE_LABEL[p.stage] || p.stage || 'Queued');
            return h('div.progress-cell', { dataset: { table: t.name, progress: String(pct), state: failed ? 'failed' : done ? 'done' : 'running' } },
              h('div.progress', {
                role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct),
                'aria-label': `Training ${t.name}`, 'aria-valuetext': `${label}, ${pct}%`,
              }, bar),
              h('div.progress-text', h('span', label), h('span.pct', `${pct}%`)),
              failed && p.error ? h('div.progress-error', { role: 'alert' }, p.error) : null);
          }

          function renderList() {
            if (!tables.length) { replace(listBox, h('p.muted', 'This database has no tables or views.')); return; }
            const all = h('input', { type: 'checkbox', 'aria-label': 'Select all tables', checked: selected.size === tables.length });
            all.indeterminate = selected.size > 0 && selected.size < tables.length;
            all.addEventListener('change', () => {
              if (all.checked) tables.forEach((t) => selected.add(t.name)); else selected.clear();
              renderList();
            });
            const rows = tables.map((t) => {
              const cb = h('input', { type: 'checkbox', checked: selected.has(t.name), 'aria-label': `Select ${t.name}`, dataset: { table: t.name } });
              cb.addEventListener('change', () => { if (cb.checked) selected.add(t.name); else selected.delete(t.name); syncToolbar(); all.checked = selected.size === tables.length; all.indeterminate = selected.size > 0 && selected.size < tables.length; });
              const open = h('button.link', { type: 'button', 'aria-expanded': String(openTable === t.name), dataset: { open: t.name } }, t.name);
              open.addEventListener('click', () => showSchema(t.name));
              return h(`tr${openTable === t.name ? '.is-open' : ''}`, { dataset: { table: t.name } },
                h('td.check', cb),
                h('th', { scope: 'row' }, open),
                h('td', h('span.kind', t.kind.replace('_', ' '))),
                h('td.num', t.row_estimate === null || t.row_estimate === undefined ? '—' : fmtNumber(t.row_estimate)),
                h('td.status', progressCell(t)));
            });
            replace(listBox, h('div.table-scroll', h('table.grid.tables-table',
              h('thead', h('tr',
                h('th.check', { scope: 'col' }, all),
                h('th', { scope: 'col' }, 'Table'),
                h('th', { scope: 'col' }, 'Kind'),
                h('th.num', { scope: 'col' }, 'Rows (est.)'),
                h('th.status', { scope: 'col' }, 'Training'))),
              h('tbody', rows))));
            syncToolbar();
          }

          async function loadTables() {
            try {
              const r = await api.listTables(source.id);
              tables = r.tables || [];
              for (const name of [...selected]) if (!tables.some((t) => t.name === name)) selected.delete(name);
              renderList();
            } catch (err) {
              replace(listBox, errorNotice(err));
            }
          }

          // Live progress from the training-events stream.
          function applyEvent(name, ev) {
            if (!ev || typeof ev !== 'object' || !ev.table_name || ev.table_name === '*') return;
            const current = progress.get(ev.table_name);
            if (current && current.job && ev.job_id && ev.job_id !== current.job) return;
            const t = tables.find((x) => x.name === ev.table_name);
            if (name === 'schema.untrained') {
              if (t) t.trained = false;
              progress.delete(ev.table_name);
            } else if (name === 'schema.trained') {
              if (t) t.trained = true;
              progress.set(ev.table_name, { ...(current || {}), progress: 100, stage: 'complete', state: 'completed', error: null, at: Date.now() });
            } else if (name === 'training.progress') {
              if (!current) return; // only jobs started from this page get a bar
              const next = { ...current, progress: ev.progress ?? current.progress, stage: ev.stage || current.stage, state: ev.state || current.state, error: ev.error || null, at: Date.now() };
              if (current.progress >= 100 && next.progress < 100 && next.state !== 'failed') return;
              progress.set(ev.table_name, next);
              if (next.state === 'completed' && t) t.trained = true;
            } else return;
            renderList();
            maybeFinished();
          }

          let finishedTimer = null;
          function maybeFinished() {
            const running = [...progress.values()].some((p) => p.state !== 'completed' && p.state !== 'failed' && (p.progress ?? 0) < 100);
            if (!running) {
              clearTimeout(finishedTimer);
              finishedTimer = setTimeout(() => { loadSources().catch(() => {}); }, 300);
            }
          }

          async function stream() {
            let backoff = 1000;
            while (!controller.signal.aborted) {
              try {
                const response = await api.trainingEvents(source.id, controller.signal);
                streamState.textContent = '● Live';
                streamState.className = 'stream-state live';
                backoff = 1000;
                await readEvents(response, applyEvent);
              } catch (err) {
                if (controller.signal.aborted || err.name === 'AbortError') return;
                if (err.status === 401 || err.status === 404) return;
              }
              if (controller.signal.aborted) return;
              streamState.textContent = '○ Reconnecting…';
              streamState.className = 'stream-state off';
              await new Promise((r) => setTimeout(r, backoff));
              backoff = Math.min(backoff * 2, 15000);
            }
          }

          // A safety net: a job with no event for a while is asked for its status.
          function poll() {
            clearTimeout(pollTimer);
            pollTimer = setTimeout(async () => {
              const stale = [...progress.entries()].filter(([, p]) => p.state !== 'completed' && p.state !== 'failed' && Date.now() - (p.at || 0) > 2500);
              for (const [table, p] of stale) {
                try {
                  const st = await api.trainingStatus(source.id, table);
                  if (p.job && st.job_id !== p.job) continue;
                  applyEvent(st.state === 'completed' ? 'schema.trained' : 'training.progress', { ...st, table_name: table });
                  const q = progress.get(table);
                  if (q) q.at = Date.now();
                } catch (_) { /* keep waiting for events */ }
              }
              if (!controller.signal.aborted && [...progress.values()].some((q) => q.state !== 'completed' && q.state !== 'failed')) poll();
            }, 2500);
          }

          trainBtn.addEventListener('click', async () => {
            const names = [...selected];
            if (!names.length) return;
            // Bars first: events may arrive before the answer (the stream is already open).
            for (const name of names) progress.set(name, { progress: 0, stage: 'queued', state: 'queued', error: null, job: null, at: Date.now() });
            renderList();
            try {
              const r = await busy(trainBtn, 'Queuing…', () => api.train(source.id, names));
              for (const job of r.jobs || []) {
                const prior = progress.get(job.table);
                if (prior) prior.job = job.job_id;
                else progress.set(job.table, { progress: 0, stage: 'queued', state: 'queued', error: null, job: job.job_id, at: Date.now() });
              }
              toast(`Training ${names.length} table${names.length === 1 ? '' : 's'}…`);
              renderList();
              poll();
            } catch (err) {
              for (const name of names) if (!progress.get(name)?.job) progress.delete(name);
              renderList();
              toast(messageOf(err), 'error');
            }
          });

          untrainBtn.addEventListener('click', async () => {
            const names = [...selected].filter((t) => tables.find((x) => x.name === t)?.trained);
            if (!names.length) return;
            const yes = await confirmDialog({
              title: `Untrain ${names.length} table${names.length === 1 ? '' : 's'}?`,
              message: `Questions will no longer read ${names.join(', ')}. You can train ${names.length === 1 ? 'it' : 'them'} again at any time.`,
              confirm: 'Untrain',
            });
            if (!yes) return;
            await busy(untrainBtn, 'Untraining…', async () => {
              for (const name of names) {
                try {
                  await api.untrain(source.id, name);
                  progress.delete(name);
                  const t = tables.find((x) => x.name === name);
                  if (t) t.trained = false;
                } catch (err) { toast(`${name}: ${messageOf(err)}`, 'error'); }
              }
            });
            renderList();
            loadSources().catch(() => {});
          });

          refreshBtn.addEventListener('click', () => busy(refreshBtn, 'Refreshing…', loadTables));

          async function showSchema(name, refresh = false) {
            openTable = name;
            renderList();
            detail.hidden = false;
            replace(detail, h('p.muted', `Loading the schema of ${name}…`));
            let r;
            try {
              r = await api.tableSchema(source.id, name, refresh);
            } catch (err) {
              replace(detail, h('div.detail-head', h('h2', name), closeButton()), errorNotice(err));
              return;
            }
            if (openTable !== name) return;
            renderSchema(r);
            detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
          }

          function closeButton() {
            const b = h('button.btn.ghost.small', { type: 'button', 'aria-label': 'Close the schema' }, 'Close');
            b.addEventListener('click', () => {
              const name = openTable;
              openTable = null; detail.hidden = true; renderList();
              listBox.querySelector(`button[data-open="${CSS.escape(name)}"]`)?.focus();
            });
            return b;
          }

          function renderSchema(r) {
            const s = r.schema;
            const name = s.table_name;
            const desc = h('textarea', { rows: '3', maxlength: '10000', placeholder: 'What this table means to the business: what a row is, units, caveats…' });
            desc.value = s.business_description || '';
            const save = h('button.btn.primary.small', { type: 'button' }, 'Save description');
            const saveStatus = h('span.save-status', { 'aria-live': 'polite' });
            save.addEventListener('click', async () => {
              try {
                await busy(save, 'Saving…', () => api.setBusinessContext(source.id, name, desc.value));
                saveStatus.textContent = r.is_trained ? 'Saved. It reaches answers at the next training.' : 'Saved.';
              } catch (err) { saveStatus.textContent = ''; toast(messageOf(err), 'error'); }
            });
            const reload = h('button.btn.ghost.small', { type: 'button' }, 'Re-read schema');
            reload.addEventListener('click', () => showSchema(name, true));

            const cols = h('table.grid.compact',
              h('thead', h('tr', ['Column', 'Type', 'Null', 'Key', 'Default', 'Notes'].map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', s.columns.map((c) => h('tr',
                h('th', { scope: 'row' }, h('span.mono', c.name)),
                h('td.mono', c.type),
                h('td', c.nullable ? 'yes' : h('span.muted', 'no')),
                h('td', c.primary_key ? badge('PK', 'accent') : null,
                  c.foreign_key ? badge(`→ ${c.foreign_key.references_table}.${c.foreign_key.references_column}`, 'blue') : null),
                h('td.mono.small', c.default ?? ''),
                h('td.small', c.description || (s.value_profile?.[c.name] ? `values: ${s.value_profile[c.name].slice(0, 8).join(', ')}${s.value_profile[c.name].length > 8 ? '…' : ''}` : ''))))));

            const rel = s.relationships.length
              ? h('ul.plain', s.relationships.map((x) => h('li', h('span.mono', `${x.columns.join(', ')} → ${x.references_table}(${x.references_columns.join(', ')})`),
                x.inferred ? badge('inferred', 'muted') : null, x.name ? h('span.muted.small', ` ${x.name}`) : null)))
              : h('p.muted.small', 'None declared.');
            const idx = s.indexes.length
              ? h('ul.plain', s.indexes.map((x) => h('li', h('span.mono', `${x.name} (${x.columns.join(', ')})`),
                x.primary ? badge('primary', 'accent') : x.unique ? badge('unique', 'blue') : null)))
              : h('p.muted.small', 'No indexes.');
            const uniq = (s.unique_constraints || []).length
              ? h('ul.plain', s.unique_constraints.map((u) => h('li.mono', `${u.name ? u.name + ': ' : ''}${u.columns.join(', ')}`)))
              : null;
            const sampleRows = s.sample_data || [];
            const sample = sampleRows.length
              ? dataTable({ columns: s.columns.map((c) => c.name).filter((c) => sampleRows.some((r0) => c in r0)), rows: sampleRows, pageSize: 5, csv: false, caption: `Sample rows of ${name}` })
              : h('p.muted.small', 'No sample rows.');

            replace(detail,
              h('div.detail-head',
                h('div', h('h2', name),
                  h('p.muted.small', `${s.kind.replace('_', ' ')}${s.row_estimate != null ? ` · about ${fmtNumber(s.row_estimate)} rows` : ''} · `,
                    r.is_trained ? 'trained' : 'not trained', ` · updated ${fmtDate(r.updated_at)}`)),
                h('div.actions', reload, closeButton())),
              s.description ? h('p.table-comment', s.description) : null,
              h('div.desc-edit', field('Business description', desc, 'Kept across re-reads and retraining.'), h('div.actions', saveStatus, save)),
              h('h3', 'Columns'), h('div.table-scroll', cols),
              h('div.two-col',
                h('div', h('h3', 'Relationships'), rel),
                h('div', h('h3', 'Indexes'), idx, uniq ? h('h3', 'Unique constraints') : null, uniq)),
              h('h3', 'Sample rows'), sample);
          }

          stream();
          loadTables();
          return () => {
            controller.abort();
            clearTimeout(pollTimer);
            clearTimeout(finishedTimer);
          };
        }

        """##
}
