use std::collections::HashMap;
fn work(n: u64) -> u64 {
    let mut m: HashMap<u64, u64> = HashMap::new();
    for i in 0..n { *m.entry(i % 1000).or_insert(0) += i; }
    let mut v: Vec<u64> = m.values().cloned().collect();
    for _ in 0..200 { v.sort(); v.reverse(); }
    let f = |x: &u64| x * 3 + 1;
    v.iter().map(f).sum()
}
struct Parser<T> { items: Vec<T> }
impl<T: Clone + std::fmt::Debug> Parser<T> {
    fn parse(&self) -> usize { let mut s = 0; for _ in 0..2000 { s += format!("{:?}", self.items).len(); } s }
}
fn main() {
    let mut total = 0;
    for _ in 0..600 { total += work(200000); }
    let p = Parser { items: vec![1u32, 2, 3] };
    total += p.parse() as u64;
    println!("{}", total);
}
