package io.querydoctor.bench;

import java.util.Random;

/**
 * Realistic statements for the fingerprint benchmark: ORM-style selects with joins and aliases, IN lists,
 * inserts with literals, updates, comments, casts and dollar quotes; lengths from about 60 to 900 chars.
 */
final class SqlCorpus {

  private SqlCorpus() {}

  static String[] statements(Random random, int count) {
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = statement(random, i);
    }
    return out;
  }

  private static String statement(Random r, int i) {
    switch (i % 6) {
      case 0:
        return "select p1_0.id,p1_0.title,p1_0.created_at,p1_0.author_id,a1_0.id,a1_0.name from post p1_0 "
            + "join author a1_0 on a1_0.id=p1_0.author_id where p1_0.id=" + r.nextInt(1_000_000);
      case 1: {
        StringBuilder in = new StringBuilder("SELECT * FROM orders o WHERE o.status = 'shipped' AND o.customer_id IN (");
        int n = 5 + r.nextInt(60);
        for (int k = 0; k < n; k++) {
          in.append(k == 0 ? "" : ", ").append(r.nextInt(100_000));
        }
        return in.append(") ORDER BY o.created_at DESC LIMIT 50").toString();
      }
      case 2:
        return "INSERT INTO events (id, kind, payload, created_at) VALUES (" + r.nextLong() + ", 'click', "
            + "E'{\"x\": " + r.nextInt() + ", \"note\": \"it\\'s\"}', '2024-0" + (1 + r.nextInt(9)) + "-01'::timestamptz)";
      case 3:
        return "/* app: billing, route: /invoices */ UPDATE invoices SET amount = " + r.nextInt(10_000) + ".50, "
            + "status = 'paid', paid_at = now() WHERE id = " + r.nextInt() + " AND version = " + r.nextInt(9);
      case 4:
        return "SELECT u.id, u.email, count(*) AS orders, sum(o.total)::numeric(12,2) AS spent\n"
            + "  FROM users u\n  LEFT JOIN orders o ON o.user_id = u.id AND o.created_at > now() - interval '"
            + (1 + r.nextInt(90)) + " days'\n -- only active ones\n WHERE u.active = true AND u.country = $$"
            + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + "$$\n GROUP BY u.id, u.email\n"
            + " HAVING count(*) > " + r.nextInt(20) + "\n ORDER BY spent DESC NULLS LAST\n LIMIT 100 OFFSET "
            + r.nextInt(5_000);
      default:
        return "SELECT id, body FROM comment WHERE post_id = ? AND deleted = false ORDER BY id LIMIT ?";
    }
  }
}
