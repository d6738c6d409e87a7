function escapeHtml(s) { return s.replace(/[&<>\\]/g, c => '&#' + c.charCodeAt(0) + ';'); }
class Renderer { render(rows) { let out = ''; for (const r of rows) out += `<td>${escapeHtml(r)}</td>`; return out; } }
const fib = (n) => n < 2 ? n : fib(n - 1) + fib(n - 2);
let total = 0;
const r = new Renderer();
const rows = Array.from({length: 2000}, (_, i) => 'a<b>&c\\' + i);
const t0 = Date.now();
while (Date.now() - t0 < 1500) { total += r.render(rows).length; total += fib(18); }
console.log(total);
