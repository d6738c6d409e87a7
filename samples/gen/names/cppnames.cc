#include <functional>
#include <map>
#include <string>
#include <vector>
#include <algorithm>
namespace shop { namespace {
struct Cart {
  std::map<std::string, int> items;
  bool operator<(const Cart& o) const { return items.size() < o.items.size(); }
  int operator()(int k) const { int s = 0; for (auto& [n, v] : items) s += v * k + (int)n.size(); return s; }
};
template <typename T> T Sum(const std::vector<T>& v) { T s{}; for (auto& x : v) s = s + x; return s; }
}  // namespace
int Run(int n) {
  std::function<int (int, int)> mul = [](int a, int b) { return a * b + 1; };
  std::vector<Cart> carts(200);
  for (int i = 0; i < n; ++i) {
    Cart& c = carts[i % 200];
    c.items["item" + std::to_string(i % 50)] += mul(i, 3) % 7;
    std::sort(carts.begin(), carts.end());
  }
  std::vector<long> totals;
  for (auto& c : carts) totals.push_back(c(3));
  return (int)Sum(totals);
}
}  // namespace shop
int main() { int t = 0; for (int r = 0; r < 30; ++r) t += shop::Run(20000); return t & 1; }
