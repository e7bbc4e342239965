"""Driving JupyterLab from Playwright: open a notebook, Run All, read its outputs, move a widget.

JupyterLab runs with --LabApp.expose_app_in_browser, so the tests call its commands
(`window.jupyterapp.commands.execute`) as the menus do and read the notebook model directly.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOAD_TIMEOUT = 180_000  # ms: a notebook and its kernel, under load
RUN_TIMEOUT = 1200  # s: Run All of the slowest notebook, under load

CURRENT = "window.jupyterapp.shell.currentWidget"

CELLS_JS = f"""() => {{
  const panel = {CURRENT};
  const cells = [];
  for (let i = 0; i < panel.model.cells.length; i++) cells.push(panel.model.cells.get(i).toJSON());
  return cells;
}}"""

START_RUN_ALL_JS = """(command) => {
  window.__runAll = 'running';
  window.jupyterapp.commands.execute(command)
    .then(() => { window.__runAll = 'done'; })
    .catch(e => { window.__runAll = 'failed: ' + e; });
}"""

IDLE_JS = f"""() => {{
  const panel = {CURRENT};
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  const busy = [...panel.node.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
  return window.__runAll !== 'running' && kernel && kernel.status === 'idle' && !busy;
}}"""


def artifacts() -> Path:
    folder = Path(os.environ.get("VISIONDL_ARTIFACTS") or ROOT / "tests" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def record_timing(name: str, seconds: float) -> None:
    """Add one Run All time to artifacts()/run_all_times.json (each xdist worker writes its own
    run_all_times.<worker>.json, merged into run_all_times.json after each write)."""
    folder = artifacts()
    path = folder / f"run_all_times.{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"
    times = json.loads(path.read_text()) if path.exists() else {}
    times[name] = round(seconds, 1)
    path.write_text(json.dumps(times, indent=2, sort_keys=True) + "\n")
    merged = {}
    for part in sorted(folder.glob("run_all_times.*.json")):
        merged.update(json.loads(part.read_text()))
    (folder / "run_all_times.json").write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")


def open_notebook(page, lab_server, path: str) -> None:
    """Open `path` (relative to the server root) in JupyterLab and wait for an idle kernel."""
    # ?reset: a fresh workspace, so the tabs of earlier tests are not restored behind this one.
    page.goto(lab_server.link(f"/lab/tree/{path}?reset"), timeout=LOAD_TIMEOUT)
    page.wait_for_function(
        f"""() => window.jupyterapp && {CURRENT} && {CURRENT}.sessionContext
            && {CURRENT}.context && {CURRENT}.context.path === {path!r}
            && {CURRENT}.sessionContext.session && {CURRENT}.sessionContext.session.kernel
            && {CURRENT}.sessionContext.session.kernel.status === 'idle'""",
        timeout=LOAD_TIMEOUT,
    )


def panel(page):
    """Return a locator of the notebook panel in front (hidden tabs hold other notebooks)."""
    return page.locator(f"[id='{page.evaluate(f'() => {CURRENT}.id')}']")


def run(page, command: str = "notebook:run-all-cells", timeout: float = RUN_TIMEOUT) -> float:
    """Execute a notebook command (Run All by default), wait for an idle kernel; return the seconds."""
    start = time.monotonic()
    page.evaluate(START_RUN_ALL_JS, command)
    return finished(page, start, timeout)


def finished(page, start: float, timeout: float) -> float:
    """Wait for the command started at `start` and an idle kernel; return the seconds since `start`."""
    page.wait_for_function(IDLE_JS, timeout=timeout * 1000, polling=100)
    seconds = time.monotonic() - start
    outcome = page.evaluate("() => window.__runAll")
    assert outcome == "done", f"the notebook command did not finish: {outcome}"
    return seconds


def cells(page) -> list[dict]:
    """Return the notebook's cells as nbformat JSON, outputs included."""
    return page.evaluate(CELLS_JS)


EXECUTE_JS = f"""async (code) => {{
  const kernel = {CURRENT}.sessionContext.session.kernel;
  const future = kernel.requestExecute({{ code }});
  let out = '';
  future.onIOPub = msg => {{
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') out += msg.content.ename + ': ' + msg.content.evalue;
  }};
  await future.done;
  return out;
}}"""


def execute(page, code: str) -> str:
    """Run code in the open notebook's kernel (not in a cell); return what it printed."""
    return page.evaluate(EXECUTE_JS, code)


# A blank release, as a student who reads on runs it: every cell once, in order, an error stopping none of
# the cells after it (nbclient's allow_errors). JupyterLab sends a cell with the "raises-exception" tag with
# stop_on_error false, so the kernel does not drop the cells queued after it: each code cell gets the tag in
# the page's model (never saved) for one Run All, then loses it again.
START_RUN_TO_END_JS = f"""() => {{
  const panel = {CURRENT};
  const code = [...Array(panel.model.cells.length).keys()].map(i => panel.model.cells.get(i)).filter(c => c.type === 'code');
  const tags = code.map(cell => cell.getMetadata('tags'));
  window.__runAll = 'running';
  (async () => {{
    code.forEach((cell, i) => cell.setMetadata('tags', [...(tags[i] || []), 'raises-exception']));
    try {{
      await window.jupyterapp.commands.execute('notebook:run-all-cells');
      // Run All settles at the first error while the kernel still runs the cells queued after it: a silent
      // request behind them finishes only once the kernel has answered them all
      await panel.sessionContext.session.kernel.requestExecute({{ code: '', silent: true, store_history: false }}).done;
    }} finally {{
      code.forEach((cell, i) => tags[i] === undefined ? cell.deleteMetadata('tags') : cell.setMetadata('tags', tags[i]));
    }}
  }})().then(() => {{ window.__runAll = 'done'; }}, e => {{ window.__runAll = 'failed: ' + e; }});
}}"""


def run_to_end(page, timeout: float = RUN_TIMEOUT) -> float:
    """Run every cell once, in order, errors stopping nothing (see START_RUN_TO_END_JS); return the seconds."""
    start = time.monotonic()
    page.evaluate(START_RUN_TO_END_JS)
    return finished(page, start, timeout)


def unrun(nb: list[dict]) -> list[int]:
    """Return the indices of the code cells that never ran."""
    return [i for i, c in enumerate(nb) if c["cell_type"] == "code" and c.get("execution_count") is None]


def errors(nb: list[dict]) -> list[tuple[str, str, str]]:
    """Return (cell id, ename, evalue) of every error output."""
    return [
        (c.get("id", "?"), o["ename"], o["evalue"][:200])
        for c in nb
        for o in c.get("outputs", [])
        if o["output_type"] == "error"
    ]


def stderr(nb: list[dict]) -> list[tuple[str, str]]:
    return [
        (c.get("id", "?"), "".join(o["text"])[:200])
        for c in nb
        for o in c.get("outputs", [])
        if o["output_type"] == "stream" and o["name"] == "stderr"
    ]


def png_outputs(nb: list[dict]) -> int:
    return sum("image/png" in o.get("data", {}) for c in nb for o in c.get("outputs", []))


def widget_outputs(nb: list[dict]) -> int:
    mime = "application/vnd.jupyter.widget-view+json"
    return sum(mime in o.get("data", {}) for c in nb for o in c.get("outputs", []))


def rendered_images(page) -> int:
    """Count the figures the browser has drawn (loaded <img> in output areas)."""
    return page.evaluate(
        f"""() => [...{CURRENT}.node.querySelectorAll('.jp-OutputArea-output img')]
               .filter(img => img.complete && img.naturalWidth > 0).length"""
    )


def widget_picture(widget) -> str:
    """Return what the widget's linked output shows now (its images' sources and its text)."""
    return widget.evaluate(
        """w => [...w.querySelectorAll('.widget-output img, .jp-OutputArea-output img')]
                  .map(i => i.src.slice(-200)).join('|')
             + [...w.querySelectorAll('.widget-output pre')].map(p => p.textContent).join('|')"""
    )


def nudge(widget) -> str:
    """Move the widget's first control (a slider one step, or a dropdown to another option)."""
    select = widget.locator("select")
    if select.count():
        options = select.first.locator("option").all_text_contents()
        current = select.first.evaluate("s => s.selectedIndex")
        select.first.select_option(index=(current + 1) % len(options))
        return f"dropdown -> {options[(current + 1) % len(options)]}"
    handle = widget.locator(".noUi-handle").first
    readout = widget.locator(".widget-readout").first
    before = readout.text_content()
    handle.focus()
    handle.press("ArrowRight")
    if readout.text_content() == before:
        handle.press("ArrowLeft")
    return f"slider {before} -> {readout.text_content()}"
