// Loads dist/cli.js with a V8 code cache, for the `rampart` command and its worker threads.
//
// Every run of the command compiles the 2 MB bundle again, and then each function it calls: for
// a CI run over a few hundred files that is about a tenth of the CPU. V8 can save what it
// compiled (`script.createCachedData()` after the run, so the functions the lint called are in it)
// and start from that next time. Node 22 does this itself (`module.enableCompileCache()`); Node 20,
// which Rampart supports, does not, so this file does the same with `vm.Script` (written by hand:
// the `v8-compile-cache` package hooks every `require` of the process, and this needs one file).
//
// Safety: the cache is executable code, so it lives in a folder only this user can write
// (created 0700 and checked: owned by us, no group/other access) and its name carries the node
// version, the architecture and the bundle's size and modification time; V8 rejects a cache made
// by another V8 or with other flags, and then the bundle is compiled as usual and the cache
// rewritten. Anything that goes wrong (no tmp folder, a read-only disk) only means no cache.
// RAMPART_NO_COMPILE_CACHE=1 turns it off; RAMPART_CACHE_DIR chooses the folder.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { isMainThread, workerData } = require('node:worker_threads');

function cacheDir() {
  if (process.env.RAMPART_NO_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const chosen = process.env.RAMPART_CACHE_DIR;
  const dir = chosen || path.join(os.tmpdir(), `rampart-${uid ?? os.userInfo().username}`, 'v8-cache');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The cache's folder must be ours alone, and so must the one named for the user in tmp.
    for (let d = dir, k = chosen ? 1 : 2; k > 0; k--, d = path.dirname(d)) {
      const st = fs.lstatSync(d);
      if (!st.isDirectory()) return undefined;
      if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    }
    return dir;
  } catch {
    return undefined;
  }
}

/** Runs `file` (a CommonJS module) as `require` would, compiled from the cache when one fits. */
function load(file) {
  const dir = cacheDir();
  let source;
  let st;
  try {
    source = fs.readFileSync(file, 'utf8');
    st = fs.statSync(file);
  } catch {
    return require(file);
  }
  if (!dir) return require(file);
  const name = `${path.basename(file)}-${process.version}-${process.arch}-${st.size}-${Math.floor(st.mtimeMs)}.bin`;
  const cacheFile = path.join(dir, name);
  let cached;
  try {
    cached = fs.readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  let script;
  try {
    script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached, importModuleDynamically: undefined });
  } catch {
    return require(file);
  }
  const fresh = cached === undefined || script.cachedDataRejected === true;
  // The module object `require` would have made, registered so that a second require of the
  // bundle (the worker entry below, a test) finds it instead of loading it again.
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  Module._cache[file] = mod;
  const fn = script.runInThisContext();
  fn.call(mod.exports, mod.exports, (id) => mod.require(id), mod, file, path.dirname(file));
  mod.loaded = true;
  if (isMainThread) {
    // After the run, so the functions it compiled are saved too. A cache made by a short run
    // (`--version`) lacks the lint's functions: a run of half a second or more (where 8 ms to
    // build the data is little) replaces it when its own is a tenth larger. Written whole, then
    // renamed: a concurrent run reads the old cache or the new one, never half of one.
    // `<cache>.full` marks a cache that a long run made or found big enough: later long runs
    // then skip building the data only to compare its size (8–10 ms of every CI run).
    const full = `${cacheFile}.full`;
    process.once('exit', () => {
      try {
        const long = process.uptime() >= 0.5;
        if (!fresh && (!long || fs.existsSync(full))) return;
        const data = script.createCachedData();
        if (!fresh && data.length < cached.length * 1.1) {
          fs.writeFileSync(full, '', { mode: 0o600 });
          return;
        }
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, data, { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        if (long) fs.writeFileSync(full, '', { mode: 0o600 });
        else fs.rmSync(full, { force: true });
        // Caches of older bundles or node versions: only the newest of this bundle name is kept.
        const prefix = `${path.basename(file)}-`;
        for (const other of fs.readdirSync(dir)) {
          if (other !== name && other !== `${name}.full` && other.startsWith(prefix) && (other.endsWith('.bin') || other.endsWith('.bin.full'))) fs.rmSync(path.join(dir, other), { force: true });
        }
      } catch {
        // no cache this time
      }
    });
  }
  return mod.exports;
}

module.exports = { load };

// Started as a worker thread's entry (parallel.ts): load the bundle the worker is for.
if (!isMainThread && require.main === module && workerData && typeof workerData.rampartEntry === 'string') {
  load(workerData.rampartEntry);
}
