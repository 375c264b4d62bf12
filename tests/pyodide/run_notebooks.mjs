// Run notebooks' code cells in Pyodide under Node; write each cell's outputs as JSON.
//
//   node tests/pyodide/run_notebooks.mjs --wheels build/pyodide/wheels --out build/pyodide/results \
//        [--skip 06-sessions-and-clients.ipynb:44,59] notebooks/00-start-here.ipynb ...
//
// Pyodide is the npm package pinned in package.json (`npm ci` at the repository root). Each
// notebook gets a fresh Pyodide (a fresh kernel). Wheels are installed offline from the --wheels
// folder (tests/pyodide/wheels.py fills it), the course files a notebook reads (notebooks/,
// helpers/, .gitignore, README.md) are copied into Pyodide's in-memory file system at /course,
// and tests/pyodide/driver.py runs every code cell in IPython. Nothing touches the network:
// fetch, XMLHttpRequest and WebSocket are replaced by functions that throw and are counted.
// Output: <out>/<notebook>.json = {"notebook", "python", "pyodide", "cells": [...], "network": n}.
import { loadPyodide, version as pyodideVersion } from "pyodide";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");

function parseArgs(argv) {
  const args = { wheels: path.join(root, "build", "pyodide", "wheels"), out: null, skip: {}, notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--wheels") args.wheels = path.resolve(argv[++i]);
    else if (a === "--out") args.out = path.resolve(argv[++i]);
    else if (a === "--skip") {
      const [name, cells] = argv[++i].split(":");
      args.skip[name] = cells.split(",").map(Number);
    } else args.notebooks.push(path.resolve(a));
  }
  if (!args.out || args.notebooks.length === 0) {
    console.error("usage: run_notebooks.mjs --out DIR [--wheels DIR] [--skip NB:1,2] NOTEBOOK...");
    process.exit(2);
  }
  return args;
}

let networkAttempts = 0;
function blockNetwork() {
  const refuse = (what) => (...a) => {
    networkAttempts++;
    throw new Error(`network access blocked in the Pyodide test run: ${what} ${String(a[0]).slice(0, 80)}`);
  };
  globalThis.fetch = refuse("fetch");
  globalThis.XMLHttpRequest = function () { refuse("XMLHttpRequest")(); };
  globalThis.WebSocket = function (url) { refuse("WebSocket")(url); };
}

function copyTree(pyodide, from, to, skip = () => false) {
  pyodide.FS.mkdirTree(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = `${to}/${entry.name}`;
    if (skip(entry.name)) continue;
    if (entry.isDirectory()) copyTree(pyodide, src, dst, skip);
    else if (entry.isFile()) pyodide.FS.writeFile(dst, fs.readFileSync(src));
  }
}

const SKIP_NAMES = new Set([".ipynb_checkpoints", "__pycache__", ".venv", "node_modules", "build"]);

async function freshPyodide(wheels) {
  const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  // Offline install: unpack each wheel into site-packages (what micropip does once it has the file).
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  const files = fs.readdirSync(wheels).filter((f) => f.endsWith(".whl")).sort();
  const course = files.find((f) => f.startsWith("requests_course_helpers-"));
  if (!course || !files.some((f) => f.startsWith("micropip-"))) {
    throw new Error(`no course or micropip wheel in ${wheels}: run python tests/pyodide/wheels.py`);
  }
  for (const file of files.filter((f) => f !== course)) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(wheels, file)));
    pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  // The course's wheel through micropip, dependencies checked: each must already be installed
  // (the network is blocked), so a dependency Pyodide cannot have (waitress, nbclient) fails here.
  pyodide.FS.mkdirTree("/wheels");
  pyodide.FS.writeFile(`/wheels/${course}`, new Uint8Array(fs.readFileSync(path.join(wheels, course))));
  await pyodide.runPythonAsync(`import micropip\nawait micropip.install("emfs:/wheels/${course}")`);
  copyTree(pyodide, path.join(root, "notebooks"), "/course/notebooks", (n) => SKIP_NAMES.has(n));
  copyTree(pyodide, path.join(root, "helpers"), "/course/helpers", (n) => SKIP_NAMES.has(n));
  for (const file of [".gitignore", "README.md", "requirements.txt"]) {
    const src = path.join(root, file);
    if (fs.existsSync(src)) pyodide.FS.writeFile(`/course/${file}`, fs.readFileSync(src));
  }
  pyodide.FS.mkdirTree("/runner");
  pyodide.FS.writeFile("/runner/driver.py", fs.readFileSync(path.join(here, "driver.py")));
  return pyodide;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  blockNetwork();
  fs.mkdirSync(args.out, { recursive: true });
  for (const notebook of args.notebooks) {
    const name = path.basename(notebook);
    const started = Date.now();
    const pyodide = await freshPyodide(args.wheels);
    const before = networkAttempts;
    const result = pyodide.runPython(`
import sys
sys.path.insert(0, "/runner")
import driver
driver.run_to_json(${JSON.stringify(`/course/notebooks/${name}`)}, ${JSON.stringify(args.skip[name] || [])})
`);
    const cells = JSON.parse(result);
    const report = {
      notebook: name,
      pyodide: pyodideVersion,
      python: pyodide.runPython("import sys; sys.version.split()[0]"),
      network: networkAttempts - before,
      cells,
    };
    fs.writeFileSync(path.join(args.out, name.replace(/\.ipynb$/, ".json")), JSON.stringify(report, null, 1));
    const errors = cells.filter((c) => c.outputs.some((o) => o.output_type === "error")).length;
    console.log(`${name}: ${cells.length} code cells, ${errors} with an error, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
