'use strict';
// A small Node workload for V8 CPU profiles (samples/README.md): recursion,
// JSON parsing, sorting with an anonymous comparator.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function parseAll(lines) {
  let total = 0;
  for (const l of lines) total += JSON.parse(l).v;
  return total;
}
function makeLines(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(JSON.stringify({ v: i, s: 'x'.repeat(i % 50) }));
  return out;
}
function sortNumbers(n) {
  const a = [];
  for (let i = 0; i < n; i++) a.push((i * 7919) % 10007);
  return a.sort((x, y) => x - y);
}
const t0 = Date.now();
let acc = 0;
while (Date.now() - t0 < 1500) {
  acc += fib(22);
  acc += parseAll(makeLines(2000));
  acc += sortNumbers(20000)[5];
}
console.log(acc > 0 ? 'done' : 'odd');
