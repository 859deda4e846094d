// The one detector of "the map is drawn", for the browser tests and the benchmark (tests/browser/drawn.py fills
// in the marked values). Installed before the page's own scripts (drawn.install), it keeps the WebGL canvases'
// drawing buffers and times each frame: after new draw calls a fence goes into the WebGL2 stream, and once the
// GPU (here SwiftShader) has passed it the canvases are scanned for marker colours, the basemap's land colour
// and the names' ink. Every websocket message's arrival time and size is kept, so that the benchmark can put
// Streamlit's script_finished on the page's own clock. Evaluated in a page already open (drawn.scan), it only
// reads the canvases as they are: the dashboard draws its map on a 2D canvas, which can be read at any time.
(() => {
  if (window.__bench) return;
  const bench = window.__bench = {found: null, final: null, last: null, error: null, changeAt: null, scans: 0,
                                  scanMs: 0, draws: 0, lastDrawAt: 0, pending: false, messages: [], contexts: []};
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attributes) {
    const webgl = type === 'webgl' || type === 'webgl2' || type === 'experimental-webgl';
    if (webgl) attributes = Object.assign({}, attributes || {}, {preserveDrawingBuffer: true});
    const context = getContext.call(this, type, attributes);
    if (webgl && context && !context.__benchCounted) {  // count draw calls: pixels are read only after new ones
      context.__benchCounted = true;
      bench.contexts.push(context);
      for (const name of ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced',
                          'drawRangeElements', 'clear']) {
        const native = context[name];
        if (typeof native === 'function') {
          context[name] = function (...args) { bench.draws++; bench.lastDrawAt = performance.now(); return native.apply(this, args); };
        }
      }
    }
    return context;
  };
  const NativeSocket = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new NativeSocket(...args);
    socket.addEventListener('message', (event) => {
      const data = event.data;
      bench.messages.push([performance.now(), data.byteLength ?? data.size ?? data.length ?? 0]);
    });
    return socket;
  };
  window.WebSocket.prototype = NativeSocket.prototype;
  for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) window.WebSocket[name] = NativeSocket[name];
  const COLOURS = %(colours)s, TOLERANCE = %(tolerance)d, STEP = 2;
  const LAND = %(land)s, LAND_TOLERANCE = %(land_tolerance)d;
  const NAMES = %(names)s, NAME_TOLERANCE = %(name_tolerance)d;  // the ink of the map's names
  const near = (value, target) => Math.abs(value - target) <= NAME_TOLERANCE;
  const isName = (r, g, b) => NAMES.some((c) => near(r, c[0]) && near(g, c[1]) && near(b, c[2]));
  const LOOKUP = new Uint8Array(1 << 15);  // 5 bits a channel: is this colour a marker colour (1 + its index)?
  for (let key = 0; key < LOOKUP.length; key++) {
    const r = ((key >> 10) << 3) + 4, g = (((key >> 5) & 31) << 3) + 4, b = ((key & 31) << 3) + 4;
    const k = COLOURS.findIndex((c) => Math.abs(r - c[0]) <= TOLERANCE && Math.abs(g - c[1]) <= TOLERANCE
                                       && Math.abs(b - c[2]) <= TOLERANCE);
    LOOKUP[key] = k + 1;
  }
  const scratch = document.createElement('canvas');
  function scan() {
    const started = performance.now();
    let count = 0, land = 0, names = 0, hash = 0, readAt = started;
    for (const canvas of document.querySelectorAll('canvas')) {
      if (canvas === scratch || canvas.width < 200 || canvas.height < 200) continue;
      scratch.width = canvas.width; scratch.height = canvas.height;
      const context = scratch.getContext('2d', {willReadFrequently: true});
      context.clearRect(0, 0, scratch.width, scratch.height);
      context.drawImage(canvas, 0, 0);
      const data = context.getImageData(0, 0, scratch.width, scratch.height).data;
      readAt = performance.now();  // the pixels as they were when the canvas could be read
      const width = scratch.width;
      for (let y = 0; y < scratch.height; y += STEP) {
        for (let i = y * width * 4; i < (y + 1) * width * 4; i += 4 * STEP) {
          if (data[i + 3] < 200) continue;
          if (Math.abs(data[i] - LAND[0]) <= LAND_TOLERANCE && Math.abs(data[i + 1] - LAND[1]) <= LAND_TOLERANCE
              && Math.abs(data[i + 2] - LAND[2]) <= LAND_TOLERANCE) { land++; continue; }
          if (isName(data[i], data[i + 1], data[i + 2])) { names++; hash = (Math.imul(hash, 31) + i) | 0; continue; }
          const k = LOOKUP[((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3)];
          if (k) { count++; hash = (Math.imul(hash, 31) + i * 8 + k) | 0; }
        }
      }
    }
    bench.scans++; bench.scanMs += performance.now() - started;
    return {count, land, names, hash, t: readAt, key: hash + ':' + count + ':' + land + ':' + names};
  }
  bench.scan = scan;
  function errors() {
    return [...document.querySelectorAll('[data-testid="stException"]')].map((e) => e.innerText);
  }
  // Watch for frames holding at least `minimum` sampled marker pixels, `landMinimum` land pixels and
  // `nameMinimum` pixels of the names' ink, drawn after
  // `after` (page clock; null: any). `found` is the first such frame; `final` the first frame of the last
  // picture (it moves on each time a qualifying frame differs from the one before); `last` any last scan.
  bench.watch = (after, minimum, landMinimum, nameMinimum) => {
    bench.found = null; bench.final = null; bench.last = null; bench.error = null; clearTimeout(bench.timer);
    // An error already on the page may be shown again while the rerun replaces it: then only the map, or the
    // timeout, ends the wait.
    const errorBefore = errors().length > 0;
    // Watching from a moment on (the Enter key), only draw calls after it are worth a scan: a scan reads the
    // canvases back from the GPU and holds the page's main thread meanwhile (0.04-0.15 s measured).
    let scannedAt = after === null ? -1 : bench.draws, pending = null;
    const tick = () => {
      if (pending === null && bench.draws !== scannedAt) {
        scannedAt = bench.draws;
        pending = bench.contexts.filter((gl) => typeof gl.fenceSync === 'function' && !gl.isContextLost())
          .map((gl) => { const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0); gl.flush(); return [gl, fence]; });
        pending.issued = bench.lastDrawAt;  // the last draw call before the fence: when the page issued the frame
        bench.pending = true;
      }
      if (pending !== null) {
        const done = pending.every(([gl, fence]) => gl.getSyncParameter(fence, gl.SYNC_STATUS) === gl.SIGNALED);
        if (done) {
          pending.forEach(([gl, fence]) => gl.deleteSync(fence));
          const issued = pending.issued;
          pending = null; bench.pending = false;
          const seen = scan();
          seen.issued = issued;
          bench.last = seen;
          if (seen.count >= minimum && seen.land >= landMinimum && seen.names >= nameMinimum
              && (after === null || issued > after)) {
            if (bench.found === null) bench.found = seen;
            if (bench.final === null || bench.final.key !== seen.key) bench.final = seen;
          }
        }
      }
      if (bench.found === null && !errorBefore && bench.error === null) {
        const shown = errors();
        if (shown.length) bench.error = {t: performance.now(), text: shown[0].slice(0, 300)};
      }
      bench.timer = setTimeout(tick, pending === null ? %(interval)d : %(fence_interval)d);
    };
    tick();
  };
  document.addEventListener('keydown', (event) => {
    if (event.key !== (bench.key || 'Enter')) return;  // the key the benchmark armed the watch for
    bench.changeAt = performance.now();
    if (bench.armed) { const [m, l, n] = bench.armed; bench.armed = null; bench.watch(bench.changeAt, m, l, n); }
  }, true);
  bench.watch(null, %(minimum)d, %(land_minimum)d, %(name_minimum)d);
})();
