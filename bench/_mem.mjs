setTimeout(() => {
  if (globalThis.gc && process.env.MEM_GC) { globalThis.gc(); }
  const m = process.memoryUsage();
  process.stderr.write(`MEM rss ${(m.rss / 1048576).toFixed(0)} heapUsed ${(m.heapUsed / 1048576).toFixed(0)} heapTotal ${(m.heapTotal / 1048576).toFixed(0)} ext ${(m.external / 1048576).toFixed(0)} ab ${(m.arrayBuffers / 1048576).toFixed(0)}\n`);
}, Number(process.env.MEM_AFTER ?? 20000)).unref();
