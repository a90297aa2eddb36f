SELECT id, note FROM orders WHERE total > 10 ORDER BY note
