import java.util.*;
import java.util.function.*;
public class Shop {
  static final class Cart<T extends Comparable<T>> { List<T> items = new ArrayList<>(); void add(T t) { items.add(t); Collections.sort(items); if (items.size() > 300) items.clear(); } }
  static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
  public static void main(String[] args) {
    Cart<String> c = new Cart<>();
    Function<Integer, String> f = i -> "k" + (i * 7919 % 1000);
    long t0 = System.currentTimeMillis(), s = 0;
    int i = 0;
    while (System.currentTimeMillis() - t0 < 2500) { c.add(f.apply(i++)); s += fib(15); }
    System.out.println(s + c.items.size());
  }
}
