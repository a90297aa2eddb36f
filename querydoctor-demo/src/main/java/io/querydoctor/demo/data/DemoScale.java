package io.querydoctor.demo.data;

/**
 * How many rows each demo table gets. Scale 1 is about 1.3 million rows in all, a million of them comments so
 * that the largest table is large enough for RULES.md's heavy-aggregation threshold (1 000 000 input rows);
 * {@code --scale} multiplies
 * every table but {@code products} (a catalogue grows slower than its orders). Fractions go smaller.
 */
public record DemoScale(double factor) {

  public static final DemoScale DEFAULT = new DemoScale(1);

  public DemoScale {
    if (!(factor > 0) || factor > 1000) {
      throw new IllegalArgumentException("scale must be > 0 and <= 1000, got " + factor);
    }
  }

  public long users() {
    return rows(20_000);
  }

  public long posts() {
    return rows(100_000);
  }

  public long comments() {
    return rows(1_000_000);
  }

  public long products() {
    return Math.max(20, Math.round(2_000 * Math.min(factor, 10)));
  }

  public long orders() {
    return rows(50_000);
  }

  public long orderItems() {
    return rows(150_000);
  }

  /**
   * Orders added after the last ANALYZE, all {@code pending}: the bulk change that leaves statistics stale
   * (planted problem 4). Larger than the 10 % of RULES.md's stale-statistics threshold.
   */
  public long staleOrders() {
    return rows(25_000);
  }

  public long totalRows() {
    return users() + posts() + comments() + products() + orders() + orderItems() + staleOrders();
  }

  private long rows(long atScaleOne) {
    return Math.max(10, Math.round(atScaleOne * factor));
  }
}
